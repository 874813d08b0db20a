import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContractHandlers } from '../../../src/shared/api';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICY } from '../../../src/shared/calendar';
import { deskSnapshotPath, readDeskSnapshot, writeDeskSnapshot, type DeskSnapshot } from '../../../src/main/core/store/deskSnapshot';
import { createSnapshotSaver } from '../../../src/main/core/workspace/snapshotSaver';
import { earlyHandlers } from '../../../src/main/host/earlyHandlers';
import { card } from '../renderer/cardFixture';

const services = [
  { id: 'technical', name: 'Service technique', kind: 'technical' as const, address: 'tech@example.fr', colour: '#2f6fde', defaultLanguage: 'fr' as const },
  { id: 'consumer', name: 'Service consommateurs', kind: 'consumer' as const, address: 'conso@example.fr', colour: '#d9822b', defaultLanguage: 'fr' as const },
];
const workspace = { demo: false, agentName: 'Marie', services, secretWarning: null, frozenNow: null };
const settings = { agentName: 'Marie', uiLanguage: 'system' as const, calendar: DEFAULT_CALENDAR, sla: DEFAULT_SLA_POLICY, undoSeconds: 10, templates: {} };
const top = (serviceId: string, n: number) => Array.from({ length: n }, (_, i) => card({ ticketId: `GX-${serviceId === 'technical' ? 1 : 2}${String(i).padStart(5, '0')}`, serviceId }));

function snapshot(): DeskSnapshot {
  return {
    kind: 'desk-snapshot', version: 1, savedAt: '2026-11-20T09:00:00.000Z', workspace, settings,
    queues: [{ serviceId: 'technical', total: 18_000, top: top('technical', 100) }, { serviceId: 'consumer', total: 3, top: top('consumer', 3) }],
  };
}

/** Core's handlers, as far as these tests call them; `calls` records what reached core. */
function fakeCore(calls: string[]): { handlers: ContractHandlers } {
  const answer = async (method: string, value: unknown) => { calls.push(method); return value; };
  return {
    handlers: {
      'workspace.get': () => answer('workspace.get', { ...workspace, agentName: 'Core' }),
      'tickets.list': (input: { serviceId?: string }) => answer('tickets.list', { tickets: [], total: 0, cursor: null, provisional: false, serviceId: input.serviceId }),
      'outbox.list': () => answer('outbox.list', { tasks: [] }),
    } as unknown as ContractHandlers,
  };
}

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('the host before core is ready (earlyHandlers)', () => {
  it('draws the desk from the snapshot, marked provisional, and lets everything else wait for core', async () => {
    const calls: string[] = [];
    let startCore = (): void => {};
    const core = new Promise<{ handlers: ContractHandlers }>((resolve) => { startCore = () => resolve(fakeCore(calls)); });
    const early = earlyHandlers(snapshot(), core);
    expect(await early.handlers['workspace.get']({})).toEqual(workspace);
    expect(await early.handlers['settings.get']({})).toEqual(settings);
    const first = await early.handlers['tickets.list']({ serviceId: 'technical', limit: 50 });
    expect(first).toMatchObject({ total: 18_000, cursor: null, provisional: true });
    expect(first.tickets.map((c) => c.ticketId)).toEqual(top('technical', 50).map((c) => c.ticketId));
    // Larger pages, later pages and other calls are core's: they wait for it.
    const outbox = early.handlers['outbox.list']({});
    const rest = early.handlers['tickets.list']({ serviceId: 'technical', offset: 0, limit: 2_000 });
    let drawn = false;
    void early.drawn.then(() => { drawn = true; });
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([]);
    expect(drawn).toBe(false); // the consumer queue is not drawn yet
    expect(await early.handlers['tickets.list']({ serviceId: 'consumer', limit: 50 })).toMatchObject({ total: 3, provisional: true });
    await early.drawn;
    startCore();
    expect(await outbox).toEqual({ tasks: [] });
    expect(await rest).toMatchObject({ provisional: false });
    // Once core is ready, even what the snapshot could answer comes from core.
    expect(await early.handlers['workspace.get']({})).toMatchObject({ agentName: 'Core' });
    expect(calls).toEqual(['outbox.list', 'tickets.list', 'workspace.get']);
  });

  it('without a snapshot, is drawn at once and every call waits for core', async () => {
    const calls: string[] = [];
    const early = earlyHandlers(null, Promise.resolve(fakeCore(calls)));
    await early.drawn;
    expect(await early.handlers['tickets.list']({ serviceId: 'technical', limit: 50 })).toMatchObject({ provisional: false });
    expect(calls).toEqual(['tickets.list']);
  });
});

describe('the desk snapshot file', () => {
  it('round-trips, and an unreadable or foreign file is ignored rather than trusted', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gx-snapshot-'));
    expect(await readDeskSnapshot(dir)).toBeNull();
    await writeDeskSnapshot(dir, snapshot());
    expect(await readDeskSnapshot(dir)).toEqual(snapshot());
    await writeFile(deskSnapshotPath(dir), '{"kind":"desk-snapshot","version":1,"queu');
    expect(await readDeskSnapshot(dir)).toBeNull();
    await writeFile(deskSnapshotPath(dir), JSON.stringify({ ...snapshot(), version: 2 }));
    expect(await readDeskSnapshot(dir)).toBeNull();
  });

  it('is saved after the board changes and when the workspace closes, with each queue\'s most urgent cards and its size', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gx-snapshot-'));
    const cards = [...top('technical', 150), ...top('consumer', 2)];
    const saver = createSnapshotSaver(dir, {
      workspace: () => workspace, settings: () => settings, now: () => new Date('2026-11-20T10:00:00.000Z'),
      cards: (serviceId) => cards.filter((c) => c.serviceId === serviceId),
    });
    await saver.close();
    expect(await readDeskSnapshot(dir)).toBeNull(); // nothing changed: nothing written
    saver.schedule();
    await saver.close();
    const saved = JSON.parse(await readFile(deskSnapshotPath(dir), 'utf8')) as DeskSnapshot;
    expect(saved.savedAt).toBe('2026-11-20T10:00:00.000Z');
    expect(saved.queues.map((q) => [q.serviceId, q.total, q.top.length])).toEqual([['technical', 150, 100], ['consumer', 2, 2]]);
  });
});
