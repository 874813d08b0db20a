import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isMissing } from './durableFile';
import { documentOptions, JsonDocument, type DocumentContext, type DocumentOptions } from './jsonDocument';
import { fromFileSafeName, layout, MONTH_FILE, monthOf } from './layout';
import { z } from 'zod';
import { readStoredMessage } from './messageCheck';
import { MessageShardFile, StoredMessage } from './schemas';

/** Records per serialised chunk: a chunk is re-encoded only when one of its records changed. */
const RECORDS_PER_CHUNK = 200;

interface EncodedChunk {
  records: StoredMessage[];
  bytes: Buffer;
}

interface MessageShard {
  serviceId: string;
  month: string;
  /** Records are replaced, never mutated, so a write can snapshot the values cheaply. */
  records: Map<string, StoredMessage>;
  /** The last write's chunks, reused while they hold the very same record objects. */
  encoded: EncodedChunk[];
}

interface ServiceMessages {
  shards: Map<string, JsonDocument<MessageShard>>;
  monthById: Map<string, string>;
}

/** Sync fields sync/ may change on a message without rewriting it whole. */
export type MessagePatch = Partial<Pick<StoredMessage, 'keywords' | 'flags' | 'modseq' | 'uids'>>;

/**
 * The shard file as loaded: the envelope through zod, each record through the quick check of
 * messageCheck.ts (full zod only for a record that fails it). A record that is really invalid
 * still fails the shard, which is then set aside, exactly as with the full schema.
 */
