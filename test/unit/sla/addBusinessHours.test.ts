import { describe, it, expect } from 'vitest';
import { addBusinessHours } from '../../../src/main/core/sla/businessTime';
import { at, DEFAULT_CALENDAR, EVERY_DAY, OFFICE, smallHours } from './calendarFixtures';

// Paris is +01:00 until 2026-03-29 02:00 and again from 2026-10-25 03:00, +02:00 in between;
// in 2027 the switches are 2027-03-28 and 2027-10-31. Instants below carry the local offset.

type Case = [why: string, from: string, hours: number, expected: string];

// Every French public holiday of 2026 and 2027: 24 h from noon the day before.
const holidays: Case[] = [
  ['New Year 2026 (Thu): Wed 12 h + Fri 12 h', '2025-12-31T12:00+01:00', 24, '2026-01-02T12:00+01:00'],
  ['Easter Monday 2026: Sat 12 h, Sunday and Monday skipped, Tue 12 h', '2026-04-04T12:00+02:00', 24, '2026-04-07T12:00+02:00'],
  ['Labour Day 2026 (Fri): Thu 12 h + Sat 12 h', '2026-04-30T12:00+02:00', 24, '2026-05-02T12:00+02:00'],
  ['Victory Day 2026 (Fri): Thu 12 h + Sat 12 h', '2026-05-07T12:00+02:00', 24, '2026-05-09T12:00+02:00'],
  ['Ascension 2026 (Thu): Wed 12 h + Fri 12 h', '2026-05-13T12:00+02:00', 24, '2026-05-15T12:00+02:00'],
  ['Whit Monday 2026: Sat 12 h, Sun + Mon skipped, Tue 12 h', '2026-05-23T12:00+02:00', 24, '2026-05-26T12:00+02:00'],
  ['Bastille Day 2026 (Tue): Mon 12 h + Wed 12 h', '2026-07-13T12:00+02:00', 24, '2026-07-15T12:00+02:00'],
  ['Assumption 2026 is a Saturday: Fri 12 h, Sat + Sun skipped, Mon 12 h', '2026-08-14T12:00+02:00', 24, '2026-08-17T12:00+02:00'],
  ['All Saints 2026 is a Sunday: no extra day lost, Sat 12 h + Mon 12 h', '2026-10-31T12:00+01:00', 24, '2026-11-02T12:00+01:00'],
  ['Armistice 2026 (Wed): Tue 12 h + Thu 12 h', '2026-11-10T12:00+01:00', 24, '2026-11-12T12:00+01:00'],
  ['Christmas 2026 (Fri): Thu 12 h + Sat 26th 12 h (26th is no holiday in FR)', '2026-12-24T12:00+01:00', 24, '2026-12-26T12:00+01:00'],
  ['New Year 2027 (Fri): Thu 12 h + Sat 12 h', '2026-12-31T12:00+01:00', 24, '2027-01-02T12:00+01:00'],
  ['Easter Monday 2027 after the DST Sunday: Sat 12 h, Tue 12 h (+02:00)', '2027-03-27T12:00+01:00', 24, '2027-03-30T12:00+02:00'],
  ['Labour Day 2027 is a Saturday: Fri 12 h, Sat + Sun skipped, Mon 12 h', '2027-04-30T12:00+02:00', 24, '2027-05-03T12:00+02:00'],
  ['Ascension 2027 (Thu): Wed 12 h + Fri 12 h', '2027-05-05T12:00+02:00', 24, '2027-05-07T12:00+02:00'],
  ['Victory Day 2027 is a Saturday: Fri 12 h, Sat + Sun skipped, Mon 12 h', '2027-05-07T12:00+02:00', 24, '2027-05-10T12:00+02:00'],
  ['Whit Monday 2027: Sat 12 h, Sun + Mon skipped, Tue 12 h', '2027-05-15T12:00+02:00', 24, '2027-05-18T12:00+02:00'],
  ['Bastille Day 2027 (Wed): Tue 12 h + Thu 12 h', '2027-07-13T12:00+02:00', 24, '2027-07-15T12:00+02:00'],
  ['Assumption 2027 is a Sunday: Sat 12 h + Mon 16th 12 h', '2027-08-14T12:00+02:00', 24, '2027-08-16T12:00+02:00'],
  ['All Saints 2027 (Mon) after the DST Sunday: Sat 12 h (+02:00), Tue 12 h (+01:00)', '2027-10-30T12:00+02:00', 24, '2027-11-02T12:00+01:00'],
  ['Armistice 2027 (Thu): Wed 12 h + Fri 12 h', '2027-11-10T12:00+01:00', 24, '2027-11-12T12:00+01:00'],
  ['Christmas 2027 is a Saturday: Fri 12 h, Sat + Sun skipped, Mon 12 h', '2027-12-24T12:00+01:00', 24, '2027-12-27T12:00+01:00'],
];

