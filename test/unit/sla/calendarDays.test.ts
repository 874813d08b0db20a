import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, type BusinessCalendar } from '../../../src/shared/calendar';
import { calendarDays } from '../../../src/main/core/sla/businessDay';
import { businessHoursBetween } from '../../../src/main/core/sla/businessTime';
import { clockAt, computeClock } from '../../../src/main/core/sla/clock';
import { at, DEFAULT_CALENDAR, EVERY_DAY, OFFICE } from './calendarFixtures';
import { mulberry32 } from '../../support/seededRandom';

// Long spans add whole days from running totals; short ones walk day by day. Both must agree
// with each other and with figures worked out by hand.

type Span = [why: string, calendar: BusinessCalendar, a: string, b: string, hours: number];

const years: Span[] = [
  ['every day of 2026 but its 11 French public holidays: 354 × 24 (the 23 h and 25 h days cancel out)', EVERY_DAY, '2026-01-01T00:00+01:00', '2027-01-01T00:00+01:00', 8496],
  ['default 2026: 313 days Monday–Saturday, 10 of them public holidays, × 24', DEFAULT_CALENDAR, '2026-01-01T00:00+01:00', '2027-01-01T00:00+01:00', 7272],
  ['office 2026: 261 weekdays, 9 of them public holidays, × 7', OFFICE, '2026-01-01T00:00+01:00', '2027-01-01T00:00+01:00', 1764],
  ['every day of 2020–2031, more than the days remembered at once: (4,383 − 12 × 11 holidays) × 24', EVERY_DAY, '2020-01-01T00:00+01:00', '2032-01-01T00:00+01:00', 102_024],
];

describe('business hours over long spans', () => {
  it.each(years)('%s', (_why, calendar, a, b, hours) => {
    expect(businessHoursBetween(calendar, at(a), at(b))).toBe(hours);
    expect(businessHoursBetween(calendar, at(b), at(a))).toBe(-hours);
  });

  it('a span is the sum of its parts, whatever is asked first (the running totals grow both ways)', () => {
    const rand = mulberry32(11);
    const start = Date.parse('2025-06-01T00:00:00Z');
    for (const calendar of [DEFAULT_CALENDAR, OFFICE, EVERY_DAY]) {
      for (let k = 0; k < 200; k++) {
        const a = start + Math.floor(rand() * 900) * 3_600_000 * 24 + Math.floor(rand() * 86_400_000);
        const c = a + Math.floor(rand() * 400 * 86_400_000);
        const b = a + Math.floor(rand() * (c - a));
        const whole = businessHoursBetween(calendar, new Date(a), new Date(c));
        const parts = businessHoursBetween(calendar, new Date(a), new Date(b)) + businessHoursBetween(calendar, new Date(b), new Date(c));
        expect(whole).toBeCloseTo(parts, 9);
      }
    }
  });

  it('a fresh copy of the settings (as each refresh reads them) shares the planned days', () => {
    const copy = structuredClone(OFFICE);
    expect(calendarDays(copy)).toBe(calendarDays(OFFICE));
    expect(calendarDays({ ...OFFICE, timeZone: 'America/New_York' })).not.toBe(calendarDays(OFFICE));
    expect(businessHoursBetween(copy, at('2026-06-08T00:00+02:00'), at('2026-06-15T00:00+02:00'))).toBe(35);
  });
});

describe('clockAt', () => {
  it('gives what computeClock gives for the deadline it computed, at any later time', () => {
    const starts = ['2026-06-05T16:00:00Z', '2026-10-24T09:30:00Z', '2026-03-28T23:15:00Z'];
    const nows = ['2026-06-06T10:00:00Z', '2026-10-30T12:00:00Z', '2027-01-04T08:00:00Z', '2026-03-29T02:30:00Z'];
    for (const calendar of [DEFAULT_CALENDAR, OFFICE]) {
      for (const from of starts) {
        for (const kind of ['firstResponse', 'update'] as const) {
          const first = computeClock(calendar, DEFAULT_SLA_POLICY, { kind, from }, at(from));
          if (first === null) throw new Error('a running clock');
          for (const now of nows) {
            expect(clockAt(calendar, DEFAULT_SLA_POLICY, kind, Date.parse(first.dueAt), first.dueAt, at(now)))
              .toEqual(computeClock(calendar, DEFAULT_SLA_POLICY, { kind, from }, at(now)));
          }
        }
      }
    }
  });
});
