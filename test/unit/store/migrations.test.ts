import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeFileDurable } from '../../../src/main/core/store/durableFile';
import { MIGRATIONS, openStore, StoreVersionError, type Migration } from '../../../src/main/core/store';
import { DEFAULT_SETTINGS } from '../../../src/main/core/store/schemas';
import { makeMessage, makeService, makeTempDir } from './storeFixtures';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

/** The v0 fixture layout: one unversioned `db.json` holding everything, no meta.json. */
const V0Database = z.object({
  agentName: z.string(),
  services: z.array(z.unknown()),
  messages: z.array(z.object({ id: z.string(), serviceId: z.string(), date: z.string() }).loose()),
});

const v0ToV1: Migration = {
  from: 0,
  to: 1,
  description: 'split db.json into sharded documents',
  run: async (storeDir) => {
    const legacyFile = path.join(storeDir, 'db.json');
    const legacy = V0Database.parse(JSON.parse(await readFile(legacyFile, 'utf8')));
    await writeFileDurable(path.join(storeDir, 'services.json'), JSON.stringify({ kind: 'services', services: legacy.services }));
    const shards = new Map<string, unknown[]>();
    for (const message of legacy.messages) {
      const key = `${message.serviceId}/${message.date.slice(0, 7)}`;
      shards.set(key, [...(shards.get(key) ?? []), message]);
    }
    for (const [key, records] of shards) {
      const [serviceId = '', month = ''] = key.split('/');
      const file = path.join(storeDir, 'messages', serviceId, `${month}.json`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileDurable(file, JSON.stringify({ kind: 'messages', serviceId, month, records }));
    }
    await writeFileDurable(path.join(storeDir, 'settings.json'), JSON.stringify({
      kind: 'settings',
      settings: { ...DEFAULT_SETTINGS, agentName: legacy.agentName, uiLanguage: 'fr' },
    }));
    await rm(legacyFile, { force: true });
  },
};

async function writeV0Fixture(): Promise<void> {
  await writeFile(path.join(dir, 'db.json'), JSON.stringify({
    agentName: 'Camille',
    services: [makeService('tech')],
    messages: [
      makeMessage('tech', 'a', '2026-10-02T08:00:00.000Z'),
      makeMessage('tech', 'b', '2026-11-02T08:00:00.000Z'),
    ],
  }));
}

describe('store migrations', () => {
  it('migrates a v0 layout through v1 to the current one, records the version, and reads the result', async () => {
    await writeV0Fixture();
    const store = await openStore(dir, { migrations: [v0ToV1, ...MIGRATIONS] });
    expect(store.migration).toEqual({
      from: 0,
      to: 2,
      applied: ['split db.json into sharded documents', 'split each month of messages into buckets of the message id'],
    });
    expect(store.settings.get().agentName).toBe('Camille');
    expect(store.services.list().map((s) => s.id)).toEqual(['tech']);
    expect(store.messages.months('tech')).toEqual(['2026-10', '2026-11']);
    expect(store.messages.get('tech', 'b')?.date).toBe('2026-11-02T08:00:00.000Z');
    await store.close();
    expect(JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8'))).toEqual({ schemaVersion: 2 });
    expect((await readdir(dir)).sort()).toEqual(['messages', 'meta.json', 'services.json', 'settings.json']);

    const again = await openStore(dir, { migrations: [v0ToV1, ...MIGRATIONS] });
    expect(again.migration).toEqual({ from: 2, to: 2, applied: [] });
    await again.close();
  });

  it('starts a fresh store at the current version', async () => {
    const store = await openStore(path.join(dir, 'new'));
    expect(store.migration).toEqual({ from: 'fresh', to: 2, applied: [] });
    await store.close();
    expect(JSON.parse(await readFile(path.join(dir, 'new', 'meta.json'), 'utf8'))).toEqual({ schemaVersion: 2 });
  });

  it('refuses a store written by a newer Guichet, and an unversioned folder it cannot migrate', async () => {
    await writeFile(path.join(dir, 'meta.json'), '{"schemaVersion":9}');
    await expect(openStore(dir)).rejects.toThrow(StoreVersionError);
    await writeFile(path.join(dir, 'meta.json'), '{"schemaVersion":2}');
    await (await openStore(dir)).close();

    const { dir: other, cleanup: cleanupOther } = await makeTempDir();
    await writeFile(path.join(other, 'db.json'), '{}');
    await expect(openStore(other)).rejects.toThrow('No migration from store schema 0 to 2');
    await cleanupOther();
  });
});