const sundaysAndWeekends: Case[] = [
  ['ordinary Monday: 48 h later is Wednesday same hour', '2026-06-08T09:00+02:00', 48, '2026-06-10T09:00+02:00'],
  ['Thursday 15:00: Thu 9 h + Fri 24 h + Sat 15 h', '2026-06-11T15:00+02:00', 48, '2026-06-13T15:00+02:00'],
  ['Friday 15:00: Fri 9 h + Sat 24 h, Sunday skipped, Mon 15 h', '2026-06-12T15:00+02:00', 48, '2026-06-15T15:00+02:00'],
  ['late Saturday 23:30: 30 min Saturday, Sunday skipped, 30 min Monday', '2026-06-06T23:30+02:00', 1, '2026-06-08T00:30+02:00'],
  ['Saturday 23:59: 1 min Saturday, then Mon 00:00 + 47 h 59', '2026-06-06T23:59+02:00', 48, '2026-06-09T23:59+02:00'],
  ['arrives Sunday 10:00: counting starts Monday 00:00', '2026-06-07T10:00+02:00', 48, '2026-06-10T00:00+02:00'],
  ['arrives Sunday 00:00 exactly: Monday 00:00 + 2 h', '2026-06-07T00:00+02:00', 2, '2026-06-08T02:00+02:00'],
  ['arrives Sunday 23:59:59: Monday 00:00 + 8 h', '2026-06-07T23:59:59+02:00', 8, '2026-06-08T08:00+02:00'],
  ['Saturday noon + 12 h ends at Saturday 24:00, not Monday', '2026-06-06T12:00+02:00', 12, '2026-06-07T00:00+02:00'],
  ['8 h from Monday 20:00 runs over midnight into Tuesday', '2026-06-08T20:00+02:00', 8, '2026-06-09T04:00+02:00'],
  ['8 h from Saturday 20:00: 4 h Saturday, 4 h Monday', '2026-06-13T20:00+02:00', 8, '2026-06-15T04:00+02:00'],
  ['2 h from Saturday 23:00: 1 h Saturday, 1 h Monday', '2026-06-13T23:00+02:00', 2, '2026-06-15T01:00+02:00'],
  ['2 h from Tuesday 10:15 in the middle of the week', '2026-06-09T10:15+02:00', 2, '2026-06-09T12:15+02:00'],
  ['fractional: 0.5 h from Friday 23:45 ends Saturday 00:15', '2026-06-12T23:45+02:00', 0.5, '2026-06-13T00:15+02:00'],
  ['zero hours returns the arrival itself, even on a Sunday', '2026-06-07T10:00+02:00', 0, '2026-06-07T10:00+02:00'],
];

const givenInUtc: Case[] = [
  ['22:30Z on a Saturday is already Sunday 00:30 in Paris (+02:00): Monday 00:00 + 2 h', '2026-06-06T22:30:00Z', 2, '2026-06-08T00:00:00Z'],
  ['23:30Z Saturday in winter is Sunday 00:30 (+01:00): Monday 00:00 + 1 h = Sunday 00:00Z', '2026-01-10T23:30:00Z', 1, '2026-01-12T00:00:00Z'],
  ['22:30Z Saturday in winter is Saturday 23:30 local: 30 min, then Monday 00:30 local', '2026-01-10T22:30:00Z', 1, '2026-01-11T23:30:00Z'],
  ['Monday 00:00Z is 01:00 Paris in winter: 48 h later is Wednesday 00:00Z', '2026-01-12T00:00:00Z', 48, '2026-01-14T00:00:00Z'],
];

const daylightSaving: Case[] = [
  ['default calendar: spring-forward Sunday is closed anyway; Sat 2 h + Mon 2 h (+02:00)', '2026-03-28T22:00+01:00', 4, '2026-03-30T02:00+02:00'],
  ['default calendar: fall-back Sunday is closed anyway; Sat 2 h + Mon 2 h (+01:00)', '2026-10-24T22:00+02:00', 4, '2026-10-26T02:00+01:00'],
  ['default calendar: 48 h from Saturday noon across spring-forward', '2026-03-28T12:00+01:00', 48, '2026-03-31T12:00+02:00'],
];

const everyDayDst: Case[] = [
  ['29 March 2026 lasts 23 real hours: 24 h from its midnight ends Monday 01:00', '2026-03-29T00:00+01:00', 24, '2026-03-30T01:00+02:00'],
  ['23 h from midnight of 29 March 2026 ends exactly at Monday 00:00', '2026-03-29T00:00+01:00', 23, '2026-03-30T00:00+02:00'],
  ['25 October 2026 lasts 25 real hours: 24 h from its midnight ends 23:00 the same day', '2026-10-25T00:00+02:00', 24, '2026-10-25T23:00+01:00'],
  ['25 h from midnight of 25 October 2026 ends exactly at Monday 00:00', '2026-10-25T00:00+02:00', 25, '2026-10-26T00:00+01:00'],
  ['3 h from 01:30 on 29 March: real time, lands at 05:30 CEST', '2026-03-29T01:30+01:00', 3, '2026-03-29T05:30+02:00'],
];

