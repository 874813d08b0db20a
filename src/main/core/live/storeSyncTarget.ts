import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailFolder, MailMessage } from '../../../shared/domain';
import { GuichetHeader } from '../../../shared/keywords';
import { parseMessage, stableMessageId } from '../mail/parse';
import type { Store, StoredMessage } from '../store';
import type { FolderSyncState, SyncedMessage, SyncFolder, SyncTarget } from '../sync';

// The sync engine's storage, over the real store. Sync speaks (folder, uid); the store keys
// messages by a stable id, so a UIDVALIDITY change or a re-sync never makes a duplicate.

const TEXT_KEPT = 32 * 1024; // enough for triage; the full body stays in the .eml cache

/** Stable id from what the server tells before the body: the same mail gets the same id after any rebuild. */
export function syncedMessageId(m: Pick<SyncedMessage, 'folder' | 'messageId' | 'size' | 'date' | 'from' | 'subject'>): string {
  const sha = createHash('sha256').update([m.folder, m.messageId ?? '', m.size, m.date, m.from.address, m.subject].join('\n')).digest('hex');
  return stableMessageId(m.messageId, sha);
}

function stampOf(headers: Record<string, string>): MailMessage['stamp'] {
  const get = (name: string): string | undefined => headers[name.toLowerCase()];
  const ticket = get(GuichetHeader.ticket);
  const action = get(GuichetHeader.action);
  if (!ticket || !action) return null;
  const target = get(GuichetHeader.targetService);
  return { ticket, action, agent: get(GuichetHeader.agent) ?? '', ...(target ? { targetService: target } : {}) };
}

function resentOf(headers: Record<string, string>): MailMessage['resent'] {
  const from = headers['resent-from'];
  const messageId = headers['resent-message-id'];
  if (!from || !messageId) return null;
  return { from, to: headers['resent-to'] ?? '', date: headers['resent-date'] ?? '', messageId };
}

export function toStoredMessage(serviceId: string, m: SyncedMessage, previous: StoredMessage | undefined): StoredMessage {
  return {
    id: previous?.id ?? syncedMessageId(m),
    serviceId,
    folder: m.folder,
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references,
    subject: m.subject,
    from: m.from,
    to: m.to,
    cc: m.cc,
    date: m.internalDate,
    keywords: m.keywords,
    text: previous?.text ?? '',
    html: null,
    attachments: previous?.attachments ?? [],
    stamp: stampOf(m.headers),
    resent: resentOf(m.headers),
    incomplete: previous?.incomplete ?? false,
    uids: { ...(previous?.uids ?? {}), [m.folder]: m.uid },
    modseq: m.modseq ?? '0',
    flags: m.flags,
    size: m.size,
    internalDate: m.internalDate,
  };
}

export interface StoreSyncTargetEvents {
  /** Message ids whose triage view changed (metadata, keywords, or a body's text that was read). */
  onMessagesChanged(ids: string[]): void;
}

export interface StoreSyncTargetOptions {
  /** The text parse waits until no body arrived for this long: a sync's writes go first. Default 150 ms. */
  quietMs?: number;
  /** Parsed texts are written to the store in batches of this many. Default 200. */
  textBatch?: number;
}

export interface StoreSyncTarget extends SyncTarget {
  idOf(folder: SyncFolder, uid: number): string | undefined;
  /** Resolves when every body stored so far has had its text read and written to the store. */
  whenTextsFilled(): Promise<void>;
}

/** Parsed sources held in memory while they wait for the parse; past this they are read back from disk. */
const PARSE_QUEUE_HELD_BYTES = 16 * 1024 * 1024;
const PARSE_CONCURRENCY = 2;

interface ParseJob {
  id: string;
  folder: SyncFolder;
  raw: Buffer | null;
}

type ParsedText = Pick<StoredMessage, 'text' | 'attachments' | 'incomplete' | 'stamp' | 'resent'>;

/**
 * Reading a body for triage (mailparser, attachments to disk) costs about a millisecond per
 * message, far more than storing it: putBody only stores the raw source and queues the parse here.
 * The queue runs when no body arrived for `quietMs` (sync first), and writes the texts to the
 * store in batches, each followed by one onMessagesChanged.
 */
