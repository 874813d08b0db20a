// The parts of the outbox that need no server: durability before enqueue answers, undo, retry rules.
import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxPersistence } from '../../../src/main/core/outbox';
import type { OutboxTaskRecord } from '../../../src/main/core/store';
import type { OutboxTaskView } from '../../../src/shared/views';
import { spec } from './fixtures';

function memoryStore(delayMs = 0): OutboxPersistence & { records: Map<string, OutboxTaskRecord> } {
  const records = new Map<string, OutboxTaskRecord>();
  return {
    records,
    list: () => [...records.values()].map((r) => structuredClone(r)),
    put: async (r) => {
      if (delayMs > 0) await new Promise((res) => setTimeout(res, delayMs));
      records.set(r.id, structuredClone(r));
    },
    remove: async (id) => records.delete(id),
  };
}

const unreachable = { imap: async () => { throw new Error('no network in unit tests'); }, smtp: async () => { throw new Error('no network in unit tests'); } };
const clock = () => new Date('2026-11-22T10:00:00Z');

describe('outbox without a server', () => {
  it('enqueue answers only once the task is stored, and undo inside the window cancels it durably', async () => {
    const store = memoryStore(30);
    const changes: OutboxTaskView[] = [];
    const outbox = createOutbox({ store, connections: unreachable, clock, undoMs: 60_000, onTaskChange: (v) => changes.push(v) });
    await outbox.start();
    let resolved = false;
    const pending = outbox.enqueue(spec).then((v) => { resolved = true; return v; });
    await new Promise((r) => setTimeout(r, 5));
    expect(resolved).toBe(false);
    expect(outbox.list()).toHaveLength(0);
    const view = await pending;
    expect(store.records.get(view.id)).toMatchObject({ state: 'undoWindow', messageId: view.messageId });
    const undone = await outbox.undo(view.id);
    expect(undone.state).toBe('cancelled');
    expect(store.records.get(view.id)).toMatchObject({ state: 'cancelled' });
    expect(changes.map((c) => c.state)).toEqual(['undoWindow', 'cancelled']);
    await expect(outbox.undo(view.id)).rejects.toThrow(/Too late/);
    await expect(outbox.retry(view.id)).rejects.toThrow(/Only a failed action/);
    await outbox.whenIdle();
    await outbox.stop();
  });

  it('refuses a malformed spec before storing anything', async () => {
    const store = memoryStore();
    const outbox = createOutbox({ store, connections: unreachable, clock, undoMs: 1000 });
    await outbox.start();
    await expect(outbox.enqueue({ ...spec, mail: { ...spec.mail, to: [] } })).rejects.toThrow();
    expect(store.records.size).toBe(0);
    await outbox.stop();
  });

  it('resumes stored tasks after a restart; a failed one is retried as a new task with a new Message-ID', async () => {
    const store = memoryStore();
    const first = createOutbox({ store, connections: unreachable, clock, undoMs: 60_000 });
    await first.start();
    const view = await first.enqueue(spec);
    await first.stop();
    // Simulate an earlier permanent failure on disk.
    const record = store.records.get(view.id);
    if (!record) throw new Error('not stored');
    store.records.set(view.id, { ...record, state: 'failed', error: '550 5.1.1 unknown', retryable: false });
    const second = createOutbox({ store, connections: unreachable, clock, undoMs: 60_000 });
    await second.start();
    expect(second.list().map((t) => t.state)).toEqual(['failed']);
    const again = await second.retry(view.id);
    expect(again.id).not.toBe(view.id);
    expect(again.messageId).not.toBe(view.messageId);
    expect(store.records.get(again.id)).toMatchObject({ retryOf: view.id, state: 'undoWindow' });
    await second.undo(again.id);
    await second.stop();
  });

  it('a transient failure waits with backoff and stays retryable', async () => {
    const store = memoryStore();
    const outbox = createOutbox({
      store, connections: unreachable, clock: () => new Date(), undoMs: 0,
      retry: { baseMs: 60_000, maxMs: 60_000, factor: 2, jitter: 0, stableAfterMs: 0 },
    });
    await outbox.start();
    const view = await outbox.enqueue(spec);
    for (let i = 0; i < 50 && (outbox.list()[0]?.attempts ?? 0) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(outbox.list()[0]).toMatchObject({ id: view.id, attempts: 1, retryable: true, error: 'no network in unit tests' });
    expect(store.records.get(view.id)).toMatchObject({ attempts: 1 });
    await outbox.stop();
  });
});
