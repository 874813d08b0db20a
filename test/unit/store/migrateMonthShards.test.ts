import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGE_BUCKETS, messageBucketOf, MIGRATIONS, openStore, type StoredMessage } from '../../../src/main/core/store';
import { makeMessage, makeTempDir } from './storeFixtures';

// Schema v1 kept one file per service and month; v2 splits each month into buckets of the id.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const fixedNow = () => new Date('2026-11-22T10:15:00.000Z');
const FOLDER = { uidValidity: 7, highestModseq: '420', uidNext: 31, lastSyncAt: '2026-11-22T10:00:00.000Z' };
const MONTHS: Record<string, string[]> = { tech: ['2026-10', '2026-11', 'undated'], conso: ['2026-11'] };

/** A v1 month file as v1 wrote it: one record per line. */
function v1MonthFile(serviceId: string, month: string, records: StoredMessage[]): string {
  const head = JSON.stringify({ kind: 'messages', serviceId, month }).slice(0, -1);
  return `${head},"records":[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]}\n`;
}

function v1Records(serviceId: string, month: string): StoredMessage[] {
  const count = month === 'undated' ? 1 : serviceId === 'tech' ? 300 : 40;
  return Array.from({ length: count }, (_, i) =>
    makeMessage(serviceId, `<${month}.${i}@customer.example>#${serviceId}`, month === 'undated' ? 'not a date' : `${month}-0${1 + (i % 9)}T08:00:00.000Z`, {
      keywords: i % 3 === 0 ? ['$guichet_ack'] : [],
      text: `Numéro de série ${i} — ça ne chauffe plus`,
      uids: { inbox: i + 1 },
    }),
  );
}

/** Writes a v1 store (meta, month files, sync state); returns every record by service. */
async function writeV1Store(): Promise<Map<string, StoredMessage[]>> {
  const all = new Map<string, StoredMessage[]>();
  await writeFile(path.join(dir, 'meta.json'), '{"schemaVersion":1}\n');
  await mkdir(path.join(dir, 'sync'));
  for (const [serviceId, months] of Object.entries(MONTHS)) {
    await mkdir(path.join(dir, 'messages', serviceId), { recursive: true });
    for (const month of months) {
      const records = v1Records(serviceId, month);
      all.set(serviceId, [...(all.get(serviceId) ?? []), ...records]);
      await writeFile(path.join(dir, 'messages', serviceId, `${month}.json`), v1MonthFile(serviceId, month, records));
    }
    const syncState = { kind: 'sync-state', serviceId, folders: { INBOX: FOLDER } };
    await writeFile(path.join(dir, 'sync', `${serviceId}.json`), JSON.stringify(syncState));
  }
  return all;
}

const byId = (a: StoredMessage, b: StoredMessage) => a.id.localeCompare(b.id);

describe('store migration v1 -> v2: month shards into buckets', () => {
  it('moves every message of every month into its bucket, losing nothing', async () => {
    const expected = await writeV1Store();
    let store = await openStore(dir, { now: fixedNow });
    expect(store.migration).toEqual({ from: 1, to: 2, applied: ['split each month of messages into buckets of the message id'] });
    for (const [serviceId, records] of expected) {
      expect([...store.messages.all(serviceId)].sort(byId)).toEqual([...records].sort(byId));
      expect(store.messages.months(serviceId)).toEqual(MONTHS[serviceId]);
      expect(store.syncState.get(serviceId)).toEqual({ INBOX: FOLDER });
    }
    expect((await readdir(path.join(dir, 'messages', 'tech'))).sort()).toEqual(MONTHS.tech);
    const buckets = await readdir(path.join(dir, 'messages', 'tech', '2026-10'));
    expect(buckets.length).toBeGreaterThan(MESSAGE_BUCKETS / 2);
    expect(buckets.length).toBeLessThanOrEqual(MESSAGE_BUCKETS);
    for (const name of buckets) {
      const shard = JSON.parse(await readFile(path.join(dir, 'messages', 'tech', '2026-10', name), 'utf8'));
      expect(`${String(shard.bucket).padStart(2, '0')}.json`).toBe(name);
      for (const record of shard.records as StoredMessage[]) expect(messageBucketOf(record.id)).toBe(shard.bucket);
    }

    const id = expected.get('tech')?.[7]?.id ?? '';
    expect(await store.messages.patchKeywords('tech', id, ['$guichet_done'])).toBe(true);
    await store.close();
    store = await openStore(dir, { now: fixedNow });
    expect(store.migration).toEqual({ from: 2, to: 2, applied: [] });
    expect(store.messages.get('tech', id)?.keywords).toEqual(['$guichet_done']);
    expect(store.messages.count('tech')).toBe(expected.get('tech')?.length);
    await store.close();
  });

  it('redoes a month from its v1 file when a crash cut the migration short', async () => {
    const expected = await writeV1Store();
    const step = MIGRATIONS.find((migration) => migration.from === 1);
    // The step ran, then the process died before meta.json said v2 and before one month file went.
    await step?.run(dir, { now: fixedNow, onCorrupt: () => {} });
    const november = v1Records('tech', '2026-11');
    await writeFile(path.join(dir, 'messages', 'tech', '2026-11.json'), v1MonthFile('tech', '2026-11', november));
    await writeFile(path.join(dir, 'messages', 'tech', '2026-11', '03.json.tmp-123-0badf00d'), '{"kind":"mess');

    const store = await openStore(dir, { now: fixedNow });
    expect(store.migration.applied).toHaveLength(1);
    for (const [serviceId, records] of expected) expect([...store.messages.all(serviceId)].sort(byId)).toEqual([...records].sort(byId));
    await store.close();
    // No month file left beside the month directories, and no temp file anywhere.
    for (const [serviceId, months] of Object.entries(MONTHS)) expect((await readdir(path.join(dir, 'messages', serviceId))).sort()).toEqual(months);
    expect((await readdir(path.join(dir, 'messages'), { recursive: true })).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('sets aside a v1 month file that cannot be read, reports it, and resyncs that service only', async () => {
    await writeV1Store();
    await writeFile(path.join(dir, 'messages', 'conso', '2026-11.json'), '{"kind":"messages","serviceId":"conso","rec');
    const reports: string[] = [];
    const store = await openStore(dir, { now: fixedNow, onCorruptShard: (shard, error) => reports.push(`${shard} ${error.name}`) });
    expect(reports).toEqual(['messages/conso/2026-11.json SyntaxError']);
    expect(await readdir(path.join(dir, 'messages', 'conso'))).toEqual(['2026-11.json.corrupt-2026-11-22T10-15-00-000Z']);
    expect(store.messages.count('conso')).toBe(0);
    expect(store.syncState.get('conso')).toBeNull();
    expect(store.messages.count('tech')).toBe(601);
    expect(store.syncState.get('tech')).toEqual({ INBOX: FOLDER });
    await store.close();
  });
});
