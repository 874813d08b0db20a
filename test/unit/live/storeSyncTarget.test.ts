import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/core/store';
import { createStoreSyncTarget } from '../../../src/main/core/live/storeSyncTarget';
import type { SyncedMessage } from '../../../src/main/core/sync/syncTarget';
import { makeTempDir } from '../store/storeFixtures';

// What the sync engine's expunge does to the real store: the message, and what was kept about it.

let dir: string;
let cleanup: () => Promise<void>;
let store: Store | null = null;

beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => {
  await store?.close();
  store = null;
  await cleanup();
});

function synced(uid: number, folder: SyncedMessage['folder'] = 'inbox'): SyncedMessage {
  return {
    folder, uid, uidValidity: 1, messageId: `<m${uid}@customer.example>`, inReplyTo: null, references: [], subject: `Panne ${uid}`,
    from: { name: 'Client', address: 'client@customer.example' }, to: [{ name: '', address: 'sav@guichet.example' }], cc: [],
    date: '2026-11-02T08:00:00.000Z', internalDate: '2026-11-02T08:00:00.000Z', flags: [], keywords: [], modseq: '1', size: 100, headers: {},
  };
}

describe('store sync target: expunge', () => {
  it('a message gone from every folder leaves no triage analysis behind, across a restart', async () => {
    store = await openStore(`${dir}/store`);
    const target = createStoreSyncTarget(store, 'tech', `${dir}/attachments`, { onMessagesChanged: () => {} });
    await target.upsert('inbox', [synced(1), synced(2)]);
    const [gone, kept] = [target.idOf('inbox', 1), target.idOf('inbox', 2)];
    if (!gone || !kept) throw new Error('not stored');
    const entry = { fp: 'f', form: { form: null, fields: {}, missing: [], serial: null, lang: 'fr' }, model: 'seed', routing: null };
    store.analysis.set('tech', gone, entry);
    store.analysis.set('tech', kept, entry);

    await target.expunge('inbox', [1]);
    expect(store.messages.get('tech', gone)).toBeUndefined();
    expect(store.analysis.get('tech', gone)).toBeUndefined();
    await store.close();
    store = await openStore(`${dir}/store`);
    expect(store.analysis.get('tech', gone)).toBeUndefined();
    expect(store.analysis.get('tech', kept)?.fp).toBe('f');
  });
});
