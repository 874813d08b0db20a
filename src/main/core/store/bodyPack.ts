import { promises as fs } from 'node:fs';
import path from 'node:path';
import { INDEX_FILE, packFileName, PackIndex, recoverIndex, type PackEntry } from './bodyPackIndex';
import { encodeRecord, readRecord, scanRecords, syncFile, writeAll, type PackRecord, type RecordKind } from './bodyPackRecord';
import { ensureDirectory, isMissing, writeFileDurable } from './durableFile';

// The raw sources of one service, appended to pack files (pack-000001.bin, …) rather than one
// file each: creating, fsyncing and renaming 10,000 small files costs seconds, an append nothing.
// Bodies are a cache the server can refill, so an append is not fsynced. What keeps it honest:
//  - every record carries its lengths and a CRC: a torn or lost record is never served, only
//    forgotten (and fetched again by sync or on demand);
//  - the index (id -> pack, offset, length) is checkpointed to pack-index.json after the packs it
//    points into are fsynced; on open, whatever the packs hold past the checkpoint is scanned and
//    checked record by record, and a torn tail is cut off.
// Removing a body appends a small "removed" record; a pack mostly removed is compacted when idle.

export interface BodyPackOptions {
  /** A pack is closed for appends past this size. Default 64 MiB. */
  packMaxBytes?: number;
  /**
   * An equal string already in memory for a body id read from disk: the message record's own id.
   * Without it the index holds a copy of every id (at 25,000 bodies a service, about 1.6 MB each).
   */
  sameId?: (id: string) => string;
}

const PACK_MAX_BYTES = 64 * 1024 * 1024;
// A checkpoint fsyncs what it covers: during a burst (a first sync) only every 64 MiB or 16k
// bodies, else once appends pause. A crash costs at most that much scanning on the next open.
const CHECKPOINT_AFTER_BYTES = 64 * 1024 * 1024;
const CHECKPOINT_AFTER_RECORDS = 16_384;
const CHECKPOINT_IDLE_MS = 1000;
/** One writev stays well under IOV_MAX (three buffers per record) and holds at most this much. */
const WRITE_BATCH_RECORDS = 256;
const WRITE_BATCH_BYTES = 16 * 1024 * 1024;

