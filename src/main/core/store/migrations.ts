import { promises as fs } from 'node:fs';
import { isMissing, isTempName, writeFileDurable } from './durableFile';
import { layout } from './layout';
import { CURRENT_SCHEMA_VERSION, StoreMeta } from './schemas';

/**
 * One step of the on-disk layout. `run` must be idempotent: a crash before meta.json records
 * `to` runs it again on the next open.
 */
export interface Migration {
  from: number;
  to: number;
  description: string;
  run: (dir: string) => Promise<void>;
}

/** v1 is the first layout. Append `{ from: 1, to: 2, … }` here when it changes. */
export const MIGRATIONS: readonly Migration[] = [];

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
    await step.run(dir);
    await writeMeta(dir, step.to);
    applied.push(step.description);
    version = step.to;
  }
  return { from: start, to: version, applied };
}
