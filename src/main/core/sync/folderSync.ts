import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import {
  chunk, diffUids, linkKeepsUp, needsExpungeScan, planResync, sameFlags, toUidSet,
  type ConnectionFeatures, type ResyncPlan, type ServerFolderStatus,
} from './decisions';
import { METADATA_QUERY, METADATA_WITH_SOURCE_QUERY, toSyncedMessage } from './messageMapping';
import type { SyncChange, SyncedMessage, SyncFolder, SyncTarget } from './syncTarget';

// One resync pass of one folder on the command connection (mailbox opened read-only: EXAMINE).

/** Expunges the server reported on the command connection, by mailbox path. */
export class ExpungeLedger {
  private collecting: { path: string; uids: Set<number> } | null = null;
  private readonly unsure = new Set<string>();

  /** imapflow's expungeHandler. VANISHED carries UIDs; a plain EXPUNGE only a sequence number. */
  record(event: { path: string; uid?: number | undefined; vanished?: boolean | undefined }): void {
    if (event.vanished && event.uid !== undefined && this.collecting?.path === event.path) {
      this.collecting.uids.add(event.uid);
    } else {
      this.unsure.add(event.path);
    }
  }

  /** Collect VANISHED UIDs for `path` while `work` runs. */
  async collect(path: string, work: () => Promise<void>): Promise<Set<number>> {
    const uids = new Set<number>();
    this.collecting = { path, uids };
    try {
      await work();
    } finally {
      this.collecting = null;
    }
    return uids;
  }

  /** True once when an expunge was seen that we could not attribute to a UID. */
  takeUnsure(path: string): boolean {
    return this.unsure.delete(path);
  }
}

export interface FolderSyncContext {
  client: ImapFlow;
  folder: SyncFolder;
  path: string;
  target: SyncTarget;
  features: ConnectionFeatures;
  ledger: ExpungeLedger;
  now: () => Date;
  batchSize: number;
  onChange: (change: SyncChange) => void;
  /** Messages still to fetch in this pass are announced (total) and counted (done). */
  onProgress: (delta: { done: number; total: number }) => void;
  /**
   * Full passes fetch the sources of the body window's messages up to `maxBytes` in the same FETCH
   * as their metadata (imapflow's parsing, not the bytes, is what a FETCH costs). `store` gets
   * them right after their metadata's upsert is issued; its promise is the backpressure on the FETCH.
   */
  inlineBodies?: { since: Date; maxBytes: number; store: (rows: Array<{ uid: number; source: Buffer }>) => Promise<void> };
}

export function serverStatusOf(box: MailboxObject): ServerFolderStatus {
  return {
    uidValidity: Number(box.uidValidity),
    uidNext: box.uidNext,
    exists: box.exists,
    highestModseq: box.noModseq || box.highestModseq === undefined ? null : box.highestModseq.toString(),
  };
}

async function fetchRows(client: ImapFlow, range: string, query: Parameters<ImapFlow['fetch']>[1], changedSince?: string): Promise<FetchMessageObject[]> {
  const rows: FetchMessageObject[] = [];
  // Collect first: another command inside this loop would deadlock imapflow.
  for await (const row of client.fetch(range, query, changedSince !== undefined ? { uid: true, changedSince: BigInt(changedSince) } : { uid: true })) {
    rows.push(row);
  }
  return rows;
}

async function searchUids(client: ImapFlow, range: string): Promise<number[]> {
  const found = await client.search({ uid: range }, { uid: true });
  return Array.isArray(found) ? found : [];
}

/** Batches per FETCH: one command streams several batches, each stored as soon as it is complete. */
const BATCHES_PER_FETCH = 5;

interface FetchResult {
  stored: number;
  sourceBytes: number;
  /** Time spent receiving and parsing, waits for the store left out. */
  readingMs: number;
}

interface FetchPlan {
  kind: 'added' | 'changed';
  rebuild: boolean;
  /** Fetch the sources too (and read the header block from them). */
  withSource: boolean;
}

/** Batches read whose upsert is not yet durable, at most: the reading waits past this. */
const BATCHES_IN_FLIGHT = 3;
/** A batch of inline sources is stored once it holds this much, whatever its count: memory stays bounded. */
const INLINE_BATCH_BYTES = 8 * 1024 * 1024;
/** The first inline FETCH is small: it tells whether the link keeps up before much is asked of it. */
const INLINE_FIRST_RUN = 500;

/**
 * Fetches metadata for `uids` in FETCHes of several batches of `batchSize`. Each batch's upsert
 * (and its inline sources) starts as soon as it is read; its report (progress, onChange) follows
 * once it is durable, in order. The reading goes on meanwhile: a few batches may wait on the disk.
 */