interface Pending {
  kind: RecordKind;
  id: string;
  parts: Buffer[];
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class BodyPack {
  private active = 1;
  private queue: Pending[] = [];
  private writeScheduled = false;
  private lock: Promise<void> = Promise.resolve();
  private readonly unsynced = new Set<number>();
  private sinceCheckpoint = { bytes: 0, records: 0 };
  private checkpointing: Promise<void> | null = null;
  private checkpointAgain = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly packMaxBytes: number;

  private constructor(private readonly dir: string, private readonly index: PackIndex, options: BodyPackOptions) {
    this.packMaxBytes = options.packMaxBytes ?? PACK_MAX_BYTES;
    const last = Math.max(0, ...index.sizes.keys());
    this.active = last === 0 || (index.sizes.get(last) ?? 0) >= this.packMaxBytes ? last + 1 : last;
    if (!index.sizes.has(this.active)) index.sizes.set(this.active, 0);
  }

  static async open(dir: string, options: BodyPackOptions = {}): Promise<BodyPack> {
    const { index, stale } = await recoverIndex(dir, options.sameId);
    const pack = new BodyPack(dir, index, options);
    if (stale) {
      // What the scan found or cut is checkpointed now: the next open is quick, and an old checkpoint never outlives a repair.
      for (const n of index.sizes.keys()) if ((index.sizes.get(n) ?? 0) > 0) pack.unsynced.add(n);
      index.changed = true;
      await pack.checkpoint();
    }
    return pack;
  }

  has(id: string): boolean {
    return this.index.entries.has(id);
  }

  get count(): number {
    return this.index.entries.size;
  }

  /** The body, checked against its CRC; null when absent, torn or unreadable (then forgotten). */
  async read(id: string): Promise<Buffer | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const entry = this.index.entries.get(id);
      if (entry === undefined) return null;
      const record = await this.readEntry(entry);
      if (record !== null && record.kind === 'body' && record.id === id) return record.body;
      // Moved meanwhile (compaction, a newer copy): look again. Otherwise it is bad: forget it.
      if (this.index.entries.get(id) === entry) {
        this.index.unset(id);
        return null;
      }
    }
    return null;
  }

  /** Resolves once the record is written (not fsynced: see the top of this file). */
  append(id: string, body: Buffer): Promise<void> {
    return this.enqueue([{ kind: 'body', id, body }]);
  }

  /** Several bodies, one promise: resolves once all are written, rejects with the first failure. */
  appendMany(bodies: ReadonlyArray<{ id: string; body: Buffer }>): Promise<void> {
    return this.enqueue(bodies.map(({ id, body }) => ({ kind: 'body', id, body })));
  }

  /**
   * Forgets bodies now; the "removed" records that keep them forgotten after a reopen follow. One
   * is written for every id (a few bytes): a body still on its way to the disk is caught too.
   */
  remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.index.unset(id);
    return this.enqueue(ids.map((id) => ({ kind: 'removed', id, body: Buffer.alloc(0) })));
  }

  /** Writes what is queued, compacts packs mostly removed, then checkpoints the index. */
  async flush(): Promise<void> {
    await this.exclusive(async () => {
      await this.writeQueued();
      await this.compactSparsePacks();
    });
    await this.checkpoint();
  }

  private file(pack: number): string {
    return path.join(this.dir, packFileName(pack));
  }

  private async readEntry(entry: PackEntry): Promise<PackRecord | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file(entry.pack), 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      return await readRecord(handle, entry.offset, entry.length);
    } finally {
      await handle.close();
    }
  }

  /** Appends and compactions run one at a time, in order. */
  private exclusive(work: () => Promise<void>): Promise<void> {
    const run = this.lock.then(work);
    this.lock = run.catch(() => {});
    return run;
  }

  private enqueue(records: ReadonlyArray<{ kind: RecordKind; id: string; body: Buffer }>): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let left = records.length;
      let failed = false;
      const done = (): void => { if (--left === 0 && !failed) resolve(); };
      const fail = (error: unknown): void => { if (!failed) { failed = true; reject(error); } };
      for (const { kind, id, body } of records) {
        const parts = encodeRecord(kind, id, body);
        this.queue.push({ kind, id, parts, bytes: parts[0].length + parts[1].length + body.length, resolve: done, reject: fail });
      }
      if (this.writeScheduled) return;
      this.writeScheduled = true;
      // Whatever queued up while the previous write ran goes in one writev (group commit).
      void this.exclusive(() => this.writeQueued());
    });
  }

  private async writeQueued(): Promise<void> {
    this.writeScheduled = false;
    while (this.queue.length > 0) {
      let take = 0;
      let bytes = 0;
      while (take < this.queue.length && take < WRITE_BATCH_RECORDS && (take === 0 || bytes < WRITE_BATCH_BYTES)) bytes += (this.queue[take++] as Pending).bytes;
      const batch = this.queue.splice(0, take);
      try {
        await this.writeBatch(batch);
      } catch (error) {
        for (const p of batch) p.reject(error);
        continue;
      }
      for (const p of batch) p.resolve();
    }
    if (this.sinceCheckpoint.bytes >= CHECKPOINT_AFTER_BYTES || this.sinceCheckpoint.records >= CHECKPOINT_AFTER_RECORDS) void this.checkpoint();
    else this.armIdleCheckpoint();
  }

  /** One writev at the end of the active pack, then the index; a failed write is cut off again. */
  private async writeBatch(batch: readonly Pending[]): Promise<void> {
    if (batch.length === 0) return;
    const pack = this.active;
    const start = this.index.sizes.get(pack) ?? 0;
    if (start === 0) await ensureDirectory(this.dir);
    const handle = await fs.open(this.file(pack), 'a');
    try {
      await writeAll(handle, batch.flatMap((p) => p.parts));
    } catch (error) {
      await handle.truncate(start).catch(() => {});
      throw error;
    } finally {
      await handle.close();
    }
    let offset = start;
    for (const p of batch) {
      this.index.replay(p, { pack, offset, length: p.bytes });
      offset += p.bytes;
    }
    this.index.sizes.set(pack, offset);
    this.unsynced.add(pack);
    this.sinceCheckpoint.bytes += offset - start;
    this.sinceCheckpoint.records += batch.length;
    if (offset >= this.packMaxBytes) {
      this.active = pack + 1;
      this.index.sizes.set(this.active, 0);
      void this.checkpoint();
    }
  }

  private armIdleCheckpoint(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.exclusive(() => this.compactSparsePacks()).then(() => this.checkpoint(), () => this.checkpoint());
    }, CHECKPOINT_IDLE_MS);
    this.idleTimer.unref();
  }

  /**
   * Fsyncs the packs written since the last checkpoint, then writes the index durably. Runs
   * beside the appends (on a snapshot); never rejects: a failed checkpoint only means a longer scan.
   */
  private checkpoint(): Promise<void> {
    if (this.checkpointing !== null) {
      this.checkpointAgain = true;
      return this.checkpointing;
    }
    const run = async (): Promise<void> => {
      do {
        this.checkpointAgain = false;
        if (!this.index.changed && this.unsynced.size === 0) return;
        this.index.changed = false;
        const snapshot = this.index.snapshot(); // before the fsync: it must point only at synced bytes
        const packs = [...this.unsynced];
        this.unsynced.clear();
        this.sinceCheckpoint = { bytes: 0, records: 0 };
        try {
          for (const pack of packs) await syncFile(this.file(pack));
          await writeFileDurable(path.join(this.dir, INDEX_FILE), snapshot);
        } catch {
          for (const pack of packs) this.unsynced.add(pack);
          this.index.changed = true;
          return; // the directory is gone (store removed) or the disk is failing: the next open scans
        }
      } while (this.checkpointAgain);
    };
    this.checkpointing = run().finally(() => { this.checkpointing = null; });
    return this.checkpointing;
  }

  /** Rewrites the live records of packs at least half removed into the active one, then deletes them. */
  private async compactSparsePacks(): Promise<void> {
    for (const [pack, size] of [...this.index.sizes]) {
      if (pack === this.active || (this.index.live.get(pack) ?? 0) * 2 > size) continue;
      const kept: Pending[] = [];
      const found = new Set<string>();
      const handle = await fs.open(this.file(pack), 'r').catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
      try {
        if (handle !== null) await scanRecords(handle, 0, size, (record, offset) => {
          const entry = this.index.entries.get(record.id);
          if (record.kind !== 'body' || entry?.pack !== pack || entry.offset !== offset) return;
          found.add(record.id);
          const parts = encodeRecord('body', record.id, record.body);
          kept.push({ kind: 'body', id: record.id, parts, bytes: record.length, resolve: () => {}, reject: () => {} });
        });
      } finally {
        await handle?.close();
      }
      for (const [id, entry] of [...this.index.entries]) if (entry.pack === pack && !found.has(id)) this.index.unset(id);
      for (let i = 0; i < kept.length; i += WRITE_BATCH_RECORDS) await this.writeBatch(kept.slice(i, i + WRITE_BATCH_RECORDS));
      // The copies must be on disk before their only other copy goes.
      this.unsynced.delete(pack);
      for (const written of this.unsynced) await syncFile(this.file(written));
      await fs.rm(this.file(pack), { force: true });
      this.index.forgetPack(pack);
    }
  }
}
