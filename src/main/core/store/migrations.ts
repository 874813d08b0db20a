import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ensureDirectory, fsyncDirectory, isMissing, isTempName, listDirectory, writeFileDurable } from './durableFile';
import { DurableJsonAdapter } from './durableJsonAdapter';
import { layout, messageBucketFile, messageBucketOf, MONTH_FILE_V1 } from './layout';
import { encodeShard, monthFileV1Schema } from './messageShard';
import { CURRENT_SCHEMA_VERSION, StoreMeta, type StoredMessage } from './schemas';

/** What a step may need besides the directory. */
export interface MigrationContext {
  now: () => Date;
  /** A file the step could not read was set aside as `<file>.corrupt-<timestamp>`: its service is resynced. */
  onCorrupt: (file: string, error: Error) => void;
}

/**
 * One step of the on-disk layout. `run` must be idempotent: a crash before meta.json records
 * `to` runs it again on the next open.
 */
export interface Migration {
  from: number;
  to: number;
  description: string;
  run: (dir: string, context: MigrationContext) => Promise<void>;
}

/**
 * v1 kept a whole month of a service's messages in one file, so a keyword change rewrote ~5 MB.
 * v2 splits each month into buckets of the message id. Each month file is removed only once all
 * its buckets are durable, so a crash in between redoes that month from it.
 */
async function splitMonthsIntoBuckets(dir: string, context: MigrationContext): Promise<void> {
  for (const serviceDir of await listDirectory(layout.messagesDir(dir))) {
    const servicePath = path.join(layout.messagesDir(dir), serviceDir);
    for (const name of await listDirectory(servicePath)) {
      const month = MONTH_FILE_V1.exec(name)?.[1];
      if (month === undefined) continue;
      const file = path.join(servicePath, name);
      // Unreadable: set aside and reported like a shard on load, so the service is resynced.
      const adapter = new DurableJsonAdapter(file, { schema: monthFileV1Schema, onCorrupt: context.onCorrupt, now: context.now });
      const monthFile = await adapter.read();
      if (monthFile !== null) await writeBuckets(path.join(servicePath, month), monthFile);
      await fs.rm(file, { force: true });
      await fsyncDirectory(servicePath);
    }
  }
}

async function writeBuckets(monthDir: string, monthFile: { serviceId: string; month: string; records: Map<string, StoredMessage> }): Promise<void> {
  const buckets = new Map<number, StoredMessage[]>();
  for (const record of monthFile.records.values()) {
    const bucket = messageBucketOf(record.id);
    const records = buckets.get(bucket);
    if (records === undefined) buckets.set(bucket, [record]);
    else records.push(record);
  }
  await ensureDirectory(monthDir);
  const { serviceId, month } = monthFile;
  await Promise.all(
    [...buckets].map(([bucket, records]) =>
      writeFileDurable(path.join(monthDir, messageBucketFile(bucket)), encodeShard({ serviceId, month, bucket }, records)),
    ),
  );
}

export const MIGRATIONS: readonly Migration[] = [
  { from: 1, to: 2, description: 'split each month of messages into buckets of the message id', run: splitMonthsIntoBuckets },
];

export interface MigrationOutcome {
  from: number | 'fresh';
  to: number;
  applied: string[];
}

export class StoreVersionError extends Error {}

async function readMeta(dir: string, onCorruptMeta: (error: Error) => Promise<void>): Promise<number | 'fresh' | 'unversioned'> {
  let text: string | null = null;
  try {
    text = await fs.readFile(layout.meta(dir), 'utf8');
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  if (text !== null) {
    try {
      return StoreMeta.parse(JSON.parse(text)).schemaVersion;
    } catch (error) {
      // Every document is validated on its own, so assuming the current version is safe.
      await onCorruptMeta(error instanceof Error ? error : new Error(String(error)));
      return CURRENT_SCHEMA_VERSION;
    }
  }
  let entries: string[] = [];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  return entries.some((name) => !isTempName(name)) ? 'unversioned' : 'fresh';
}

export async function writeMeta(dir: string, schemaVersion: number): Promise<void> {
  await writeFileDurable(layout.meta(dir), `${JSON.stringify({ schemaVersion })}\n`);
}

/** Brings `dir` to `target`, one recorded step at a time. A store newer than this build is refused. */
export async function runMigrations(
  dir: string,
  migrations: readonly Migration[],
  context: MigrationContext,
  onCorruptMeta: (error: Error) => Promise<void>,
  target = CURRENT_SCHEMA_VERSION,
): Promise<MigrationOutcome> {
  const found = await readMeta(dir, onCorruptMeta);
  if (found === 'fresh') {
    await writeMeta(dir, target);
    return { from: 'fresh', to: target, applied: [] };
  }
  // Files without meta.json predate versioning: that is version 0.
  const start = found === 'unversioned' ? 0 : found;
  if (start > target) {
    throw new StoreVersionError(`This store was written by a newer Guichet (schema ${start}, this build reads ${target}). Update Guichet.`);
  }
  const applied: string[] = [];
  let version = start;
  while (version < target) {
    const step = migrations.find((migration) => migration.from === version);
    if (step === undefined) {
      throw new StoreVersionError(`No migration from store schema ${version} to ${target} in ${dir}: is this a Guichet store?`);
    }
    await step.run(dir, context);
    await writeMeta(dir, step.to);
    applied.push(step.description);
    version = step.to;
  }
  return { from: start, to: version, applied };
}
