import { z } from 'zod';
import { documentOptions, type DocumentContext, type DocumentOptions } from './jsonDocument';
import { readStoredMessage } from './messageCheck';
import { MessageMonthFileV1, MessageShardFile, type StoredMessage } from './schemas';

/** One bucket of a service's month, as held in memory. */
export interface MessageShard {
  serviceId: string;
  month: string;
  bucket: number;
  /** Records are replaced, never mutated, so a write can snapshot the values cheaply. */
  records: Map<string, StoredMessage>;
}

/**
 * The records as loaded: each through the quick check of messageCheck.ts (full zod only for a
 * record that fails it). A record that is really invalid still fails the file, which is then set
 * aside, exactly as with the full schema.
 */
const storedRecords = z.array(z.unknown()).transform((items, ctx): Map<string, StoredMessage> => {
  const records = new Map<string, StoredMessage>();
  for (let index = 0; index < items.length; index++) {
    const read = readStoredMessage(items[index]);
    if (!read.ok) {
      const detail = read.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`).join('; ');
      ctx.addIssue({ code: 'custom', message: `record ${index} is invalid (${detail})`, path: [index] });
      return z.NEVER;
    }
    records.set(read.record.id, read.record);
  }
  return records;
});

export const shardSchema = MessageShardFile.extend({ records: storedRecords }).transform(
  ({ serviceId, month, bucket, records }): MessageShard => ({ serviceId, month, bucket, records }),
);

/** A schema v1 month file, for the migration that splits it into buckets. */
export const monthFileV1Schema = MessageMonthFileV1.extend({ records: storedRecords });

/** Records per string handed to the writer: the file is streamed out, never built whole. */
const RECORDS_PER_CHUNK = 50;

/** The shard file, one record per line. A bucket is small, so it is simply encoded again on each write. */
export function* encodeShard(shard: Omit<MessageShard, 'records'>, records: readonly StoredMessage[]): Generator<string> {
  const head = JSON.stringify({ kind: 'messages', serviceId: shard.serviceId, month: shard.month, bucket: shard.bucket });
  yield `${head.slice(0, -1)},"records":[`;
  for (let start = 0; start < records.length; start += RECORDS_PER_CHUNK) {
    const chunk = records.slice(start, start + RECORDS_PER_CHUNK).map((record) => JSON.stringify(record));
    yield (start === 0 ? '\n' : ',\n') + chunk.join(',\n');
  }
  yield '\n]}\n';
}

export function shardOptions(context: DocumentContext): DocumentOptions<MessageShard> {
  return {
    ...documentOptions(shardSchema, context),
    // MessageStore.load sweeps each month directory once, from the listing it makes anyway.
    sweepTempOnRead: false,
    // Array.from runs now, at write start: the chunks then read a fixed snapshot.
    serialize: (shard) => encodeShard(shard, Array.from(shard.records.values())),
  };
}

export function emptyShard(serviceId: string, month: string, bucket: number): MessageShard {
  return { serviceId, month, bucket, records: new Map() };
}
