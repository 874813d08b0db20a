import { describe, expect, it } from 'vitest';
import { compareUrgency, countByFilter, countByFilterIn, endOfDayMs, filterContext, indexInQueue, isDueToday, matchesFilter, matchesSearch, neighbourInQueue, QUEUE_FILTERS, selectQueue, selectSortedQueue, type CardMap, type QueueFilter } from '../../../src/renderer/src/state/queueSelectors';
import { sortedQueues } from '../../../src/renderer/src/state/sortedQueues';
import { applyTicketsChange } from '../../../src/renderer/src/state/ticketsSlice';
import type { TicketCard } from '../../../src/shared/api';
import { card, clock } from './cardFixture';

const NOW = Date.parse('2026-11-20T09:00:00.000Z'); // Friday 10:00 in Paris
const TZ = 'Europe/Paris';

describe('compareUrgency', () => {
  it('puts overdue first (most overdue on top), then due soonest, then tickets without a clock', () => {
    const cards = [
      card({ ticketId: 'GX-000001' }),
      card({ ticketId: 'GX-000002', clock: clock(30, '2026-11-21T15:00:00.000Z') }),
      card({ ticketId: 'GX-000003', clock: clock(-2, '2026-11-20T07:00:00.000Z') }),
      card({ ticketId: 'GX-000004', clock: clock(3, '2026-11-20T12:00:00.000Z') }),
      card({ ticketId: 'GX-000005', clock: clock(-30, '2026-11-19T03:00:00.000Z') }),
      card({ ticketId: 'GX-000006', receivedAt: '2026-11-10T09:00:00.000Z' }),
    ];
    expect(cards.sort(compareUrgency).map((c) => c.ticketId)).toEqual(['GX-000005', 'GX-000003', 'GX-000004', 'GX-000002', 'GX-000006', 'GX-000001']);
  });
});