async function fetchMetadata(ctx: FolderSyncContext, uidValidity: number, uids: number[], plan: FetchPlan): Promise<FetchResult> {
  const result: FetchResult = { stored: 0, sourceBytes: 0, readingMs: 0 };
  if (uids.length === 0) return result;
  ctx.onProgress({ done: 0, total: uids.length });
  const query = plan.withSource ? METADATA_WITH_SOURCE_QUERY : METADATA_QUERY;
  for (const run of chunk(uids, ctx.batchSize * BATCHES_PER_FETCH)) {
    const wanted = new Set(run);
    let seen = 0;
    let batch: SyncedMessage[] = [];
    let sources: Array<{ uid: number; source: Buffer }> = [];
    let batchBytes = 0;
    const reports: Array<Promise<void>> = [];
    // `last`: nothing more is read after this batch, so the reading need not wait for the writer.
    const store = async (last = false): Promise<void> => {
      const [messages, bodies] = [batch, sources];
      [batch, sources, batchBytes] = [[], [], 0];
      if (messages.length === 0) return;
      const upserted = ctx.target.upsert(ctx.folder, messages);
      // The sources go at once (the target knows their UIDs from the upsert just issued): held
      // no longer than the disk takes. Its promise holds the reading while the writer is behind.
      const writerBelowBudget = bodies.length > 0 ? ctx.inlineBodies?.store(bodies) : undefined;
      const previous = reports.at(-1);
      const report = (async () => {
        await upserted;
        await previous;
        result.stored += messages.length;
        ctx.onProgress({ done: messages.length, total: 0 });
        ctx.onChange({ folder: ctx.folder, added: plan.kind === 'added' ? messages : [], changed: plan.kind === 'changed' ? messages : [], removedUids: [], rebuild: plan.rebuild });
      })();
      report.catch(() => {}); // awaited below or by the next report
      reports.push(report);
      if (!last) await writerBelowBudget;
      if (reports.length > BATCHES_IN_FLIGHT) await reports.shift();
    };
    const started = performance.now();
    let waited = 0;
    try {
      // Storing is not an IMAP command: awaiting it inside the loop pauses the reading, never the server.
      for await (const row of ctx.client.fetch(toUidSet(run), query, { uid: true })) {
        if (!wanted.has(row.uid)) continue;
        seen++;
        batch.push(toSyncedMessage(row, ctx.folder, uidValidity));
        if (plan.withSource && row.source !== undefined) {
          sources.push({ uid: row.uid, source: row.source });
          batchBytes += row.source.length;
          result.sourceBytes += row.source.length;
        }
        if (batch.length >= ctx.batchSize || batchBytes >= INLINE_BATCH_BYTES) {
          const pause = performance.now();
          await store();
          waited += performance.now() - pause;
        }
      }
      result.readingMs += performance.now() - started - waited;
      await store(true);
    } finally {
      await Promise.allSettled(reports); // nothing of this pass keeps running after it
    }
    for (const report of reports) await report;
    // UIDs the server no longer had still count as done.
    if (run.length > seen) ctx.onProgress({ done: run.length - seen, total: 0 });
  }
  return result;
}

async function removeUids(ctx: FolderSyncContext, uids: number[], rebuild: boolean): Promise<void> {
  if (uids.length === 0) return;
  await ctx.target.expunge(ctx.folder, uids);
  ctx.onChange({ folder: ctx.folder, added: [], changed: [], removedUids: uids, rebuild });
}

/**
 * Initial pass, or rebuild after a UIDVALIDITY change: fetch what is missing, nothing is new mail.
 * Returns true when nothing was held before, so the pass fetched the metadata of every message.
 */
async function fullPass(ctx: FolderSyncContext, server: ServerFolderStatus, known: Map<number, string[]>): Promise<boolean> {
  const onServer = server.exists === 0 ? [] : await searchUids(ctx.client, '1:*');
  const { missing, gone } = diffUids(known.keys(), onServer);
  await removeUids(ctx, gone, true);
  if (known.size > 0 && server.exists > 0) {
    // A pass cut short earlier left messages whose flags may have moved since: compare them all.
    const rows = await fetchRows(ctx.client, '1:*', { uid: true, flags: true });
    const stale = rows.filter((r) => {
      const before = known.get(r.uid);
      return before !== undefined && !sameFlags(before, [...(r.flags ?? [])]);
    }).map((r) => r.uid);
    await fetchMetadata(ctx, server.uidValidity, stale, { kind: 'changed', rebuild: true, withSource: false });
  }
  const inline = await inlineUids(ctx, missing);
  let withSource = missing.filter((u) => inline.has(u));
  const metadataOnly = missing.filter((u) => !inline.has(u));
  for (let size = INLINE_FIRST_RUN; withSource.length > 0; size = ctx.batchSize * BATCHES_PER_FETCH) {
    const run = withSource.slice(0, size);
    withSource = withSource.slice(size);
    const fetched = await fetchMetadata(ctx, server.uidValidity, run, { kind: 'changed', rebuild: true, withSource: true });
    if (!linkKeepsUp(fetched.readingMs, run.length, fetched.sourceBytes)) {
      // A slow link: metadata first, the bodies after (prefetch), so the queue is not kept waiting.
      metadataOnly.push(...withSource);
      withSource = [];
    }
  }
  await fetchMetadata(ctx, server.uidValidity, metadataOnly.sort((a, b) => a - b), { kind: 'changed', rebuild: true, withSource: false });
  return known.size === 0;
}

