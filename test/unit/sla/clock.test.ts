import { describe, it, expect } from 'vitest';
import { computeClock } from '../../../src/main/core/sla/clock';
import { DEFAULT_SLA_POLICY, SlaPolicy, type ClockKind } from '../../../src/shared/calendar';
import { at, DEFAULT_CALENDAR } from './calendarFixtures';

type Case = [why: string, kind: ClockKind, from: string, now: string, dueAt: string, remaining: number, status: 'ok' | 'dueSoon' | 'overdue'];

// Default policy: 48 business hours for every kind, "due soon" at 8 business hours or less.
const cases: Case[] = [
  ['first response, one hour after arrival on Monday 09:00', 'firstResponse', '2026-06-08T09:00+02:00', '2026-06-08T10:00+02:00', '2026-06-10T09:00+02:00', 47, 'ok'],
  ['update clock from Thursday 15:00 is due Saturday 15:00; Saturday 06:00 leaves 9 h', 'update', '2026-06-11T15:00+02:00', '2026-06-13T06:00+02:00', '2026-06-13T15:00+02:00', 9, 'ok'],
  ['update clock at exactly 8 h left turns due soon', 'update', '2026-06-11T15:00+02:00', '2026-06-13T07:00+02:00', '2026-06-13T15:00+02:00', 8, 'dueSoon'],
  ['customer replied Friday 15:00, due Monday 15:00; on Sunday noon 15 business hours remain', 'customerReplied', '2026-06-12T15:00+02:00', '2026-06-14T12:00+02:00', '2026-06-15T15:00+02:00', 15, 'ok'],
  ['customer replied, Monday 08:00: 7 h left', 'customerReplied', '2026-06-12T15:00+02:00', '2026-06-15T08:00+02:00', '2026-06-15T15:00+02:00', 7, 'dueSoon'],
  ['transfer on the eve of Ascension, due Saturday 10:00; Saturday 13:00 is 3 h late', 'transfer', '2026-05-13T10:00+02:00', '2026-05-16T13:00+02:00', '2026-05-16T10:00+02:00', -3, 'overdue'],
  ['overdue over a Sunday: due Saturday 24:00, Monday 02:00 is 2 business hours late', 'update', '2026-06-12T00:00+02:00', '2026-06-15T02:00+02:00', '2026-06-14T00:00+02:00', -2, 'overdue'],
  ['due Saturday 24:00 and now is Sunday: no business hour passed, yet overdue', 'update', '2026-06-12T00:00+02:00', '2026-06-14T10:00+02:00', '2026-06-14T00:00+02:00', 0, 'overdue'],
  ['exactly at dueAt: not yet overdue', 'firstResponse', '2026-06-08T09:00+02:00', '2026-06-10T09:00+02:00', '2026-06-10T09:00+02:00', 0, 'dueSoon'],
  ['Sunday arrival: clock due Tuesday 24:00; still Sunday, all 48 h left', 'firstResponse', '2026-06-07T10:00+02:00', '2026-06-07T18:00+02:00', '2026-06-10T00:00+02:00', 48, 'ok'],
];

describe('computeClock', () => {
  it.each(cases)('%s', (_why, kind, from, now, dueAt, remaining, status) => {
    expect(computeClock(DEFAULT_CALENDAR, DEFAULT_SLA_POLICY, { kind, from }, at(now))).toEqual({
      kind,
      dueAt: at(dueAt).toISOString(),
      remainingBusinessHours: remaining,
      status,
    });
  });

  it('no team clock (waiting on the customer, resolved): null', () => {
    expect(computeClock(DEFAULT_CALENDAR, DEFAULT_SLA_POLICY, null, at('2026-06-08T10:00+02:00'))).toBeNull();
  });

  it.each([
    ['firstResponse', '2026-06-08T13:00+02:00'], // 4 h after Monday 09:00
    ['update', '2026-06-08T15:00+02:00'], // 6 h
    ['customerReplied', '2026-06-08T17:00+02:00'], // 8 h
    ['transfer', '2026-06-08T19:00+02:00'], // 10 h
  ] as const)('each kind uses its own budget: %s', (kind, dueAt) => {
    const policy = SlaPolicy.parse({ firstResponseHours: 4, updateHours: 6, customerRepliedHours: 8, transferHours: 10, dueSoonHours: 1 });
    const clock = computeClock(DEFAULT_CALENDAR, policy, { kind, from: '2026-06-08T09:00:00+02:00' }, at('2026-06-08T09:00+02:00'));
    expect(clock?.dueAt).toBe(at(dueAt).toISOString());
    expect(clock?.status).toBe('ok');
  });

  it('a custom due-soon threshold of 1 h: 1 h 30 left is still ok, 1 h is due soon', () => {
    const policy = SlaPolicy.parse({ dueSoonHours: 1 });
    const start = { kind: 'update', from: '2026-06-08T09:00:00+02:00' } as const; // due Wed 10 June 09:00
    expect(computeClock(DEFAULT_CALENDAR, policy, start, at('2026-06-10T07:30+02:00'))?.status).toBe('ok');
    expect(computeClock(DEFAULT_CALENDAR, policy, start, at('2026-06-10T08:00+02:00'))?.status).toBe('dueSoon');
  });

  it('refuses a start that is not a date', () => {
    expect(() => computeClock(DEFAULT_CALENDAR, DEFAULT_SLA_POLICY, { kind: 'update', from: 'yesterday' }, at('2026-06-08T09:00+02:00')))
      .toThrow('clock start is not an ISO date: yesterday');
  });
});
