import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/core/store';
import { ANALYSIS_SHARDS, analysisShardOf } from '../../../src/main/core/store/analysisStore';
import { makeTempDir } from './storeFixtures';

let dir: string;
let cleanup: () => Promise<void>;
const open: Store[] = [];

async function openTracked(onCorrupt?: (shard: string) => void): Promise<Store> {
  const store = await openStore(dir, onCorrupt ? { onCorruptShard: onCorrupt } : {});
  open.push(store);
  return store;
}

beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await cleanup();
});

const record = (fp: string) => ({ fp, form: { form: null, fields: {}, missing: [], serial: null, lang: 'fr' }, routing: { model: 'seed', result: { label: 'technical', confidence: 0.9, evidence: [] } } });

describe('store: analysis cache', () => {
  it('keeps entries across a restart, sharded per service, and forgets those whose message is gone', async () => {
    let store = await openTracked();
    for (let i = 0; i < 100; i++) store.analysis.set('tech', `<m${i}@x>`, record(`fp${i}`));
    store.analysis.set('conso', 'c1', record('c'));
    await store.close();
    store = await openTracked();
    expect(store.analysis.get('tech', '<m42@x>')).toEqual(record('fp42'));
    expect(store.analysis.get('conso', 'c1')?.fp).toBe('c');
    expect(store.analysis.get('conso', '<m42@x>')).toBeUndefined();
    expect((await readdir(path.join(dir, 'analysis', 'tech'))).length).toBeLessThanOrEqual(ANALYSIS_SHARDS);
    store.analysis.remove('tech', ['<m42@x>', '<never@x>']);
    await store.flush();
    store = await openTracked();
    expect(store.analysis.get('tech', '<m42@x>')).toBeUndefined();
    expect(store.analysis.get('tech', '<m41@x>')?.fp).toBe('fp41');
    await store.analysis.dropService('tech');
    expect(store.analysis.get('tech', '<m41@x>')).toBeUndefined();
  });

  it('a damaged shard or a malformed entry is only a cache miss', async () => {
    let store = await openTracked();
    store.analysis.set('tech', 'a', record('a'));
    store.analysis.set('tech', 'b', { fp: 'b', form: 'not an object', routing: null } as never);
    await store.close();
    const shard = String(analysisShardOf('a')).padStart(2, '0');
    const corrupt: string[] = [];
    store = await openTracked();
    expect(store.analysis.get('tech', 'b')).toBeUndefined();
    await store.close();
    await writeFile(path.join(dir, 'analysis', 'tech', `${shard}.json`), '{ broken');
    store = await openTracked((s) => corrupt.push(s));
    expect(store.analysis.get('tech', 'a')).toBeUndefined();
    expect(corrupt).toEqual([`analysis/tech/${shard}.json`]);
  });
});
