import { join } from 'node:path';
import { parseMessage } from '../mail/parse';
import type { Store, StoredMessage } from '../store';
import type { SyncFolder } from '../sync';

// The triage text of synced messages, read from their bodies in the background (see TextFiller).

const TEXT_KEPT = 32 * 1024; // enough for triage; the full body stays in the body cache

/** Parsed sources held in memory while they wait for the parse; past this they are read back from disk. */
const PARSE_QUEUE_HELD_BYTES = 16 * 1024 * 1024;
const PARSE_CONCURRENCY = 2;
/**
 * Parsed texts are written at least this often (and at most `textBatch` at a time). Each write
 * re-encodes every bucket its records fall in, so small writes cost the store far more than the
 * parse: at 10,000 messages, batches of 200 took 2.5-4.7 s of writing, batches of 2,000 1.4 s.
 */
const FLUSH_EVERY_MS = 1000;

interface ParseJob {
  id: string;
  folder: SyncFolder;
  raw: Buffer | null;
}

type ParsedText = Pick<StoredMessage, 'text' | 'attachments' | 'incomplete' | 'stamp' | 'resent'>;

/**
 * Reading a body for triage (mailparser, attachments to disk) costs about a millisecond per
 * message (a simple text/plain one, read directly by mail/simpleText.ts, about a tenth of that),
 * far more than storing it: putBody only stores the raw source and queues the parse here.
 * The queue runs when no body arrived for `quietMs` (sync first), and writes the texts to the
 * store in batches (every FLUSH_EVERY_MS, at most `textBatch`), each followed by one
 * onMessagesChanged.
 */
export class TextFiller {
  private readonly queue: ParseJob[] = [];
  private readonly queued = new Set<string>();
  private heldBytes = 0;
  private runners = 0;
  private lastBodyAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly parsed = new Map<string, ParsedText>();
  /** When the oldest text not yet written was parsed. */
  private parsedSince = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly serviceId: string,
    private readonly attachmentRoot: string,
    private readonly events: { onMessagesChanged(ids: string[]): void },
    private readonly quietMs: number,
    private readonly textBatch: number,
  ) {}

  has(id: string): boolean {
    return this.queued.has(id);
  }

  add(id: string, folder: SyncFolder, raw: Buffer | null): void {
    this.lastBodyAt = Date.now();
    if (this.queued.has(id)) return;
    this.queued.add(id);
    const keep = raw !== null && this.heldBytes + raw.length <= PARSE_QUEUE_HELD_BYTES;
    if (keep) this.heldBytes += raw.length;
    this.queue.push({ id, folder, raw: keep ? raw : null });
    this.schedule();
  }

  whenIdle(): Promise<void> {
    if (this.isIdle()) return this.writing;
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.runners === 0 && this.parsed.size === 0;
  }

  private quiet(): boolean {
    return Date.now() >= this.lastBodyAt + this.quietMs;
  }

  private schedule(): void {
    if (this.timer !== null || this.runners > 0 || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.quiet()) { this.schedule(); return; }
      while (this.runners < PARSE_CONCURRENCY && this.queue.length > 0) {
        this.runners++;
        void this.run();
      }
    }, Math.max(0, this.lastBodyAt + this.quietMs - Date.now()));
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0 && this.quiet()) {
        const job = this.queue.shift() as ParseJob;
        try {
          const parsed = await this.parse(job);
          if (parsed) {
            if (this.parsed.size === 0) this.parsedSince = Date.now();
            this.parsed.set(job.id, parsed);
          }
        } catch {
          // Unreadable source, or its file went away: the message keeps its metadata; a later run retries.
        } finally {
          this.queued.delete(job.id);
          if (job.raw !== null) this.heldBytes -= job.raw.length;
        }
        if (this.parsed.size >= this.textBatch || (this.parsed.size > 0 && Date.now() - this.parsedSince >= FLUSH_EVERY_MS)) this.flush();
        // A fresh turn of the event loop between messages: sockets and timers keep being served.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.runners--;
    }
    if (this.queue.length > 0) {
      this.schedule(); // bodies are arriving again: give way
    } else if (this.runners === 0) {
      this.flush();
      void this.writing.then(() => {
        if (!this.isIdle()) return;
        for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async parse(job: ParseJob): Promise<ParsedText | null> {
    if (!this.store.messages.get(this.serviceId, job.id)) return null;
    const raw = job.raw ?? await this.store.bodies.readBody(this.serviceId, job.id);
    if (raw === null) return null; // lost since (a crash, a damaged pack): sync fetches it again
    const attachmentDir = join(this.attachmentRoot, this.serviceId, job.id.replace(/[^a-zA-Z0-9._-]/g, '_').slice(0, 80));
    const body = (await parseMessage(raw, { serviceId: this.serviceId, folder: job.folder, attachmentDir })).message;
    return { text: body.text.slice(0, TEXT_KEPT), attachments: body.attachments, incomplete: body.incomplete, stamp: body.stamp, resent: body.resent };
  }

  /** Writes the texts parsed so far onto the current records (metadata may have moved meanwhile). */
  private flush(): void {
    if (this.parsed.size === 0) return;
    const batch = [...this.parsed];
    this.parsed.clear();
    this.writing = this.writing.then(async () => {
      const records: StoredMessage[] = [];
      for (const [id, text] of batch) {
        const message = this.store.messages.get(this.serviceId, id);
        if (!message) continue;
        records.push({ ...message, text: text.text, attachments: text.attachments, incomplete: text.incomplete, stamp: message.stamp ?? text.stamp, resent: message.resent ?? text.resent });
      }
      if (records.length === 0) return;
      try {
        await this.store.messages.upsert(this.serviceId, records);
      } catch {
        // The store is closed: stop here; the texts are read again on a later run (see hasBody).
        this.queue.length = 0;
        this.queued.clear();
        this.heldBytes = 0;
        return;
      }
      this.events.onMessagesChanged(records.map((r) => r.id));
    });
  }
}
