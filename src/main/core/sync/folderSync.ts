import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import {
  chunk, diffUids, needsExpungeScan, planResync, sameFlags, toUidSet,
  type ConnectionFeatures, type ResyncPlan, type ServerFolderStatus,
} from './decisions';
import { METADATA_QUERY, toSyncedMessage } from './messageMapping';
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

/**
 * Fetches metadata for `uids`; each batch of `batchSize` is stored, then reported. A FETCH carries
 * several batches: the server keeps streaming while a batch is stored (no round trip per batch).
 */
async function fetchMetadata(ctx: FolderSyncContext, uidValidity: number, uids: number[], kind: 'added' | 'changed', rebuild: boolean): Promise<number> {
  let stored = 0;
  if (uids.length === 0) return 0;
  ctx.onProgress({ done: 0, total: uids.length });
  for (const run of chunk(uids, ctx.batchSize * BATCHES_PER_FETCH)) {
    const wanted = new Set(run);
    const seen = new Set<number>();
    let batch: SyncedMessage[] = [];
    let reported = 0;
    const store = async (): Promise<void> => {
      const messages = batch;
      batch = [];
      if (messages.length > 0) await ctx.target.upsert(ctx.folder, messages);
      stored += messages.length;
      const done = seen.size - reported;
      reported = seen.size;
      if (done > 0) ctx.onProgress({ done, total: 0 });
      if (messages.length > 0) {
        ctx.onChange({ folder: ctx.folder, added: kind === 'added' ? messages : [], changed: kind === 'changed' ? messages : [], removedUids: [], rebuild });
      }
    };
    // Storing is not an IMAP command: awaiting it inside the loop pauses the reading, never the server.
    for await (const row of ctx.client.fetch(toUidSet(run), METADATA_QUERY, { uid: true })) {
      if (!wanted.has(row.uid)) continue;
      seen.add(row.uid);
      batch.push(toSyncedMessage(row, ctx.folder, uidValidity));
      if (batch.length >= ctx.batchSize) await store();
    }
    await store();
    // UIDs the server no longer had still count as done.
    if (run.length > reported) ctx.onProgress({ done: run.length - reported, total: 0 });
  }
  return stored;
}

async function removeUids(ctx: FolderSyncContext, uids: number[], rebuild: boolean): Promise<void> {
  if (uids.length === 0) return;
  await ctx.target.expunge(ctx.folder, uids);
  ctx.onChange({ folder: ctx.folder, added: [], changed: [], removedUids: uids, rebuild });
}

/** Initial pass, or rebuild after a UIDVALIDITY change: fetch what is missing, nothing is new mail. */
async function fullPass(ctx: FolderSyncContext, server: ServerFolderStatus, known: Map<number, string[]>): Promise<void> {
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
    await fetchMetadata(ctx, server.uidValidity, stale, 'changed', true);
  }
  await fetchMetadata(ctx, server.uidValidity, missing, 'changed', true);
}

async function incrementalPass(ctx: FolderSyncContext, plan: Extract<ResyncPlan, { kind: 'qresync' | 'condstore' | 'uidRange' }>, server: ServerFolderStatus, known: Map<number, string[]>): Promise<void> {
  const maxKnown = Math.max(0, ...known.keys());
  // New mail: UIDs above the highest we hold ("N:*" also returns the last message, hence the filter).
  const fresh = (await searchUids(ctx.client, `${maxKnown + 1}:*`)).filter((u) => u > maxKnown);
  const added = await fetchMetadata(ctx, server.uidValidity, fresh, 'added', false);

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
  await fetchMetadata(ctx, server.uidValidity, changedUids, 'changed', false);

  let removed = [...vanished].filter((u) => known.has(u));
  const unsure = ctx.ledger.takeUnsure(ctx.path);
  const exists = ctx.client.mailbox ? ctx.client.mailbox.exists : server.exists;
  if (unsure || needsExpungeScan(known.size - removed.length, added, exists)) {
    const onServer = await searchUids(ctx.client, '1:*');
    const { missing, gone } = diffUids([...known.keys(), ...fresh], onServer);
    removed = gone;
    // A gap below maxKnown (a pass cut short earlier): fill it quietly.
    await fetchMetadata(ctx, server.uidValidity, missing.filter((u) => u <= maxKnown), 'changed', false);
    await fetchMetadata(ctx, server.uidValidity, missing.filter((u) => u > maxKnown), 'added', false);
  }
  await removeUids(ctx, removed.sort((a, b) => a - b), false);
}

/** Brings one folder up to date with the server. Returns the plan it followed. */
export async function syncFolder(ctx: FolderSyncContext): Promise<ResyncPlan['kind']> {
  const box = await ctx.client.mailboxOpen(ctx.path, { readOnly: true });
  const server = serverStatusOf(box);
  const local = await ctx.target.loadFolderState(ctx.folder);
  const plan = planResync(local, server, ctx.features);
  switch (plan.kind) {
    case 'unchanged':
      ctx.ledger.takeUnsure(ctx.path);
      return plan.kind;
    case 'rebuild': {
      const old = [...(await ctx.target.knownFlags(ctx.folder)).keys()].sort((a, b) => a - b);
      await ctx.target.resetFolder(ctx.folder, server.uidValidity);
      if (old.length > 0) ctx.onChange({ folder: ctx.folder, added: [], changed: [], removedUids: old, rebuild: true });
      await fullPass(ctx, server, new Map());
      break;
    }
    case 'initial':
      await fullPass(ctx, server, await ctx.target.knownFlags(ctx.folder));
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
  return plan.kind;
}