const office: Case[] = [
  ['Mon 10:00 + 8 h: 2 h morning, 4 h afternoon, Tue 2 h', '2026-06-08T10:00+02:00', 8, '2026-06-09T11:00+02:00'],
  ['Fri 17:00 + 2 h: 1 h Friday, weekend closed, Mon 09:00–10:00', '2026-06-12T17:00+02:00', 2, '2026-06-15T10:00+02:00'],
  ['Mon 12:30 (lunch) + 1 h: starts at 14:00', '2026-06-08T12:30+02:00', 1, '2026-06-08T15:00+02:00'],
  ['Mon 12:00 is closed (intervals end-exclusive): 14:00 + 3 h', '2026-06-08T12:00+02:00', 3, '2026-06-08T17:00+02:00'],
  ['Mon 11:00 + 1 h ends at 12:00, not 14:00', '2026-06-08T11:00+02:00', 1, '2026-06-08T12:00+02:00'],
  ['Mon 07:00 + 48 h at 7 h/day: 6 full days (Mon–Fri, Mon) then 6 h on Tuesday 16', '2026-06-08T07:00+02:00', 48, '2026-06-16T17:00+02:00'],
  ['Wed 16:00 + 8 h over Ascension: Wed 2 h, Thursday holiday, Fri 3 h + 3 h', '2026-05-13T16:00+02:00', 8, '2026-05-15T17:00+02:00'],
  ['Saturday arrival waits for Monday 09:00', '2026-06-13T10:00+02:00', 2, '2026-06-15T11:00+02:00'],
];

const dstGaps: Array<[why: string, interval: [string, string], from: string, hours: number, expected: string]> = [
  ['open 01:00–04:00: on 29 March only 2 real hours exist (01:00 CET to 04:00 CEST); the 3rd hour is the next day', ['01:00', '04:00'], '2026-03-29T01:00+01:00', 3, '2026-03-30T02:00+02:00'],
  ['open 01:00–04:00: on 25 October 4 real hours exist (01:00 CEST to 04:00 CET)', ['01:00', '04:00'], '2026-10-25T01:00+02:00', 4, '2026-10-25T04:00+01:00'],
  ['open 02:30–04:00: 02:30 does not exist on 29 March, opening at 03:00 CEST, 1 h that day', ['02:30', '04:00'], '2026-03-29T00:00+01:00', 1, '2026-03-29T04:00+02:00'],
];

describe('addBusinessHours', () => {
  describe.each([
    ['every French public holiday of 2026 and 2027', holidays],
    ['Sundays and weekends', sundaysAndWeekends],
    ['instants given in UTC', givenInUtc],
    ['default calendar across daylight-saving changes', daylightSaving],
  ])('default calendar: %s', (_title, table) => {
    it.each(table)('%s', (_why, from, hours, expected) => {
      expect(addBusinessHours(DEFAULT_CALENDAR, at(from), hours).toISOString()).toBe(at(expected).toISOString());
    });
  });

  it.each(everyDayDst)('open every day: %s', (_why, from, hours, expected) => {
    expect(addBusinessHours(EVERY_DAY, at(from), hours).toISOString()).toBe(at(expected).toISOString());
  });

  it.each(office)('office Mon–Fri 09–12 + 14–18: %s', (_why, from, hours, expected) => {
    expect(addBusinessHours(OFFICE, at(from), hours).toISOString()).toBe(at(expected).toISOString());
  });

  it.each(dstGaps)('opening hours inside DST gaps: %s', (_why, interval, from, hours, expected) => {
    const calendar = smallHours([interval[0], interval[1]]);
    expect(addBusinessHours(calendar, at(from), hours).toISOString()).toBe(at(expected).toISOString());
  });

  it.each([
    ['negative hours', -1],
    ['NaN hours', Number.NaN],
    ['infinite hours', Number.POSITIVE_INFINITY],
  ])('refuses %s with a RangeError', (_why, hours) => {
    expect(() => addBusinessHours(DEFAULT_CALENDAR, at('2026-06-08T09:00+02:00'), hours)).toThrow(RangeError);
  });

  it('refuses an invalid start date', () => {
    expect(() => addBusinessHours(DEFAULT_CALENDAR, new Date('not a date'), 1)).toThrow('from is not a valid date');
  });

  it('stops with a RangeError on a calendar that never opens', () => {
    const closed = { ...DEFAULT_CALENDAR, openingHours: [[], [], [], [], [], [], []] };
    expect(() => addBusinessHours(closed, at('2026-06-08T09:00+02:00'), 1)).toThrow(/no opening hours/);
  });
});
