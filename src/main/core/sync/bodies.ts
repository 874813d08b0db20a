import type { ImapFlow } from 'imapflow';
import { toUidSet } from './decisions';
import type { SyncFolder, SyncTarget } from './syncTarget';

// Raw sources into the target. `source` is fetched as BODY.PEEK[] on a mailbox opened with
// EXAMINE, so \Seen is never set (test/integration/sync/seen.test.ts checks it).
//
// Prefetch streams a run of UIDs in one FETCH and hands each source to a BodyWriter as it
// arrives: the disk writes overlap the stream and the next FETCH, nothing waits per message, and
// the command lane is released as soon as the server has sent the run (see serviceSync's
// storeBodies for how the runs are sized).

async function openReadOnly(client: ImapFlow, path: string): Promise<void> {
  if (!client.mailbox || client.mailbox.path !== path || !client.mailbox.readOnly) {
    await client.mailboxOpen(path, { readOnly: true });
  }
}

/** hasBody probes in flight at once (a stat each for the store). */
const HAS_BODY_PARALLEL = 64;

/** UIDs received since `since` whose body the target lacks, newest first. */
export async function missingBodies(client: ImapFlow, path: string, folder: SyncFolder, target: SyncTarget, since: Date): Promise<number[]> {
  await openReadOnly(client, path);
  if (client.mailbox && client.mailbox.exists === 0) return [];
  const found = await client.search({ since }, { uid: true });
  const uids = (Array.isArray(found) ? found : []).sort((a, b) => b - a);
  const has = new Array<boolean>(uids.length);
  let next = 0;
  const probe = async (): Promise<void> => {
    for (let i = next++; i < uids.length; i = next++) has[i] = await target.hasBody(folder, uids[i] as number);
  };
  await Promise.all(Array.from({ length: Math.min(HAS_BODY_PARALLEL, uids.length) }, probe));
  return uids.filter((_, i) => !has[i]);
}

export interface BodyWriterOptions {
  /** putBody calls in flight at once. */
  concurrency: number;
}

/**
 * A bounded pipeline of target.putBody: at most `concurrency` writes run at once, the rest wait
 * in memory (callers bound that memory with whenBelow before fetching more).
 */
export class BodyWriter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private bytes = 0;
  private readonly byteWaiters: Array<{ limit: number; resolve: () => void }> = [];

  constructor(private readonly target: SyncTarget, private readonly options: BodyWriterOptions = { concurrency: 16 }) {}

  /** Bytes handed over and not yet written. */
  pendingBytes(): number {
    return this.bytes;
  }

  /** Resolves once the bytes not yet written drop to `limit` or below. */
  whenBelow(limit: number): Promise<void> {
    if (this.bytes <= limit) return Promise.resolve();
    return new Promise((resolve) => this.byteWaiters.push({ limit, resolve }));
  }

  /** Queues one write; the promise settles when it is stored (or failed). */
  write(folder: SyncFolder, uid: number, raw: Buffer): Promise<void> {
    this.bytes += raw.length;
    const run = async (): Promise<void> => {
      try {
        await this.target.putBody(folder, uid, raw);
      } finally {
        this.bytes -= raw.length;
        this.active--;
        this.waiting.shift()?.();
        this.wakeByteWaiters();
      }
    };
    if (this.active < this.options.concurrency) {
      this.active++;
      return run();
    }
    return new Promise<void>((resolve) => this.waiting.push(() => { this.active++; resolve(); })).then(run);
  }

  private wakeByteWaiters(): void {
    for (let i = this.byteWaiters.length - 1; i >= 0; i--) {
      const w = this.byteWaiters[i] as { limit: number; resolve: () => void };
      if (this.bytes <= w.limit) {
        this.byteWaiters.splice(i, 1);
        w.resolve();
      }
    }
  }
}

export interface FetchedRun {
  /** Sources the server still had (each handed to the writer). */
  count: number;
  bytes: number;
  /** One per source: settles when that source is stored. */
  writes: Array<Promise<void>>;
}

/**
 * Streams the raw sources of `uids` in one UID FETCH and hands each to `writer` as it arrives.
 * Resolves when the server has sent them all; the writes may still be running (see `writes`).
 */
export async function fetchBodies(client: ImapFlow, path: string, folder: SyncFolder, writer: BodyWriter, uids: readonly number[]): Promise<FetchedRun> {
  const run: FetchedRun = { count: 0, bytes: 0, writes: [] };
  if (uids.length === 0) return run;
  await openReadOnly(client, path);
  const wanted = new Set(uids);
  for await (const row of client.fetch(toUidSet(uids), { uid: true, source: true }, { uid: true })) {
    if (row.source === undefined || !wanted.has(row.uid)) continue;
    const write = writer.write(folder, row.uid, row.source);
    write.catch(() => {}); // reported by whoever awaits `writes`
    run.writes.push(write);
    run.count++;
    run.bytes += row.source.length;
  }
  return run;
}

/** One body on demand; null when the server no longer has the message. */
export async function fetchOneBody(client: ImapFlow, path: string, uid: number): Promise<Buffer | null> {
  await openReadOnly(client, path);
  const row = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  return row && row.source !== undefined ? row.source : null;
}

/** How many UIDs the next FETCH of a prefetch takes, from the average size seen so far. */
export function nextRunSize(seenBytes: number, seenCount: number, budgetBytes: number, min: number, max: number, first: number): number {
  if (seenCount === 0) return first;
  const average = Math.max(1, seenBytes / seenCount);
  return Math.max(min, Math.min(max, Math.floor(budgetBytes / average)));
}
