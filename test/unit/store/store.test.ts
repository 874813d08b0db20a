import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageBucketOf, openStore, type Store } from '../../../src/main/core/store';
import { bucketFile, makeMessage, makeService, makeTempDir } from './storeFixtures';

let dir: string;
let cleanup: () => Promise<void>;
const open: Store[] = [];
const fixedNow = () => new Date('2026-11-22T10:15:00.000Z');

async function openTracked(onCorrupt?: (shard: string, error: Error) => void): Promise<Store> {
  const store = await openStore(dir, { now: fixedNow, ...(onCorrupt ? { onCorruptShard: onCorrupt } : {}) });
  open.push(store);
  return store;
}

async function reopen(store: Store, onCorrupt?: (shard: string, error: Error) => void): Promise<Store> {
  await store.close();
  return openTracked(onCorrupt);
}

beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await cleanup();
});

describe('store: messages', () => {
  it('round-trips upsert, patch and remove across a reopen', async () => {
    let store = await openTracked();
    await store.messages.upsert('tech', [
      makeMessage('tech', 'a', '2026-11-03T08:00:00Z'),
      makeMessage('tech', 'b', '2026-11-04T08:00:00Z'),
      makeMessage('tech', 'c', '2026-10-30T08:00:00Z'),
    ]);
    expect(await store.messages.patchKeywords('tech', 'a', ['$guichet_ack'])).toBe(true);
    expect(await store.messages.patchKeywords('tech', 'missing', ['x'])).toBe(false);
    expect(await store.messages.remove('tech', ['b', 'missing'])).toBe(1);
    await store.messages.upsert('tech', [makeMessage('tech', 'c', '2026-10-30T08:00:00Z', { subject: 'Relance' })]);

    store = await reopen(store);
    expect(store.messages.count('tech')).toBe(2);
    expect(store.messages.get('tech', 'a')?.keywords).toEqual(['$guichet_ack']);
    expect(store.messages.get('tech', 'b')).toBeUndefined();
    expect(store.messages.get('tech', 'c')?.subject).toBe('Relance');
    expect([...store.messages.all('tech')].map((m) => m.id)).toEqual(['c', 'a']);
    expect(store.messages.count('other')).toBe(0);
  });

  it('shares what loaded records repeat (empty lists, addresses), frozen so no record can change another', async () => {
    let store = await openTracked();
    await store.messages.upsert('tech', [makeMessage('tech', 'a', '2026-11-03T08:00:00Z'), makeMessage('tech', 'b', '2026-10-04T08:00:00Z')]);
    store = await reopen(store);
    const a = store.messages.get('tech', 'a');
    const b = store.messages.get('tech', 'b');
    if (!a || !b) throw new Error('records lost across the reopen');
    // Two shards (two months), one set of shared values for the store.
    expect(a.from).toBe(b.from);
    expect(a.to).toBe(b.to);
    expect(a.keywords).toBe(b.flags);
    expect(Object.isFrozen(a.from) && Object.isFrozen(a.keywords)).toBe(true);
    expect(a.from).toEqual({ name: 'Client', address: 'client@customer.example' });
  });

  it('writes a month spread over its buckets correctly as records change', async () => {
    let store = await openTracked();
    const records = Array.from({ length: 450 }, (_, i) => makeMessage('tech', `r${i}`, '2026-11-03T08:00:00Z'));
    await store.messages.upsert('tech', records);
    await store.messages.patchKeywords('tech', 'r250', ['$guichet_ack']);
    await store.messages.upsert('tech', [makeMessage('tech', 'r450', '2026-11-04T08:00:00Z')]);
    await store.messages.patchKeywords('tech', 'r10', ['$guichet_claimed']);
    await store.messages.remove('tech', ['r5']);
    await store.messages.patchKeywords('tech', 'r300', ['$guichet_done']);

    store = await reopen(store);
    const ids = [...store.messages.all('tech')].map((m) => m.id);
    expect(ids.sort()).toEqual([...records.map((r) => r.id).filter((id) => id !== 'r5'), 'r450'].sort());
    expect(store.messages.get('tech', 'r250')?.keywords).toEqual(['$guichet_ack']);
    expect(store.messages.get('tech', 'r10')?.keywords).toEqual(['$guichet_claimed']);
    expect(store.messages.get('tech', 'r300')?.keywords).toEqual(['$guichet_done']);
    expect(store.messages.get('tech', 'r400')).toEqual(records[400]);
  });

  it('shards per service, month of the message date, and bucket of the id', async () => {
    const store = await openTracked();
    await store.messages.upsert('tech', [
      makeMessage('tech', 'a', '2026-11-03T08:00:00Z'),
      makeMessage('tech', 'b', '2026-10-31T23:30:00-02:00'), // 2026-11-01 01:30 UTC
      makeMessage('tech', 'c', '2026-09-15T08:00:00Z'),
      makeMessage('tech', 'd', 'not a date'),
    ]);
    await store.messages.upsert('conso', [makeMessage('conso', 'e', '2026-11-20T08:00:00Z')]);
    expect(store.messages.months('tech')).toEqual(['2026-09', '2026-11', 'undated']);
    expect((await readdir(path.join(dir, 'messages', 'tech'))).sort()).toEqual(['2026-09', '2026-11', 'undated']);
    expect(await readdir(path.join(dir, 'messages', 'conso'))).toEqual(['2026-11']);
    expect(await readdir(path.join(dir, 'messages', 'conso', '2026-11'))).toEqual([bucketFile('e')]);
    for (const id of ['a', 'b']) {
      const shard = JSON.parse(await readFile(path.join(dir, 'messages', 'tech', '2026-11', bucketFile(id)), 'utf8'));
      expect(shard).toMatchObject({ kind: 'messages', serviceId: 'tech', month: '2026-11', bucket: messageBucketOf(id) });
      expect(shard.records.map((r: { id: string }) => r.id)).toContain(id);
    }

    // A date correction moves the record to its new shard.
    await store.messages.upsert('tech', [makeMessage('tech', 'c', '2026-11-15T08:00:00Z')]);
    const september = JSON.parse(await readFile(path.join(dir, 'messages', 'tech', '2026-09', bucketFile('c')), 'utf8'));
    expect(september.records).toEqual([]);
    expect(store.messages.count('tech')).toBe(4);
    expect(store.messages.get('tech', 'c')?.date).toBe('2026-11-15T08:00:00Z');
  });

  it('refuses invalid records and records of another service before changing anything', async () => {
    const store = await openTracked();
    const bad = { ...makeMessage('tech', 'x', '2026-11-03T08:00:00Z'), modseq: 12 } as unknown as ReturnType<typeof makeMessage>;
    expect(() => store.messages.upsert('tech', [makeMessage('tech', 'ok', '2026-11-03T08:00:00Z'), bad])).toThrow();
    expect(() => store.messages.upsert('tech', [makeMessage('conso', 'y', '2026-11-03T08:00:00Z')])).toThrow(
      'Message y belongs to service "conso", not "tech".',
    );
    expect(store.messages.count('tech')).toBe(0);
  });

  it('keeps ids with <, > and / usable in shards and body paths', async () => {
    const store = await openTracked();
    const id = '<20261103.abc/def@customer.example>#9f2c';
    await store.messages.upsert('tech', [makeMessage('tech', id, '2026-11-03T08:00:00Z')]);
    const bodyPath = await store.bodies.putBody('tech', id, Buffer.from('Subject: x\r\n\r\nbody'));
    expect(path.relative(dir, bodyPath).split(path.sep)).toEqual([
      'bodies',
      'tech',
      '32', // spread by hash: the id starts with punctuation
      '%3C20261103.abc%2Fdef@customer.example%3E%239f2c.eml',
    ]);
    const again = await reopen(store);
    expect(again.messages.get('tech', id)?.id).toBe(id);
  });
});

