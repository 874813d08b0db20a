import type { ImapFlow } from 'imapflow';
import { BodyWriter, fetchBodies, missingBodies, nextRunSize, settleAll } from './bodies';
import type { CommandLane } from './commandLane';
import type { SyncFolder, SyncTarget } from './syncTarget';

// The bodies one session stores: sources that came with the metadata of a full pass (inline),
// background prefetch runs on the command lane, and the bookkeeping whenIdle waits on.

// Body prefetch runs: one FETCH each, sized from the average source seen so far to carry about
// RUN_BUDGET_BYTES, so an on-demand body or a resync waits at most one run on the command lane.
const RUN_BUDGET_BYTES = 8 * 1024 * 1024;
const RUN_FIRST_UIDS = 500;
const RUN_MIN_UIDS = 50;
const RUN_MAX_UIDS = 5000;
/** putBody calls in flight at once. */
const WRITE_CONCURRENCY = 32;

export interface SessionBodiesContext {
  client: ImapFlow;
  lane: CommandLane;
  target: SyncTarget;
  /** The folder's server path now (null: the server has no such folder). */
  pathOf: (folder: SyncFolder) => string | null;
  /** Bodies stored / announced, as deltas. */
  onCount: (done: number, total: number) => void;
  onFailed: (what: string, error: unknown) => void;
}

export class SessionBodies {
  readonly writer: BodyWriter;
  /** Work under way (between lane jobs too): whenIdle waits for these. They never reject. */
  private readonly tasks = new Set<Promise<void>>();
  /** UIDs whose source came inline in this session: the prefetch need not ask the target about them. */
  private readonly inlined = new Map<SyncFolder, Set<number>>();

  constructor(private readonly ctx: SessionBodiesContext) {
    this.writer = new BodyWriter(ctx.target, { concurrency: WRITE_CONCURRENCY });
  }

  get busy(): boolean {
    return this.tasks.size > 0;
  }

  /** Resolves when everything under way now has settled. */
  async settled(): Promise<void> {
    await Promise.all([...this.tasks]);
  }

  /**
   * Sources fetched with their metadata (whose upsert is issued) go to the writer in the background.
   * Resolves once the writer's backlog is under one run's budget: the caller's FETCH waits.
   */
  storeInline(folder: SyncFolder, rows: ReadonlyArray<{ uid: number; source: Buffer }>): Promise<void> {
    let inlined = this.inlined.get(folder);
    if (!inlined) this.inlined.set(folder, (inlined = new Set()));
    this.ctx.onCount(0, rows.length);
    const written = this.writer.writeMany(folder, rows.map((row) => ({ uid: row.uid, raw: row.source })))
      .then(() => { for (const row of rows) inlined.add(row.uid); })
      .finally(() => this.ctx.onCount(rows.length, 0));
    this.track(written, `bodies of ${folder}`);
    return this.writer.whenBelow(RUN_BUDGET_BYTES);
  }

  /**
   * Fetches and stores `uids` (newest first) as a series of background runs on the command lane.
   * Each run is one FETCH whose sources go to the writer as they arrive; the lane is free again as
   * soon as the run is received, and the next run starts once the writer's backlog is under one
   * run's budget (memory stays bounded, the disk and the network overlap).
   */
  storeUids(folder: SyncFolder, uids: number[]): Promise<void> {
    this.ctx.onCount(0, uids.length);
    const task = (async () => {
      let rest = uids;
      let seenBytes = 0;
      let seenCount = 0;
      const stored: Array<Promise<void>> = [];
      let failed = false;
      while (rest.length > 0 && !failed) {
        await this.writer.whenBelow(RUN_BUDGET_BYTES);
        const size = nextRunSize(seenBytes, seenCount, RUN_BUDGET_BYTES, RUN_MIN_UIDS, RUN_MAX_UIDS, RUN_FIRST_UIDS);
        const part = rest.slice(0, size);
        rest = rest.slice(size);
        const run = await this.ctx.lane.enqueue('background', async () => {
          const path = this.ctx.pathOf(folder);
          return path === null ? null : fetchBodies(this.ctx.client, path, folder, this.writer, part);
        });
        if (run === null) break;
        seenBytes += run.bytes;
        seenCount += run.count;
        const written = settleAll(run.writes).finally(() => this.ctx.onCount(part.length, 0));
        written.catch(() => { failed = true; }); // the disk refuses: stop fetching; reported below, once
        stored.push(written);
      }
      await Promise.all(stored);
    })();
    return this.track(task, `bodies of ${folder}`);
  }

  /** After a full pass: of the window's `uids` (newest first), the bodies the target lacks, fetched in the background. */
  prefetch(folder: SyncFolder, uids: readonly number[]): void {
    const task = (async () => {
      // Inline sources still being written would look missing: let them land first.
      await this.writer.whenBelow(0);
      const missing = await missingBodies(folder, this.ctx.target, uids, this.inlined.get(folder));
      this.inlined.delete(folder);
      await this.storeUids(folder, missing);
    })();
    this.track(task, `prefetch of ${folder}`);
  }

  private track(task: Promise<void>, what: string): Promise<void> {
    const safe = task.catch((error: unknown) => this.ctx.onFailed(what, error));
    this.tasks.add(safe);
    void safe.finally(() => this.tasks.delete(safe));
    return safe;
  }
}
