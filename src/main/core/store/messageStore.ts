import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isTempName, listDirectory } from './durableFile';
import { JsonDocument, type DocumentContext } from './jsonDocument';
import { BUCKET_FILE, fromFileSafeName, layout, messageBucketOf, MONTH_DIR, monthOf } from './layout';
import { emptyShard, shardOptions, type MessageShard } from './messageShard';
import { RecordCompactor } from './recordCompaction';
import { StoredMessage } from './schemas';

type ShardDocument = JsonDocument<MessageShard>;

interface ServiceMessages {
  /** month -> bucket -> shard */
  months: Map<string, Map<number, ShardDocument>>;
  /** Where each message is: found by lookup, not by hash, so a record is never in two shards. */
  shardById: Map<string, ShardDocument>;
}

/** Shard files read at once on load: the next files are read while one is parsed. */
const LOAD_CONCURRENCY = 8;

/** Sync fields sync/ may change on a message without rewriting it whole. */
export type MessagePatch = Partial<Pick<StoredMessage, 'keywords' | 'flags' | 'modseq' | 'uids'>>;

/**
 * Message metadata sharded per service, month of the message date, and bucket of the message id
 * (see MESSAGE_BUCKETS): a change rewrites one small shard, so it is durable quickly and the
 * event loop never serialises a whole month.
 */
export class MessageStore {
  private readonly dir: string;
  private readonly context: DocumentContext;
  private readonly services = new Map<string, ServiceMessages>();
  /** Values shared between records (see recordCompaction.ts). */
  private readonly compactor = new RecordCompactor();

  private constructor(dir: string, context: DocumentContext) {
    this.dir = dir;
    this.context = context;
  }