describe('store: corrupt shards and leftovers', () => {
  it('sets a corrupt shard aside, reports it, resets that service sync state, and keeps the rest', async () => {
    let store = await openTracked();
    await store.messages.upsert('tech', [makeMessage('tech', 'a', '2026-11-03T08:00:00Z'), makeMessage('tech', 'b', '2026-10-03T08:00:00Z')]);
    await store.messages.upsert('conso', [makeMessage('conso', 'c', '2026-11-03T08:00:00Z')]);
    const folder = { uidValidity: 7, highestModseq: '420', uidNext: 31, lastSyncAt: '2026-11-22T10:00:00.000Z' };
    await store.syncState.set('tech', { INBOX: folder });
    await store.syncState.set('conso', { INBOX: folder });
    await store.close();
    await writeFile(path.join(dir, 'messages', 'tech', '2026-11', bucketFile('a')), '{"kind":"messages","serviceId":"tech","rec');

    const reports: string[] = [];
    store = await openTracked((shard, error) => reports.push(`${shard} ${error.name}`));
    expect(reports).toEqual([`messages/tech/2026-11/${bucketFile('a')} SyntaxError`]);
    expect(await readdir(path.join(dir, 'messages', 'tech', '2026-11'))).toEqual([`${bucketFile('a')}.corrupt-2026-11-22T10-15-00-000Z`]);
    expect(await readdir(path.join(dir, 'messages', 'tech', '2026-10'))).toEqual([bucketFile('b')]);
    expect(store.messages.get('tech', 'a')).toBeUndefined();
    expect(store.messages.get('tech', 'b')?.id).toBe('b');
    expect(store.messages.get('conso', 'c')?.id).toBe('c');
    expect(store.syncState.get('tech')).toBeNull();
    expect(store.syncState.get('conso')).toEqual({ INBOX: folder });

    // The shard is rebuilt on the next upsert, next to the set-aside copy.
    await store.messages.upsert('tech', [makeMessage('tech', 'a', '2026-11-03T08:00:00Z')]);
    store = await reopen(store);
    expect(store.messages.count('tech')).toBe(2);
  });

  it('sets aside a shard that parses but breaks the schema, and a corrupt settings file', async () => {
    await mkdir(path.join(dir, 'messages', 'tech', '2026-11'), { recursive: true });
    await writeFile(path.join(dir, 'meta.json'), '{"schemaVersion":2}');
    await writeFile(path.join(dir, 'messages', 'tech', '2026-11', '04.json'), '{"kind":"messages","serviceId":"tech","month":"2026-11","bucket":4,"records":[{"id":"a"}]}');
    await writeFile(path.join(dir, 'settings.json'), '\u0000\u0000');
    const reports: string[] = [];
    const store = await openTracked((shard) => reports.push(shard));
    expect(reports.sort()).toEqual(['messages/tech/2026-11/04.json', 'settings.json']);
    expect(store.messages.count('tech')).toBe(0);
    expect(store.settings.get().uiLanguage).toBe('system') // back to the defaults;
  });

  it('removes temp files left by a crash on open', async () => {
    await mkdir(path.join(dir, 'messages', 'tech', '2026-12'), { recursive: true });
    await mkdir(path.join(dir, 'bodies', 'tech', 'ab'), { recursive: true });
    await mkdir(path.join(dir, 'sync'), { recursive: true });
    await writeFile(path.join(dir, 'meta.json'), '{"schemaVersion":2}');
    const leftovers = [
      'outbox.json.tmp-123-0badf00d',
      'messages/tech/2026-12.json.tmp-123-0badf00d',
      // A bucket whose very first write was cut short: only its temp file exists.
      'messages/tech/2026-12/07.json.tmp-123-0badf00d',
      'sync/tech.json.tmp-123-0badf00d',
      'bodies/tech/ab/abc.eml.tmp-123-0badf00d',
    ];
    for (const leftover of leftovers) await writeFile(path.join(dir, leftover), 'partial');
    await openTracked();
    expect(await readdir(dir)).toEqual(['bodies', 'messages', 'meta.json', 'sync']);
    expect(await readdir(path.join(dir, 'messages', 'tech'))).toEqual(['2026-12']);
    expect(await readdir(path.join(dir, 'messages', 'tech', '2026-12'))).toEqual([]);
    expect(await readdir(path.join(dir, 'sync'))).toEqual([]);
    expect(await readdir(path.join(dir, 'bodies', 'tech', 'ab'))).toEqual([]);
  });
});

