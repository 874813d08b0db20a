import { promises as fs } from 'node:fs';
import path from 'node:path';
import { scanRecords, type RecordKind } from './bodyPackRecord';
import { isMissing } from './durableFile';

// The index of a body pack (id -> pack, offset, length) and how it is rebuilt on open: the last
// checkpoint (pack-index.json), then every record the packs hold past it, checked one by one.
// The checkpoint is only a shortcut: the packs themselves say everything.

export const INDEX_FILE = 'pack-index.json';
const PACK_FILE = /^pack-(\d{6})\.bin$/;

export function packFileName(pack: number): string {
  return `pack-${String(pack).padStart(6, '0')}.bin`;
}

export interface PackEntry {
  pack: number;
  offset: number;
  length: number;
}

/** Later in the log: what a replay must let win. */
function isLater(a: PackEntry, b: PackEntry): boolean {
  return a.pack > b.pack || (a.pack === b.pack && a.offset > b.offset);
}

export class PackIndex {
  readonly entries = new Map<string, PackEntry>();
  /** Bytes of whole records per pack, and how many of them belong to bodies still indexed. */
  readonly sizes = new Map<number, number>();
  readonly live = new Map<number, number>();
  /** Something the last checkpoint does not say. */
  changed = false;

  set(id: string, entry: PackEntry): void {
    this.unset(id);
    this.entries.set(id, entry);
    this.changed = true;
    this.live.set(entry.pack, (this.live.get(entry.pack) ?? 0) + entry.length);
  }

  unset(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.changed = true;
    this.live.set(entry.pack, (this.live.get(entry.pack) ?? 0) - entry.length);
  }

  /** Applies a record found at `at` unless the index already holds something later. */
  replay(record: { kind: RecordKind; id: string }, at: PackEntry): void {
    const current = this.entries.get(record.id);
    if (current !== undefined && !isLater(at, current)) return;
    if (record.kind === 'body') this.set(record.id, at);
    else this.unset(record.id);
  }

  setSize(pack: number, size: number): void {
    this.sizes.set(pack, size);
    this.changed = true;
  }

  forgetPack(pack: number): void {
    for (const [id, entry] of [...this.entries]) if (entry.pack === pack) this.unset(id);
    this.sizes.delete(pack);
    this.live.delete(pack);
    this.changed = true;
  }

  /**
   * The index as of now, as JSON produced in pieces when iterated (writeFileDurable writes a
   * megabyte at a time: the event loop keeps turning on a large index).
   */
  snapshot(): Iterable<string> {
    const sizes = [...this.sizes].filter(([, size]) => size > 0);
    const entries = [...this.entries];
    return (function* encode(): Generator<string> {
      yield `{"version":1,"sizes":${JSON.stringify(sizes)},"entries":[`;
      for (let i = 0; i < entries.length; i += 1000) {
        const part = entries.slice(i, i + 1000).map(([id, e]) => JSON.stringify([id, e.pack, e.offset, e.length]));
        yield (i === 0 ? '' : ',') + part.join(',');
      }
      yield ']}\n';
    })();
  }
}

type CheckpointEntry = [id: string, pack: number, offset: number, length: number];

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** The last checkpoint, or null when there is none or it cannot be trusted (then every pack is scanned). */
async function readCheckpoint(file: string): Promise<{ sizes: Map<number, number>; entries: CheckpointEntry[] } | null> {
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as { version?: unknown; sizes?: unknown; entries?: unknown };
    if (data.version !== 1 || !Array.isArray(data.sizes) || !Array.isArray(data.entries)) return null;
    const sizes = data.sizes as unknown[];
    const entries = data.entries as unknown[];
    const pairOk = (p: unknown) => Array.isArray(p) && p.length === 2 && isCount(p[0]) && isCount(p[1]);
    const entryOk = (e: unknown) => Array.isArray(e) && e.length === 4 && typeof e[0] === 'string' && isCount(e[1]) && isCount(e[2]) && isCount(e[3]);
    if (!sizes.every(pairOk) || !entries.every(entryOk)) return null;
    return { sizes: new Map(sizes as Array<[number, number]>), entries: entries as CheckpointEntry[] };
  } catch {
    return null;
  }
}

/**
 * Rebuilds the index of the packs in `dir`: the checkpoint's entries that still fit their pack,
 * then each pack scanned from where the checkpoint stopped. A torn tail is cut off, so appends
 * go after the last whole record. `stale`: the checkpoint did not say it all (write a new one).
 * `sameId`: an equal string already in memory for an id read from disk (see BodyPackOptions.sameId).
 */
export async function recoverIndex(dir: string, sameId: (id: string) => string = (id) => id): Promise<{ index: PackIndex; stale: boolean }> {
  const index = new PackIndex();
  let names: string[] = [];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const packs = names.flatMap((name) => PACK_FILE.exec(name)?.[1] ?? []).map(Number).sort((a, b) => a - b);
  for (const n of packs) index.sizes.set(n, (await fs.stat(path.join(dir, packFileName(n)))).size);
  const checkpoint = await readCheckpoint(path.join(dir, INDEX_FILE));
  let stale = checkpoint === null && packs.length > 0;
  for (const [id, pack, offset, length] of checkpoint?.entries ?? []) {
    if (offset + length <= (index.sizes.get(pack) ?? -1)) index.set(sameId(id), { pack, offset, length });
    else stale = true;
  }
  for (const n of packs) {
    const file = path.join(dir, packFileName(n));
    const size = index.sizes.get(n) as number;
    const indexed = checkpoint?.sizes.get(n) ?? 0;
    let end: number;
    if (indexed > size) {
      // Bytes the checkpoint counted are gone (packs are fsynced before it: a damaged disk). Keep whole records.
      end = 0;
      for (const e of index.entries.values()) if (e.pack === n) end = Math.max(end, e.offset + e.length);
    } else {
      const handle = await fs.open(file, 'r');
      try {
        end = await scanRecords(handle, indexed, size, (record, offset) => index.replay({ kind: record.kind, id: sameId(record.id) }, { pack: n, offset, length: record.length }));
      } finally {
        await handle.close();
      }
    }
    if (end !== indexed) stale = true;
    if (end < size) {
      await fs.truncate(file, end);
      index.setSize(n, end);
    }
  }
  return { index, stale };
}