describe('filters', () => {
  const table: Array<[QueueFilter, Parameters<typeof card>[0], boolean]> = [
    ['all', { ticketId: 'GX-000001' }, true],
    ['overdue', { ticketId: 'GX-000001', clock: clock(-1, '2026-11-20T08:00:00.000Z') }, true],
    ['overdue', { ticketId: 'GX-000001', clock: clock(5, '2026-11-20T14:00:00.000Z') }, false],
    ['dueToday', { ticketId: 'GX-000001', clock: clock(5, '2026-11-20T14:00:00.000Z') }, true],
    ['dueToday', { ticketId: 'GX-000001', clock: clock(14, '2026-11-20T22:59:00.000Z') }, true], // 23:59 Paris
    ['dueToday', { ticketId: 'GX-000001', clock: clock(15, '2026-11-20T23:30:00.000Z') }, false], // tomorrow in Paris
    ['dueToday', { ticketId: 'GX-000001', clock: clock(-1, '2026-11-20T08:00:00.000Z') }, false], // overdue is its own filter
    ['dueToday', { ticketId: 'GX-000001' }, false],
    ['unverified', { ticketId: 'GX-000001', serialStatus: 'unknown' }, true],
    ['unverified', { ticketId: 'GX-000001', serialStatus: 'none' }, true],
    ['unverified', { ticketId: 'GX-000001', serialStatus: 'verified' }, false],
    ['misrouted', { ticketId: 'GX-000001', misroute: { suggested: 'consumer', suggestedServiceId: 'consumer', confidence: 0.9, evidence: [] } }, true],
    ['misrouted', { ticketId: 'GX-000001' }, false],
    ['waitingOnCustomer', { ticketId: 'GX-000001', state: 'waitingOnCustomer' }, true],
    ['waitingOnCustomer', { ticketId: 'GX-000001', state: 'acknowledged' }, false],
    ['resolved', { ticketId: 'GX-000001', state: 'resolved' }, true],
    ['resolved', { ticketId: 'GX-000001', state: 'reopened' }, false],
  ];
  it.each(table)('%s on %j -> %s', (filter, overrides, expected) => {
    expect(matchesFilter(card(overrides), filter, filterContext(NOW, TZ))).toBe(expected);
  });

  it('"due today" follows the team time zone, not UTC', () => {
    const late = card({ ticketId: 'GX-000001', clock: clock(14, '2026-11-20T23:30:00.000Z') });
    expect(isDueToday(late, filterContext(NOW, 'UTC'))).toBe(true);
    expect(isDueToday(late, filterContext(NOW, TZ))).toBe(false);
  });

  it.each([
    ['2026-11-20T09:00:00.000Z', 'Europe/Paris', '2026-11-20T23:00:00.000Z'],
    ['2026-03-28T12:00:00.000Z', 'Europe/Paris', '2026-03-28T23:00:00.000Z'], // the night clocks go forward
    ['2026-03-29T12:00:00.000Z', 'Europe/Paris', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25T12:00:00.000Z', 'Europe/Paris', '2026-10-25T23:00:00.000Z'],
    ['2026-11-20T23:30:00.000Z', 'UTC', '2026-11-21T00:00:00.000Z'],
  ])('the day of %s in %s ends at %s', (now, zone, end) => {
    expect(new Date(endOfDayMs(Date.parse(now), zone)).toISOString()).toBe(end);
  });
});

describe('matchesSearch', () => {
  const c = card({ ticketId: 'GX-7K2M9Q', customer: { name: 'Hélène Durand', address: 'helene.d@example.fr' }, subject: 'Commande non reçue', serial: 'ST-9M3T-XA62-LK5E' });
  it.each([
    ['', true],
    ['ST-9M3T-XA62-LK5E', true],
    ['st-9m3t', true],
    ['helene', true],
    ['HÉLÈNE durand', true],
    ['example.fr', true],
    ['commande recue', true],
    ['gx-7k2m9q', true],
    ['[GX-7K2M9Q]', true],
    ['remboursement', false],
    ['helene remboursement', false],
  ])('%j -> %s', (query, expected) => {
    expect(matchesSearch(c, query)).toBe(expected);
  });
});

describe('selectQueue', () => {
  const cards = new Map(
    [
      card({ ticketId: 'GX-000001', serviceId: 'technical', clock: clock(10, '2026-11-21T09:00:00.000Z') }),
      card({ ticketId: 'GX-000002', serviceId: 'consumer', clock: clock(-1, '2026-11-20T08:00:00.000Z') }),
      card({ ticketId: 'GX-000003', serviceId: 'technical', clock: clock(-5, '2026-11-20T04:00:00.000Z'), subject: 'Plantage' }),
      card({ ticketId: 'GX-000004', serviceId: 'technical', state: 'resolved' }),
    ].map((c) => [c.ticketId, c] as const),
  );
  it('keeps one service, filters, searches and sorts by urgency', () => {
    expect(selectQueue(cards, 'technical', { filter: 'all', search: '', nowMs: NOW, timeZone: TZ }).map((c) => c.ticketId)).toEqual(['GX-000003', 'GX-000001', 'GX-000004']);
    expect(selectQueue(cards, 'technical', { filter: 'overdue', search: '', nowMs: NOW, timeZone: TZ }).map((c) => c.ticketId)).toEqual(['GX-000003']);
    expect(selectQueue(cards, 'technical', { filter: 'all', search: 'plantage', nowMs: NOW, timeZone: TZ }).map((c) => c.ticketId)).toEqual(['GX-000003']);
    expect(selectQueue(cards, 'consumer', { filter: 'resolved', search: '', nowMs: NOW, timeZone: TZ })).toEqual([]);
  });

  it('counts every filter', () => {
    const counts = countByFilter(cards, NOW, TZ);
    expect(counts).toMatchObject({ all: 4, overdue: 2, resolved: 1, unverified: 4, misrouted: 0 });
  });

  // Speed is measured by `npm run bench -- ui`, not asserted here: this checks the order at scale.
  it('sorts 50,000 cards by urgency', () => {
    const many = new Map(
      Array.from({ length: 50_000 }, (_, i) => {
        const id = `GX-${String(i).padStart(6, '0')}`;
        const hours = (i * 7919) % 200 - 50;
        return [id, card({ ticketId: id, serviceId: i % 2 ? 'technical' : 'consumer', clock: clock(hours, new Date(NOW + hours * 3_600_000).toISOString()) })] as const;
      }),
    );
    const queue = selectQueue(many, 'technical', { filter: 'all', search: '', nowMs: NOW, timeZone: TZ });
    selectQueue(many, 'technical', { filter: 'dueToday', search: 'lea', nowMs: NOW, timeZone: TZ });
    selectQueue(many, 'technical', { filter: 'dueToday', search: 'lea martin', nowMs: NOW, timeZone: TZ });
    expect(queue).toHaveLength(25_000);
    for (let i = 1; i < queue.length; i++) expect(compareUrgency(queue[i - 1]!, queue[i]!)).toBeLessThanOrEqual(0);
  });
});

describe('selectSortedQueue (the desk: sorted once per card map, patched per event)', () => {
  const many = (n: number): CardMap =>
    new Map(
      Array.from({ length: n }, (_, i) => {
        const id = `GX-${String(i).padStart(6, '0')}`;
        const hours = ((i * 7919) % 200) - 50;
        return [id, card({ ticketId: id, serviceId: i % 2 ? 'technical' : 'consumer', state: i % 5 ? 'new' : 'resolved', clock: i % 7 ? clock(hours, new Date(NOW + hours * 3_600_000).toISOString()) : null })] as const;
      }),
    );
  const ids = (q: readonly TicketCard[]) => q.map((c) => c.ticketId);
  const context = filterContext(NOW, TZ);

  it('gives the same queues and counts as selectQueue and countByFilter', () => {
    const cards = many(2_000);
    for (const service of ['technical', 'consumer', 'nobody'])
      for (const filter of QUEUE_FILTERS)
        for (const search of ['', 'GX-0001'])
          expect(ids(selectSortedQueue(cards, service, filter, search, context))).toEqual(ids(selectQueue(cards, service, { filter, search, nowMs: NOW, timeZone: TZ })));
    expect(countByFilterIn(cards, context)).toEqual(countByFilter(cards, NOW, TZ));
  });

  it('returns the cached array without filter or search, and keeps an untouched service’s array', () => {
    const cards = many(200);
    const technical = selectSortedQueue(cards, 'technical', 'all', '', context);
    expect(selectSortedQueue(cards, 'technical', 'all', '', context)).toBe(technical);
    const consumer = selectSortedQueue(cards, 'consumer', 'all', '', context);
    const moved = { ...(cards.get('GX-000001') as TicketCard), clock: clock(-90, '2026-11-10T08:00:00.000Z') };
    const next = applyTicketsChange(cards, { upserted: [moved], removed: [] });
    expect(selectSortedQueue(next, 'consumer', 'all', '', context)).toBe(consumer);
    expect(selectSortedQueue(next, 'technical', 'all', '', context)[0]).toBe(moved);
  });

  it('patches the sorted queues after upserts, removals and transfers exactly as a full sort would', () => {
    let cards = many(3_000);
    sortedQueues(cards);
    for (let round = 0; round < 20; round++) {
      const upserted = Array.from({ length: 1 + (round % 4) }, (_, k) => {
        const id = `GX-${String((round * 149 + k * 31) % 3_100).padStart(6, '0')}`; // some are new ids
        const hours = ((round * 13 + k * 7) % 60) - 20;
        return card({ ticketId: id, serviceId: (round + k) % 3 ? 'technical' : 'consumer', clock: k % 2 ? clock(hours, new Date(NOW + hours * 3_600_000).toISOString()) : null });
      });
      const removed = [`GX-${String((round * 97) % 3_000).padStart(6, '0')}`];
      cards = applyTicketsChange(cards, { upserted, removed });
      for (const service of ['technical', 'consumer'])
        expect(ids(selectSortedQueue(cards, service, 'all', '', context))).toEqual(ids(selectQueue(cards, service, { filter: 'all', search: '', nowMs: NOW, timeZone: TZ })));
    }
  });

  it('finds a ticket’s place in a queue by index', () => {
    const queue = ['GX-000001', 'GX-000002', 'GX-000003'].map((ticketId) => card({ ticketId }));
    expect(indexInQueue(queue, 'GX-000003')).toBe(2);
    expect(indexInQueue(queue, 'GX-999999')).toBe(-1);
    expect(indexInQueue(queue, null)).toBe(-1);
  });
});

describe('neighbourInQueue', () => {
  const queue = ['GX-000001', 'GX-000002', 'GX-000003'].map((ticketId) => card({ ticketId }));
  it.each([
    [null, 1, 'GX-000001'],
    ['GX-000001', 1, 'GX-000002'],
    ['GX-000003', 1, 'GX-000003'],
    ['GX-000002', -1, 'GX-000001'],
    ['GX-000001', -1, 'GX-000001'],
    ['GX-999999', 1, 'GX-000001'],
  ] as const)('from %s step %d -> %s', (from, step, expected) => {
    expect(neighbourInQueue(queue, from, step)).toBe(expected);
  });
  it('has nowhere to go in an empty queue', () => expect(neighbourInQueue([], null, 1)).toBeNull());
});