class TextFiller {
  private readonly queue: ParseJob[] = [];
  private readonly queued = new Set<string>();
  private heldBytes = 0;
  private runners = 0;
  private lastBodyAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly parsed = new Map<string, ParsedText>();
  private writing: Promise<void> = Promise.resolve();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    private readonly store: Store,
    private readonly serviceId: string,
    private readonly attachmentRoot: string,
    private readonly events: StoreSyncTargetEvents,
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
          if (parsed) this.parsed.set(job.id, parsed);
        } catch {
          // Unreadable source, or its file went away: the message keeps its metadata; a later run retries.
        } finally {
          this.queued.delete(job.id);
          if (job.raw !== null) this.heldBytes -= job.raw.length;
        }
        if (this.parsed.size >= this.textBatch) this.flush();
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
    const raw = job.raw ?? await readFile(this.store.bodies.getBodyPath(this.serviceId, job.id));
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

export function createStoreSyncTarget(store: Store, serviceId: string, attachmentRoot: string, events: StoreSyncTargetEvents, options: StoreSyncTargetOptions = {}): StoreSyncTarget {
  const texts = new TextFiller(store, serviceId, attachmentRoot, events, options.quietMs ?? 150, options.textBatch ?? 200);
  // (folder, uid) -> stable id, rebuilt from the store on open.
  const index = new Map<SyncFolder, Map<number, string>>();
  const folderIndex = (folder: SyncFolder): Map<number, string> => {
    let map = index.get(folder);
    if (!map) index.set(folder, (map = new Map()));
    return map;
  };
  for (const message of store.messages.all(serviceId)) {
    for (const [folder, uid] of Object.entries(message.uids) as Array<[MailFolder, number]>) folderIndex(folder).set(uid, message.id);
  }

  return {
    idOf: (folder, uid) => index.get(folder)?.get(uid),
    whenTextsFilled: () => texts.whenIdle(),
    async loadFolderState(folder) {
      const state = store.syncState.get(serviceId)?.[folder];
      if (!state) return null;
      return { uidValidity: state.uidValidity, highestModseq: state.highestModseq === '0' ? null : state.highestModseq, uidNext: state.uidNext, lastSyncAt: state.lastSyncAt ?? '' };
    },
    async saveFolderState(folder, state: FolderSyncState) {
      await store.syncState.setFolder(serviceId, folder, { uidValidity: state.uidValidity, highestModseq: state.highestModseq ?? '0', uidNext: state.uidNext, lastSyncAt: state.lastSyncAt });
    },
    async upsert(folder, messages) {
      const records: StoredMessage[] = [];
      for (const m of messages) {
        const knownId = folderIndex(folder).get(m.uid) ?? syncedMessageId(m);
        const record = toStoredMessage(serviceId, m, store.messages.get(serviceId, knownId));
        folderIndex(folder).set(m.uid, record.id);
        records.push(record);
      }
      await store.messages.upsert(serviceId, records);
      events.onMessagesChanged(records.map((r) => r.id));
    },
    async expunge(folder, uids) {
      const removed: string[] = [];
      for (const uid of uids) {
        const id = folderIndex(folder).get(uid);
        folderIndex(folder).delete(uid);
        if (!id) continue;
        const message = store.messages.get(serviceId, id);
        if (!message) continue;
        const { [folder]: _gone, ...rest } = message.uids;
        if (Object.keys(rest).length === 0) removed.push(id);
        else await store.messages.patch(serviceId, id, { uids: rest });
      }
      if (removed.length > 0) {
        await store.messages.remove(serviceId, removed);
        for (const id of removed) await store.bodies.removeBody(serviceId, id).catch(() => {});
      }
      events.onMessagesChanged(removed);
    },
    async resetFolder(folder) {
      // Forget the old UIDs only: messages keep their stable id, so the refetch finds them again.
      folderIndex(folder).clear();
    },
    async knownFlags(folder) {
      const flags = new Map<number, string[]>();
      for (const [uid, id] of folderIndex(folder)) {
        const message = store.messages.get(serviceId, id);
        if (message) flags.set(uid, [...message.flags, ...message.keywords]);
      }
      return flags;
    },
    async hasBody(folder, uid) {
      const id = folderIndex(folder).get(uid);
      if (id === undefined || !(await store.bodies.hasBody(serviceId, id))) return false;
      // A body stored by an earlier run whose text was never read (closed before the parse): read it now.
      const message = store.messages.get(serviceId, id);
      if (message && message.text === '' && message.attachments.length === 0 && !texts.has(id)) texts.add(id, folder, null);
      return true;
    },
    async putBody(folder, uid, raw) {
      const id = folderIndex(folder).get(uid);
      if (!id) return;
      await store.bodies.putBody(serviceId, id, raw);
      if (store.messages.get(serviceId, id)) texts.add(id, folder, raw);
    },
  };
}
