import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { isMissing } from './durableFile';
import { documentOptions, JsonDocument, type DocumentContext } from './jsonDocument';
import { fnv1a, fromFileSafeName, layout } from './layout';

/**
 * A cache of per-message triage results (form reading, language, serial, routing), so a cold
 * start does not read every mail again. Only a cache: a file that is missing, damaged or from an
 * older format is simply recomputed. Each entry carries a fingerprint of what it was computed
 * from; the reader decides whether it still applies. Sharded per service and by a hash of the
 * message id, so one new mail rewrites a small file.
 */

export const ANALYSIS_SHARDS = 16;
/** Bumped when the shape of what tickets/ stores changes: older entries are ignored. */
export const ANALYSIS_FORMAT = 1;
/** Entries are written in the background, well after a burst of analysis. */
export const ANALYSIS_SAVE_DELAY_MS = 1000;

/**
 * What tickets/ stores for one message (tickets/messageAnalysis.ts AnalysisEntry); JSON the store
 * does not look into beyond the fingerprint and the form.
 */
export interface AnalysisRecord {
  /** Fingerprint of the message's analysed content. */
  fp: string;
  form: object;
}

const AnalysisFile = z.object({
  kind: z.literal('analysis'),
  format: z.number(),
  serviceId: z.string(),
  shard: z.number().int(),
  // Checked per entry when read (isRecord): validating 50,000 entries here would slow every start.
  entries: z.record(z.string(), z.unknown()),
});
type AnalysisFile = z.infer<typeof AnalysisFile>;

function isRecord(value: unknown): value is AnalysisRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.fp === 'string' && typeof v.form === 'object' && v.form !== null;
}

/** Ids spread evenly over the shards (FNV-1a, as the message buckets). */
export function analysisShardOf(id: string): number {
  return fnv1a(id) % ANALYSIS_SHARDS;
}

export class AnalysisStore {
  private readonly docs = new Map<string, Array<JsonDocument<AnalysisFile>>>();
  private readonly dirty = new Set<JsonDocument<AnalysisFile>>();
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly dir: string,
    private readonly context: DocumentContext,
  ) {}

  static async open(dir: string, context: DocumentContext): Promise<AnalysisStore> {
    const store = new AnalysisStore(dir, context);
    let serviceDirs: string[] = [];
    try {
      serviceDirs = await fs.readdir(layout.analysisDir(dir));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    await Promise.all(serviceDirs.map((name) => store.load(fromFileSafeName(name))));
    return store;
  }

  get(serviceId: string, id: string): AnalysisRecord | undefined {
    const value = this.docs.get(serviceId)?.[analysisShardOf(id)]?.data.entries[id];
    return isRecord(value) ? value : undefined;
  }

  /** Remembers the entry now; written to disk in the background (flush() writes at once). */
  set(serviceId: string, id: string, record: AnalysisRecord): void {
    if (this.context.isClosed()) return;
    const doc = this.shards(serviceId)[analysisShardOf(id)];
    if (!doc) return;
    doc.data.entries[id] = record;
    this.markDirty(doc);
  }

  private markDirty(doc: JsonDocument<AnalysisFile>): void {
    this.dirty.add(doc);
    this.timer ??= setTimeout(() => void this.saveDirty().catch(() => {}), ANALYSIS_SAVE_DELAY_MS);
    this.timer.unref?.();
  }

  /**
   * Holds `record` in place of the entry get() returned, which is what it saves as: nothing to
   * write (the analyzer keeps its own object for the parsed one, not both).
   */
  keep(serviceId: string, id: string, record: AnalysisRecord): void {
    const doc = this.docs.get(serviceId)?.[analysisShardOf(id)];
    if (doc && Object.hasOwn(doc.data.entries, id)) doc.data.entries[id] = record;
  }

  /** Forgets the entries of messages that are gone (expunged from every folder), so the cache does not grow forever. */
  remove(serviceId: string, ids: Iterable<string>): void {
    const docs = this.docs.get(serviceId);
    if (!docs || this.context.isClosed()) return;
    for (const id of ids) {
      const doc = docs[analysisShardOf(id)];
      if (!doc || !Object.hasOwn(doc.data.entries, id)) continue;
      delete doc.data.entries[id];
      this.markDirty(doc);
    }
  }

  async dropService(serviceId: string): Promise<void> {
    const docs = this.docs.get(serviceId) ?? [];
    this.docs.delete(serviceId);
    for (const doc of docs) this.dirty.delete(doc);
    await Promise.all(docs.map((doc) => doc.flush()));
    await fs.rm(layout.analysisServiceDir(this.dir, serviceId), { recursive: true, force: true });
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.saveDirty();
    await Promise.all([...this.docs.values()].flat().map((doc) => doc.flush()));
  }

  private async saveDirty(): Promise<void> {
    this.timer = null;
    const docs = [...this.dirty];
    this.dirty.clear();
    if (this.context.isClosed()) return;
    await Promise.all(docs.map((doc) => doc.save()));
  }

  private async load(serviceId: string): Promise<void> {
    const docs = await Promise.all(
      Array.from({ length: ANALYSIS_SHARDS }, async (_, shard) => {
        const doc = await JsonDocument.open(layout.analysisShard(this.dir, serviceId, shard), emptyFile(serviceId, shard), documentOptions(AnalysisFile, this.context));
        // Another format, or a file moved from elsewhere: start this shard afresh.
        if (doc.data.format !== ANALYSIS_FORMAT || doc.data.serviceId !== serviceId || doc.data.shard !== shard) doc.data = emptyFile(serviceId, shard);
        return doc;
      }),
    );
    this.docs.set(serviceId, docs);
  }

  private shards(serviceId: string): Array<JsonDocument<AnalysisFile>> {
    let docs = this.docs.get(serviceId);
    if (!docs) {
      docs = Array.from({ length: ANALYSIS_SHARDS }, (_, shard) =>
        JsonDocument.create(layout.analysisShard(this.dir, serviceId, shard), emptyFile(serviceId, shard), documentOptions(AnalysisFile, this.context)),
      );
      this.docs.set(serviceId, docs);
    }
    return docs;
  }
}

function emptyFile(serviceId: string, shard: number): AnalysisFile {
  return { kind: 'analysis', format: ANALYSIS_FORMAT, serviceId, shard, entries: {} };
}
