import { describe, expect, it } from 'vitest';
import type { OutboxTaskView } from '../../../src/shared/api';
import { clockAlerts } from '../../../src/renderer/src/state/clockAlerts';
import { applyOutboxTaskTo, recentOutboxTasks, summarizeOutbox, undoEndsAt } from '../../../src/renderer/src/state/outboxSlice';
import { withSyncSnapshot } from '../../../src/renderer/src/state/syncSlice';
import { applyTicketsChange } from '../../../src/renderer/src/state/ticketsSlice';
import { selectNowMs } from '../../../src/renderer/src/state/workspaceSlice';
import { card, clock } from './cardFixture';

function task(overrides: Partial<OutboxTaskView> & { id: string }): OutboxTaskView {
  return {
    ticketId: 'GX-000001', serviceId: 'technical', action: 'acknowledge', state: 'undoWindow',
    createdAt: '2026-11-20T09:00:00.000Z', undoUntil: '2026-11-20T09:00:10.000Z', attempts: 0, error: null,
    retryable: false, messageId: '<x@test>', recipient: 'lea@example.fr', ...overrides,
  };
}

describe('applyTicketsChange', () => {
  it('upserts and removes incrementally, keeping the map when nothing changed', () => {
    const a = card({ ticketId: 'GX-000001' });
    const b = card({ ticketId: 'GX-000002' });
    const before = new Map([[a.ticketId, a], [b.ticketId, b]]);
    const moved = { ...a, serviceId: 'consumer' };
    const after = applyTicketsChange(before, { upserted: [moved], removed: ['GX-000002'] });
    expect(after).toEqual(new Map([['GX-000001', moved]]));
    expect(before.get('GX-000002')).toBe(b); // the previous map is untouched
    expect(applyTicketsChange(before, { upserted: [], removed: [] })).toBe(before);
  });
});

describe('sync states', () => {
  it('takes the snapshot of core for services no event told about, and keeps what an event said (it is newer)', () => {
    const offline = { serviceId: 'technical', status: 'offline' as const, progress: null, since: '2026-11-23T01:00:00.000Z', reason: null };
    const snapshot = [
      { serviceId: 'technical', status: 'connected' as const, progress: null, since: null, reason: null },
      { serviceId: 'consumer', status: 'connected' as const, progress: null, since: null, reason: null },
    ];
    expect(withSyncSnapshot({ technical: offline }, snapshot)).toEqual({ technical: offline, consumer: snapshot[1] });
    expect(withSyncSnapshot({}, snapshot)).toEqual({ technical: snapshot[0], consumer: snapshot[1] });
  });
});

describe('outbox', () => {
  it('runs the undo window on the local clock, for its length on core clock (the demo clock is frozen)', () => {
    expect(undoEndsAt(task({ id: 't1' }), 1_000_000)).toBe(1_010_000);
    expect(undoEndsAt(task({ id: 't1', state: 'queued', undoUntil: null }), 1_000_000)).toBeNull();
  });

  it('keeps the first deadline when the same task is seen again, and drops it once the window is over', () => {
    let outbox = applyOutboxTaskTo({}, task({ id: 't1' }), 1_000_000);
    outbox = applyOutboxTaskTo(outbox, task({ id: 't1' }), 1_005_000);
    expect(outbox.t1?.undoEndsAtMs).toBe(1_010_000);
    outbox = applyOutboxTaskTo(outbox, task({ id: 't1', state: 'cancelled', undoUntil: null }), 1_006_000);
    expect(outbox.t1).toMatchObject({ task: { state: 'cancelled' }, undoEndsAtMs: null });
  });

  it('summarizes pending, undo window, sending and failed; lists the newest first', () => {
    let outbox = {};
    outbox = applyOutboxTaskTo(outbox, task({ id: 'a', state: 'queued', createdAt: '2026-11-20T09:00:01.000Z' }), 0);
    outbox = applyOutboxTaskTo(outbox, task({ id: 'b', state: 'sending', createdAt: '2026-11-20T09:00:02.000Z' }), 0);
    outbox = applyOutboxTaskTo(outbox, task({ id: 'c', state: 'failed', error: '550 mailbox unavailable', createdAt: '2026-11-20T09:00:03.000Z' }), 0);
    outbox = applyOutboxTaskTo(outbox, task({ id: 'd', createdAt: '2026-11-20T09:00:04.000Z' }), 0);
    outbox = applyOutboxTaskTo(outbox, task({ id: 'e', state: 'done', createdAt: '2026-11-20T09:00:00.000Z' }), 0);
    expect(summarizeOutbox(outbox)).toEqual({ pending: 1, undoWindow: 1, sending: 1, failed: 1 });
    expect(recentOutboxTasks(outbox, 3).map((e) => e.task.id)).toEqual(['d', 'c', 'b']);
  });
});

describe('clockAlerts', () => {
  it('alerts when a known ticket turns due soon or overdue, never for one that stays or improves', () => {
    const before = new Map([
      card({ ticketId: 'GX-000001', clock: clock(10, '2026-11-20T20:00:00Z') }),
      card({ ticketId: 'GX-000002', clock: clock(5, '2026-11-20T15:00:00Z') }),
      card({ ticketId: 'GX-000003', clock: clock(-1, '2026-11-20T08:00:00Z') }),
      card({ ticketId: 'GX-000004', clock: clock(5, '2026-11-20T15:00:00Z') }),
    ].map((c) => [c.ticketId, c] as const));
    const alerts = clockAlerts(before, [
      card({ ticketId: 'GX-000001', clock: clock(7, '2026-11-20T17:00:00Z') }), // ok -> dueSoon
      card({ ticketId: 'GX-000002', clock: clock(-0.5, '2026-11-20T09:30:00Z') }), // dueSoon -> overdue
      card({ ticketId: 'GX-000003', clock: clock(-2, '2026-11-20T08:00:00Z') }), // still overdue
      card({ ticketId: 'GX-000004', state: 'acknowledged', clock: clock(48, '2026-11-22T10:00:00Z') }), // answered
      card({ ticketId: 'GX-000005', clock: clock(-3, '2026-11-20T07:00:00Z') }), // new card: not news
    ]);
    expect(alerts.map((a) => [a.ticketId, a.status])).toEqual([['GX-000001', 'dueSoon'], ['GX-000002', 'overdue']]);
  });
});

describe('selectNowMs', () => {
  it('moves the demo frozen clock on from load time, and uses the wall clock otherwise', () => {
    const frozen = { workspace: { frozenNow: '2026-11-20T09:00:00.000Z' } as never, loadedAtMs: 1_000 };
    expect(selectNowMs(frozen, 61_000)).toBe(Date.parse('2026-11-20T09:01:00.000Z'));
    expect(selectNowMs({ workspace: null, loadedAtMs: 0 }, 42)).toBe(42);
  });
});