/** Which of `missing` get their source in the metadata FETCH: in the body window, and small. */
async function inlineUids(ctx: FolderSyncContext, missing: number[]): Promise<Set<number>> {
  if (!ctx.inlineBodies || missing.length === 0) return new Set();
  const { since, maxBytes } = ctx.inlineBodies;
  const found = await ctx.client.search({ since, smaller: maxBytes + 1 }, { uid: true });
  return new Set(Array.isArray(found) ? found : []);
}

async function incrementalPass(ctx: FolderSyncContext, plan: Extract<ResyncPlan, { kind: 'qresync' | 'condstore' | 'uidRange' }>, server: ServerFolderStatus, known: Map<number, string[]>): Promise<void> {
  const maxKnown = Math.max(0, ...known.keys());
  // New mail: UIDs above the highest we hold ("N:*" also returns the last message, hence the filter).
  const fresh = (await searchUids(ctx.client, `${maxKnown + 1}:*`)).filter((u) => u > maxKnown);
  const { stored: added } = await fetchMetadata(ctx, server.uidValidity, fresh, { kind: 'added', rebuild: false, withSource: false });

  // Flag and keyword changes on what we hold, plus VANISHED UIDs when QRESYNC is on.
  let vanished = new Set<number>();
  const changedUids: number[] = [];
  if (maxKnown > 0) {
    let rows: FetchMessageObject[] = [];
    const flagsQuery = { uid: true, flags: true };
    const since = plan.kind === 'uidRange' ? undefined : plan.since;
    vanished = await ctx.ledger.collect(ctx.path, async () => {
      rows = await fetchRows(ctx.client, `1:${maxKnown}`, flagsQuery, since);
    });
    for (const row of rows) {
      const before = known.get(row.uid);
      if (before !== undefined && !vanished.has(row.uid) && !sameFlags(before, [...(row.flags ?? [])])) changedUids.push(row.uid);
    }
  }
  await fetchMetadata(ctx, server.uidValidity, changedUids, { kind: 'changed', rebuild: false, withSource: false });

  let removed = [...vanished].filter((u) => known.has(u));
  const unsure = ctx.ledger.takeUnsure(ctx.path);
  const exists = ctx.client.mailbox ? ctx.client.mailbox.exists : server.exists;
  if (unsure || needsExpungeScan(known.size - removed.length, added, exists)) {
    const onServer = await searchUids(ctx.client, '1:*');
    const { missing, gone } = diffUids([...known.keys(), ...fresh], onServer);
    removed = gone;
    // A gap below maxKnown (a pass cut short earlier): fill it quietly.
    await fetchMetadata(ctx, server.uidValidity, missing.filter((u) => u <= maxKnown), { kind: 'changed', rebuild: false, withSource: false });
    await fetchMetadata(ctx, server.uidValidity, missing.filter((u) => u > maxKnown), { kind: 'added', rebuild: false, withSource: false });
  }
  await removeUids(ctx, removed.sort((a, b) => a - b), false);
}

export interface FolderPass {
  plan: ResyncPlan['kind'];
  /** Every message of the folder came through onChange in this pass (a full pass from nothing). */
  sawEveryMessage: boolean;
}

/** Brings one folder up to date with the server. */
export async function syncFolder(ctx: FolderSyncContext): Promise<FolderPass> {
  const box = await ctx.client.mailboxOpen(ctx.path, { readOnly: true });
  const server = serverStatusOf(box);
  const local = await ctx.target.loadFolderState(ctx.folder);
  const plan = planResync(local, server, ctx.features);
  let sawEveryMessage = false;
  switch (plan.kind) {
    case 'unchanged':
      ctx.ledger.takeUnsure(ctx.path);
      return { plan: plan.kind, sawEveryMessage: false };
    case 'rebuild': {
      const old = [...(await ctx.target.knownFlags(ctx.folder)).keys()].sort((a, b) => a - b);
      await ctx.target.resetFolder(ctx.folder, server.uidValidity);
      if (old.length > 0) ctx.onChange({ folder: ctx.folder, added: [], changed: [], removedUids: old, rebuild: true });
      sawEveryMessage = await fullPass(ctx, server, new Map());
      break;
    }
    case 'initial':
      sawEveryMessage = await fullPass(ctx, server, await ctx.target.knownFlags(ctx.folder));
      break;
    default:
      await incrementalPass(ctx, plan, server, await ctx.target.knownFlags(ctx.folder));
  }
  ctx.ledger.takeUnsure(ctx.path);
  // The status read at EXAMINE time: anything that moved since is seen again next pass.
  await ctx.target.saveFolderState(ctx.folder, {
    uidValidity: server.uidValidity,
    highestModseq: server.highestModseq,
    uidNext: server.uidNext,
    lastSyncAt: ctx.now().toISOString(),
  });
  return { plan: plan.kind, sawEveryMessage };
}