describe('store: documents', () => {
  it('refuses a service mailbox that carries a secret, at any level', async () => {
    const store = await openTracked();
    const service = makeService('tech');
    await expect(store.services.put({ ...service, password: 'hunter2' } as typeof service)).rejects.toThrow();
    await expect(store.services.put({ ...service, imap: { ...service.imap, password: 'hunter2' } } as typeof service)).rejects.toThrow();
    await expect(store.services.put({ ...service, smtp: { ...service.smtp, token: 'abc' } } as typeof service)).rejects.toThrow();
    expect(store.services.list()).toEqual([]);
    await store.services.put(service);
    await store.flush();
    const text = await readFile(path.join(dir, 'services.json'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).services).toEqual([service]);
  });

  it('forgets a removed service\'s mail copies, bodies, analyses and sync state, and nothing of the others', async () => {
    let store = await openTracked();
    for (const service of ['tech', 'conso']) {
      await store.messages.upsert(service, [makeMessage(service, `${service}-1`, '2026-11-02T08:00:00.000Z')]);
      await store.bodies.cacheBody(service, `${service}-1`, Buffer.from(`Subject: ${service}\r\n\r\nbody`));
      await store.bodies.putBody(service, `${service}-2`, Buffer.from('Subject: file\r\n\r\nbody'));
      store.analysis.set(service, `${service}-1`, { fp: 'f', form: {} });
      await store.syncState.setFolder(service, 'INBOX', { uidValidity: 3, highestModseq: '7', uidNext: 9, lastSyncAt: null });
    }
    await store.flush();

    await store.forgetService('conso');
    store = await reopen(store);
    expect(store.messages.get('conso', 'conso-1')).toBeUndefined();
    expect(await store.bodies.readBody('conso', 'conso-1')).toBeNull();
    expect(await store.bodies.readBody('conso', 'conso-2')).toBeNull();
    expect(store.analysis.get('conso', 'conso-1')).toBeUndefined();
    expect(store.syncState.get('conso')?.['INBOX']).toBeUndefined();
    expect(await readdir(path.join(dir, 'bodies'))).not.toContain('conso');
    // The other service keeps everything.
    expect(store.messages.get('tech', 'tech-1')?.id).toBe('tech-1');
    expect((await store.bodies.readBody('tech', 'tech-1'))?.toString()).toContain('Subject: tech');
    expect(await store.bodies.readBody('tech', 'tech-2')).not.toBeNull();
    expect(store.analysis.get('tech', 'tech-1')?.fp).toBe('f');
    expect(store.syncState.get('tech')?.['INBOX']?.uidNext).toBe(9);
  });

  it('keeps settings, services, outbox, routing examples, sync state and the serial registry across a reopen', async () => {
    let store = await openTracked();
    await store.settings.update({ agentName: 'Camille', uiLanguage: 'en' });
    await store.services.put(makeService('tech'));
    await store.services.put(makeService('conso'));
    expect(await store.services.remove('conso')).toBe(true);
    await store.outbox.put({ id: 't1', kind: 'acknowledge', state: 'local', messageId: '<m1@guichet>' });
    await store.outbox.put({ id: 't2', kind: 'transfer', state: 'local' });
    expect(await store.outbox.update('t1', { state: 'remote' })).toEqual({ id: 't1', kind: 'acknowledge', state: 'remote', messageId: '<m1@guichet>' });
    expect(await store.outbox.remove('t2')).toBe(true);
    await expect(store.outbox.update('nope', { state: 'x' })).rejects.toThrow('No outbox task "nope".');
    const example = { label: 'technical' as const, subject: 'Panne', text: 'ne démarre plus', source: 'transfer' as const, at: '2026-11-22T10:00:00.000Z' };
    await store.routingExamples.add(example);
    await store.syncState.setFolder('tech', 'INBOX', { uidValidity: 3, highestModseq: '18446744073709551615', uidNext: 9, lastSyncAt: null });
    expect(store.serialRegistry.importedAt()).toBeNull();
    await store.serialRegistry.replace('serial\nST-4F7K-29QD-8M3X\n', '2026-11-23T09:00:00.000Z');

    store = await reopen(store);
    expect(store.serialRegistry.csv()).toBe('serial\nST-4F7K-29QD-8M3X\n');
    expect(store.serialRegistry.importedAt()).toBe('2026-11-23T09:00:00.000Z');
    expect(store.settings.get()).toMatchObject({ agentName: 'Camille', uiLanguage: 'en' });
    expect(store.services.list().map((s) => s.id)).toEqual(['tech']);
    expect(store.outbox.list()).toEqual([{ id: 't1', kind: 'acknowledge', state: 'remote', messageId: '<m1@guichet>' }]);
    expect(store.routingExamples.list()).toEqual([example]);
    expect(store.syncState.get('tech')).toEqual({ INBOX: { uidValidity: 3, highestModseq: '18446744073709551615', uidNext: 9, lastSyncAt: null } });
    expect(store.syncState.get('conso')).toBeNull();
  });

  it('has an outbox task on disk by the time put resolves', async () => {
    const store = await openTracked();
    await store.outbox.put({ id: 't1', kind: 'acknowledge' });
    expect(JSON.parse(await readFile(path.join(dir, 'outbox.json'), 'utf8')).tasks).toEqual([{ id: 't1', kind: 'acknowledge' }]);
  });

  it('refuses changes after close', async () => {
    const store = await openTracked();
    await store.close();
    await expect(store.outbox.put({ id: 't1' })).rejects.toThrow('The store is closed: outbox.json was not saved.');
  });
});

describe('store: bodies', () => {
  it('writes a raw body from a Buffer or a stream, atomically, under bodies/<service>/<2 chars>/', async () => {
    const store = await openTracked();
    expect(await store.bodies.hasBody('tech', 'ab12')).toBe(false);
    const fromBuffer = await store.bodies.putBody('tech', 'ab12', Buffer.from('Subject: one\r\n\r\nfirst'));
    expect(fromBuffer).toBe(path.join(dir, 'bodies', 'tech', 'ab', 'ab12.eml'));
    expect(store.bodies.getBodyPath('tech', 'ab12')).toBe(fromBuffer);
    expect(await store.bodies.hasBody('tech', 'ab12')).toBe(true);
    await store.bodies.putBody('tech', 'ab12', Readable.from([Buffer.from('Subject: two\r\n'), Buffer.from('\r\nsecond')]));
    expect(await readFile(fromBuffer, 'utf8')).toBe('Subject: two\r\n\r\nsecond');
    expect(await readdir(path.dirname(fromBuffer))).toEqual(['ab12.eml']);
  });
});