  static async load(dir: string, context: DocumentContext): Promise<MessageStore> {
    const store = new MessageStore(dir, context);
    const found: Array<{ serviceId: string; month: string; bucket: number }> = [];
    for (const serviceDir of await listDirectory(layout.messagesDir(dir))) {
      const serviceId = fromFileSafeName(serviceDir);
      for (const month of (await listDirectory(layout.messageServiceDir(dir, serviceId))).sort()) {
        if (!MONTH_DIR.test(month)) continue;
        const monthDir = layout.messageMonthDir(dir, serviceId, month);
        for (const name of (await listDirectory(monthDir)).sort()) {
          // One listing sweeps the month: a bucket whose first write was cut short has only its temp file.
          if (isTempName(name)) await fs.rm(path.join(monthDir, name), { force: true });
          const bucket = BUCKET_FILE.exec(name)?.[1];
          if (bucket !== undefined) found.push({ serviceId, month, bucket: Number(bucket) });
        }
      }
    }
    const docs: ShardDocument[] = [];
    const queue = found.entries(); // shared by the readers: each takes the next file
    const reader = async (): Promise<void> => {
      for (const [index, { serviceId, month, bucket }] of queue) {
        const file = layout.messageShard(dir, serviceId, month, bucket);
        const doc = await JsonDocument.open(file, emptyShard(serviceId, month, bucket), shardOptions(context));
        // Right after the parse, while the copies it drops are still young (see recordCompaction.ts).
        for (const record of doc.data.records.values()) store.compactor.compact(record);
        docs[index] = doc;
      }
    };
    await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, reader));
    // Attached in path order whatever order the reads finished in, so the same files always load alike.
    found.forEach(({ serviceId, month, bucket }, index) => {
      const doc = docs[index];
      if (doc !== undefined) store.attach(serviceId, month, bucket, doc);
    });
    return store;
  }

  serviceIds(): string[] {
    return [...this.services.keys()];
  }

  /** Months holding this service's messages, oldest first. */
  months(serviceId: string): string[] {
    return [...(this.services.get(serviceId)?.months.keys() ?? [])].sort();
  }

  get(serviceId: string, id: string): StoredMessage | undefined {
    return this.services.get(serviceId)?.shardById.get(id)?.data.records.get(id);
  }

  /** Every message of the service, month by month (bucket by bucket within a month). Records are shared: never mutate them. */
  *all(serviceId: string): IterableIterator<StoredMessage> {
    const service = this.services.get(serviceId);
    if (service === undefined) return;
    for (const month of this.months(serviceId)) {
      const buckets = service.months.get(month) ?? new Map<number, ShardDocument>();
      for (const bucket of [...buckets.keys()].sort((a, b) => a - b)) yield* buckets.get(bucket)?.data.records.values() ?? [];
    }
  }

  count(serviceId: string): number {
    return this.services.get(serviceId)?.shardById.size ?? 0;
  }

  /** Inserts or replaces by `id`; validated before anything changes. Resolves when durable. */
  upsert(serviceId: string, records: readonly StoredMessage[]): Promise<void> {
    const valid = records.map((record) => {
      const parsed = StoredMessage.parse(record);
      if (parsed.serviceId !== serviceId) {
        throw new Error(`Message ${parsed.id} belongs to service "${parsed.serviceId}", not "${serviceId}".`);
      }
      return this.compactor.compact(parsed);
    });
    const touched = new Set<ShardDocument>();
    for (const record of valid) {
      const shard = this.shardFor(serviceId, monthOf(record.date), messageBucketOf(record.id));
      const shardById = this.serviceFor(serviceId).shardById;
      const previous = shardById.get(record.id);
      // A date correction moves the record to another month's shard.
      if (previous !== undefined && previous !== shard) {
        previous.data.records.delete(record.id);
        touched.add(previous);
      }
      shard.data.records.set(record.id, record);
      shardById.set(record.id, shard);
      touched.add(shard);
    }
    return saveAll(touched);
  }

  /** Resolves with how many of `ids` were present, once their removal is durable. */
  async remove(serviceId: string, ids: Iterable<string>): Promise<number> {
    const touched = new Set<ShardDocument>();
    let removed = 0;
    for (const id of ids) {
      const shardById = this.services.get(serviceId)?.shardById;
      const shard = shardById?.get(id);
      if (shard === undefined) continue;
      shard.data.records.delete(id);
      shardById?.delete(id);
      touched.add(shard);
      removed += 1;
    }
    await saveAll(touched);
    return removed;
  }

  /** Resolves false when the message is unknown, true once the change is durable. */
  patch(serviceId: string, id: string, changes: MessagePatch): Promise<boolean> {
    const shard = this.services.get(serviceId)?.shardById.get(id);
    const current = shard?.data.records.get(id);
    if (shard === undefined || current === undefined) return Promise.resolve(false);
    const next = this.compactor.compact(StoredMessage.parse({ ...current, ...changes }));
    shard.data.records.set(id, next);
    return shard.save().then(() => true);
  }

  patchKeywords(serviceId: string, id: string, keywords: string[]): Promise<boolean> {
    return this.patch(serviceId, id, { keywords });
  }

  /** Forgets a service's messages (service removed, or its index rebuilt from scratch). */
  async dropService(serviceId: string): Promise<void> {
    const service = this.services.get(serviceId);
    this.services.delete(serviceId);
    if (service !== undefined) await Promise.all(shardsOf(service).map((doc) => doc.flush()));
    await fs.rm(layout.messageServiceDir(this.dir, serviceId), { recursive: true, force: true });
  }

  async flush(): Promise<void> {
    const docs = [...this.services.values()].flatMap(shardsOf);
    await Promise.all(docs.map((doc) => doc.flush()));
  }

  private serviceFor(serviceId: string): ServiceMessages {
    let service = this.services.get(serviceId);
    if (service === undefined) {
      service = { months: new Map(), shardById: new Map() };
      this.services.set(serviceId, service);
    }
    return service;
  }

  private shardFor(serviceId: string, month: string, bucket: number): ShardDocument {
    const existing = this.services.get(serviceId)?.months.get(month)?.get(bucket);
    if (existing !== undefined) return existing;
    const file = layout.messageShard(this.dir, serviceId, month, bucket);
    const doc = JsonDocument.create(file, emptyShard(serviceId, month, bucket), shardOptions(this.context));
    this.attach(serviceId, month, bucket, doc);
    return doc;
  }

  private attach(serviceId: string, month: string, bucket: number, doc: ShardDocument): void {
    const service = this.serviceFor(serviceId);
    let buckets = service.months.get(month);
    if (buckets === undefined) {
      buckets = new Map();
      service.months.set(month, buckets);
    }
    buckets.set(bucket, doc);
    for (const id of doc.data.records.keys()) service.shardById.set(id, doc);
  }
}

function shardsOf(service: ServiceMessages): ShardDocument[] {
  return [...service.months.values()].flatMap((buckets) => [...buckets.values()]);
}

async function saveAll(docs: Set<ShardDocument>): Promise<void> {
  await Promise.all([...docs].map((doc) => doc.save()));
}

export function shardRelativePath(storeDir: string, file: string): string {
  return path.relative(storeDir, file).split(path.sep).join('/');
}
