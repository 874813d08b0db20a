import type { ImapFlow } from 'imapflow';
import { toUidSet } from './decisions';
import type { SyncFolder, SyncTarget } from './syncTarget';

// Raw sources into the target. `source` is fetched as BODY.PEEK[] on a mailbox opened with
// EXAMINE, so \Seen is never set (test/integration/sync/seen.test.ts checks it).
//
// A full pass gets most sources with the metadata (folderSync); the rest come from prefetch runs:
// one FETCH of a run of UIDs, each source handed to a BodyWriter as it arrives. The disk writes
// overlap the stream and the next FETCH, nothing waits per message, and the command lane is
// released as soon as the server has sent the run (see sessionBodies for how runs are sized).

async function openReadOnly(client: ImapFlow, path: string): Promise<void> {
  if (!client.mailbox || client.mailbox.path !== path || !client.mailbox.readOnly) {
    await client.mailboxOpen(path, { readOnly: true });
  }
}

/** hasBody probes in flight at once (a stat each for the store). */
const HAS_BODY_PARALLEL = 64;

/** UIDs received since `since`, newest first. Right after a pass the mailbox is still open: no EXAMINE. */
export async function windowUids(client: ImapFlow, path: string, since: Date): Promise<number[]> {
  await openReadOnly(client, path);
  if (client.mailbox && client.mailbox.exists === 0) return [];
  const found = await client.search({ since }, { uid: true });
  return (Array.isArray(found) ? found : []).sort((a, b) => b - a);
}

/** Of `uids`, those whose body the target lacks (in the same order); `stored` are known to be there. */
export async function missingBodies(folder: SyncFolder, target: SyncTarget, uids: readonly number[], stored?: ReadonlySet<number>): Promise<number[]> {
  const unknown = uids.filter((uid) => !stored?.has(uid));
  const has = new Array<boolean>(unknown.length);
  let next = 0;
  const probe = async (): Promise<void> => {
    for (let i = next++; i < unknown.length; i = next++) has[i] = await target.hasBody(folder, unknown[i] as number);
  };
  await Promise.all(Array.from({ length: Math.min(HAS_BODY_PARALLEL, unknown.length) }, probe));
  return unknown.filter((_, i) => !has[i]);
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
    return this.run(raw.length, () => this.target.putBody(folder, uid, raw));
  }

  private run(bytes: number, store: () => Promise<void>): Promise<void> {
    this.bytes += bytes;
    const run = async (): Promise<void> => {
      try {
        await store();
      } finally {
        this.bytes -= bytes;
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

  /**
   * Queues several writes that settle together: one putBodies call (one slot) when the target
   * has it, else one putBody each. Rejects with the first failure.
   */
  writeMany(folder: SyncFolder, bodies: ReadonlyArray<{ uid: number; raw: Buffer }>): Promise<void> {
    const { target } = this;
    if (target.putBodies === undefined) return settleAll(bodies.map((b) => this.write(folder, b.uid, b.raw)));
    const bytes = bodies.reduce((n, b) => n + b.raw.length, 0);
    return this.run(bytes, () => (target.putBodies as NonNullable<SyncTarget['putBodies']>).call(target, folder, bodies));
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

/** Waits for every write; rejects with the first failure. */
export async function settleAll(writes: ReadonlyArray<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(writes);
  const bad = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (bad) throw bad.reason;
}