const shardSchema = MessageShardFile.extend({ records: z.array(z.unknown()) })
  .transform((file, ctx): MessageShard => {
    const records = new Map<string, StoredMessage>();
    for (let index = 0; index < file.records.length; index++) {
      const read = readStoredMessage(file.records[index]);
      if (!read.ok) {
        const detail = read.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`).join('; ');
        ctx.addIssue({ code: 'custom', message: `record ${index} is invalid (${detail})`, path: ['records', index] });
        return z.NEVER;
      }
      records.set(read.record.id, read.record);
    }
    return { serviceId: file.serviceId, month: file.month, records, encoded: [] };
  });

function sameRecords(a: readonly StoredMessage[], b: readonly StoredMessage[]): boolean {
  return a.length === b.length && a.every((record, index) => record === b[index]);
}

/**
 * The shard file, one record per line. A keyword change re-encodes one chunk of 200 records
 * and reuses the others' bytes, so the event loop never serialises a whole shard at once.
 */
function* encodeShard(shard: MessageShard, records: StoredMessage[]): Generator<string | Uint8Array> {
  const head = JSON.stringify({ kind: 'messages', serviceId: shard.serviceId, month: shard.month });
  yield `${head.slice(0, -1)},"records":[`;
  const encoded: EncodedChunk[] = [];
  for (let start = 0; start < records.length; start += RECORDS_PER_CHUNK) {
    const chunk = records.slice(start, start + RECORDS_PER_CHUNK);
    const cached = shard.encoded[encoded.length];
    const bytes =
      cached !== undefined && sameRecords(cached.records, chunk)
        ? cached.bytes
        : Buffer.from((start === 0 ? '\n' : ',\n') + chunk.map((record) => JSON.stringify(record)).join(',\n'), 'utf8');
    encoded.push({ records: chunk, bytes });
    yield bytes;
  }
  yield '\n]}\n';
  shard.encoded = encoded;
}

function shardOptions(context: DocumentContext): DocumentOptions<MessageShard> {
  return {
    ...documentOptions(shardSchema, context),
    // Array.from runs now, at write start: the chunks then read a fixed snapshot.
    serialize: (shard) => encodeShard(shard, Array.from(shard.records.values())),
  };
}

/**
 * Message metadata sharded per service and month of the message date: a change rewrites one
 * shard (a few thousand records), serialised in chunks so the event loop keeps turning.
 */
export class MessageStore {
  private readonly dir: string;
  private readonly context: DocumentContext;
  private readonly services = new Map<string, ServiceMessages>();

  private constructor(dir: string, context: DocumentContext) {
    this.dir = dir;
    this.context = context;
  }

  static async load(dir: string, context: DocumentContext): Promise<MessageStore> {
    const store = new MessageStore(dir, context);
    for (const serviceDir of await listDirectory(layout.messagesDir(dir))) {
      const serviceId = fromFileSafeName(serviceDir);
      for (const name of (await listDirectory(layout.messageServiceDir(dir, serviceId))).sort()) {
        const match = MONTH_FILE.exec(name);
        if (match?.[1] === undefined) continue;
        const month = match[1];
        const file = layout.messageShard(dir, serviceId, month);
        const doc = await JsonDocument.open(file, emptyShard(serviceId, month), shardOptions(context));
        store.attach(serviceId, month, doc);
      }
    }
    return store;
  }

  serviceIds(): string[] {
    return [...this.services.keys()];
  }

  /** Months holding this service's messages, oldest first. */
  months(serviceId: string): string[] {
    return [...(this.services.get(serviceId)?.shards.keys() ?? [])].sort();
  }

  get(serviceId: string, id: string): StoredMessage | undefined {
    const service = this.services.get(serviceId);
    const month = service?.monthById.get(id);
    return month === undefined ? undefined : service?.shards.get(month)?.data.records.get(id);
  }

  /** Every message of the service, month by month. Records are shared: never mutate them. */
  *all(serviceId: string): IterableIterator<StoredMessage> {
    const service = this.services.get(serviceId);
    if (service === undefined) return;
    for (const month of this.months(serviceId)) yield* service.shards.get(month)?.data.records.values() ?? [];
  }

  count(serviceId: string): number {
    return this.services.get(serviceId)?.monthById.size ?? 0;
  }

  /** Inserts or replaces by `id`; validated before anything changes. Resolves when durable. */
  upsert(serviceId: string, records: readonly StoredMessage[]): Promise<void> {
    const valid = records.map((record) => {
      const parsed = StoredMessage.parse(record);
      if (parsed.serviceId !== serviceId) {
        throw new Error(`Message ${parsed.id} belongs to service "${parsed.serviceId}", not "${serviceId}".`);
      }
      return parsed;
    });
    const touched = new Set<JsonDocument<MessageShard>>();
    for (const record of valid) {
      const month = monthOf(record.date);
      const previous = this.locate(serviceId, record.id);
      if (previous !== undefined && previous.data.month !== month) {
        previous.data.records.delete(record.id);
        touched.add(previous);
      }
      const shard = this.shardFor(serviceId, month);
      shard.data.records.set(record.id, record);
      this.services.get(serviceId)?.monthById.set(record.id, month);
      touched.add(shard);
    }
    return saveAll(touched);
  }

  /** Resolves with how many of `ids` were present, once their removal is durable. */
  async remove(serviceId: string, ids: Iterable<string>): Promise<number> {
    const touched = new Set<JsonDocument<MessageShard>>();
    let removed = 0;
    for (const id of ids) {
      const shard = this.locate(serviceId, id);
      if (shard === undefined) continue;
      shard.data.records.delete(id);
      this.services.get(serviceId)?.monthById.delete(id);
      touched.add(shard);
      removed += 1;
    }
    await saveAll(touched);
    return removed;
  }

  /** Resolves false when the message is unknown, true once the change is durable. */
  patch(serviceId: string, id: string, changes: MessagePatch): Promise<boolean> {
    const shard = this.locate(serviceId, id);
    const current = shard?.data.records.get(id);
    if (shard === undefined || current === undefined) return Promise.resolve(false);
    const next = StoredMessage.parse({ ...current, ...changes });
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
    if (service !== undefined) await Promise.all([...service.shards.values()].map((doc) => doc.flush()));
    await fs.rm(layout.messageServiceDir(this.dir, serviceId), { recursive: true, force: true });
  }

  async flush(): Promise<void> {
    const docs = [...this.services.values()].flatMap((service) => [...service.shards.values()]);
    await Promise.all(docs.map((doc) => doc.flush()));
  }

  private locate(serviceId: string, id: string): JsonDocument<MessageShard> | undefined {
    const service = this.services.get(serviceId);
    const month = service?.monthById.get(id);
    return month === undefined ? undefined : service?.shards.get(month);
  }

  private shardFor(serviceId: string, month: string): JsonDocument<MessageShard> {
    const existing = this.services.get(serviceId)?.shards.get(month);
    if (existing !== undefined) return existing;
    const file = layout.messageShard(this.dir, serviceId, month);
    const doc = JsonDocument.create(file, emptyShard(serviceId, month), shardOptions(this.context));
    this.attach(serviceId, month, doc);
    return doc;
  }

  private attach(serviceId: string, month: string, doc: JsonDocument<MessageShard>): void {
    let service = this.services.get(serviceId);
    if (service === undefined) {
      service = { shards: new Map(), monthById: new Map() };
      this.services.set(serviceId, service);
    }
    service.shards.set(month, doc);
    for (const id of doc.data.records.keys()) service.monthById.set(id, month);
  }
}

function emptyShard(serviceId: string, month: string): MessageShard {
  return { serviceId, month, records: new Map(), encoded: [] };
}

async function saveAll(docs: Set<JsonDocument<MessageShard>>): Promise<void> {
  await Promise.all([...docs].map((doc) => doc.save()));
}

async function listDirectory(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export function shardRelativePath(storeDir: string, file: string): string {
  return path.relative(storeDir, file).split(path.sep).join('/');
}
