import { describe, it, expect } from 'vitest';
import { addBusinessHours, businessHoursBetween } from '../../../src/main/core/sla/businessTime';
import type { BusinessCalendar } from '../../../src/shared/calendar';
import { at, DEFAULT_CALENDAR, EVERY_DAY, OFFICE, smallHours } from './calendarFixtures';

type Case = [why: string, calendar: BusinessCalendar, a: string, b: string, expected: number];

const cases: Case[] = [
  ['a full week Monday to Monday: six days of 24 h', DEFAULT_CALENDAR, '2026-06-08T00:00+02:00', '2026-06-15T00:00+02:00', 144],
  ['Saturday noon to Monday noon: Sunday does not count', DEFAULT_CALENDAR, '2026-06-06T12:00+02:00', '2026-06-08T12:00+02:00', 24],
  ['inside one Sunday: nothing counts', DEFAULT_CALENDAR, '2026-06-07T08:00+02:00', '2026-06-07T20:00+02:00', 0],
  ['Wednesday to Friday over Ascension 2026: only Wednesday counts', DEFAULT_CALENDAR, '2026-05-13T00:00+02:00', '2026-05-15T00:00+02:00', 24],
  ['Christmas week 2026: Thu 24 Dec 12:00 to Mon 28 Dec 12:00 = Thu 12 + Sat 24 + Mon 12', DEFAULT_CALENDAR, '2026-12-24T12:00+01:00', '2026-12-28T12:00+01:00', 48],
  ['default calendar across spring-forward weekend: Saturday only', DEFAULT_CALENDAR, '2026-03-28T00:00+01:00', '2026-03-30T00:00+02:00', 24],
  ['default calendar Saturday 25 Oct weekend to Tuesday: Sat + Mon', DEFAULT_CALENDAR, '2026-10-24T00:00+02:00', '2026-10-27T00:00+01:00', 48],
  ['open every day: 29 March 2026 lasts 23 hours', EVERY_DAY, '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00', 23],
  ['open every day: 25 October 2026 lasts 25 hours', EVERY_DAY, '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00', 25],
  ['open 02:00–03:00 daily: that wall hour does not exist on 29 March', smallHours(['02:00', '03:00']), '2026-03-29T00:00+01:00', '2026-03-30T00:00+02:00', 0],
  ['open 02:00–03:00 daily: on 25 October it is lived twice, both count (02:00 CEST to 03:00 CET)', smallHours(['02:00', '03:00']), '2026-10-25T00:00+02:00', '2026-10-26T00:00+01:00', 2],
  ['office: one Monday is 7 h', OFFICE, '2026-06-08T00:00+02:00', '2026-06-09T00:00+02:00', 7],
  ['office: Friday 17:30 to Monday 09:30 is 30 min + 30 min', OFFICE, '2026-06-12T17:30+02:00', '2026-06-15T09:30+02:00', 1],
  ['office: lunch break 12:00–14:00 counts nothing', OFFICE, '2026-06-08T12:00+02:00', '2026-06-08T14:00+02:00', 0],
  ['instants in UTC: Saturday 21:00Z to Monday 00:00Z = Sat 23:00–24:00 + Mon 00:00–02:00 in Paris', DEFAULT_CALENDAR, '2026-06-06T21:00:00Z', '2026-06-08T00:00:00Z', 3],
  ['reversed: b before a gives the negative', DEFAULT_CALENDAR, '2026-06-15T00:00+02:00', '2026-06-08T00:00+02:00', -144],
  ['same instant: zero', DEFAULT_CALENDAR, '2026-06-08T10:00+02:00', '2026-06-08T10:00+02:00', 0],
];

describe('businessHoursBetween', () => {
  it.each(cases)('%s', (_why, calendar, a, b, expected) => {
    expect(businessHoursBetween(calendar, at(a), at(b))).toBe(expected);
  });

  it('reversed over a closed Sunday is +0, not -0', () => {
    expect(Object.is(businessHoursBetween(DEFAULT_CALENDAR, at('2026-06-07T20:00+02:00'), at('2026-06-07T08:00+02:00')), 0)).toBe(true);
  });
});

// The budget given is the expected answer: counting back what addBusinessHours spent must give it again.
const roundTrips: Array<[why: string, calendar: BusinessCalendar, from: string, hours: number]> = [
  ['48 h from a Sunday arrival', DEFAULT_CALENDAR, '2026-06-07T10:00+02:00', 48],
  ['48 h over Whit Monday 2027', DEFAULT_CALENDAR, '2027-05-15T12:00+02:00', 48],
  ['8 h over the spring-forward Sunday', DEFAULT_CALENDAR, '2026-03-28T20:00+01:00', 8],
  ['25 h on the 25-hour day, open every day', EVERY_DAY, '2026-10-25T00:00+02:00', 25],
  ['2 h over an office weekend', OFFICE, '2026-06-12T17:00+02:00', 2],
  ['12.25 h in the office', OFFICE, '2026-06-08T11:30+02:00', 12.25],
];

describe('businessHoursBetween is the inverse of addBusinessHours', () => {
  it.each(roundTrips)('%s', (_why, calendar, from, hours) => {
    const dueAt = addBusinessHours(calendar, at(from), hours);
    expect(businessHoursBetween(calendar, at(from), dueAt)).toBe(hours);
    expect(businessHoursBetween(calendar, dueAt, at(from))).toBe(-hours);
  });
});
