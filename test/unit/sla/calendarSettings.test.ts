import { describe, it, expect } from 'vitest';
import { BusinessCalendar, DEFAULT_CALENDAR, DEFAULT_SLA_POLICY, SlaPolicy } from '../../../src/shared/calendar';

const allDay = ['00:00', '24:00'];

describe('BusinessCalendar settings', () => {
  it('defaults to Europe/Paris, France, Monday–Saturday all day, Sunday closed', () => {
    const expected = {
      timeZone: 'Europe/Paris',
      country: 'FR',
      openingHours: [[], [allDay], [allDay], [allDay], [allDay], [allDay], [allDay]],
    };
    expect(BusinessCalendar.parse({})).toEqual(expected);
    expect(DEFAULT_CALENDAR).toEqual(expected);
  });

  it('keeps a region and custom opening hours', () => {
    const office = [['09:00', '12:00'], ['14:00', '18:00']];
    const parsed = BusinessCalendar.parse({ country: 'FR', region: '57', openingHours: [[], office, office, office, office, office, []] });
    expect(parsed.region).toBe('57');
    expect(parsed.openingHours[1]).toEqual(office);
  });

  const bad: Array<[why: string, input: unknown]> = [
    ['an hour past 24', { openingHours: [[], [['09:00', '25:00']], [], [], [], [], []] }],
    ['24:30 is not a time', { openingHours: [[], [['09:00', '24:30']], [], [], [], [], []] }],
    ['single-digit hour', { openingHours: [[], [['9:00', '12:00']], [], [], [], [], []] }],
    ['an interval ending before it starts', { openingHours: [[], [['12:00', '09:00']], [], [], [], [], []] }],
    ['an empty interval', { openingHours: [[], [['09:00', '09:00']], [], [], [], [], []] }],
    ['overlapping intervals', { openingHours: [[], [['09:00', '12:00'], ['11:00', '14:00']], [], [], [], [], []] }],
    ['unsorted intervals', { openingHours: [[], [['14:00', '18:00'], ['09:00', '12:00']], [], [], [], [], []] }],
    ['six weekdays instead of seven', { openingHours: [[], [], [], [], [], []] }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
    ['a lower-case country', { country: 'fr' }],
    ['an empty region', { region: '' }],
  ];
  it.each(bad)('refuses %s', (_why, input) => {
    expect(BusinessCalendar.safeParse(input).success).toBe(false);
  });

  it('accepts touching intervals (12:00 closes one, opens the next)', () => {
    expect(BusinessCalendar.safeParse({ openingHours: [[], [['09:00', '12:00'], ['12:00', '18:00']], [], [], [], [], []] }).success).toBe(true);
  });
});

describe('SlaPolicy settings', () => {
  it('defaults to 48 business hours everywhere and due soon at 8', () => {
    expect(SlaPolicy.parse({})).toEqual({ firstResponseHours: 48, updateHours: 48, customerRepliedHours: 48, transferHours: 48, dueSoonHours: 8 });
    expect(DEFAULT_SLA_POLICY).toEqual(SlaPolicy.parse({}));
  });

  it.each([
    ['a zero budget', { updateHours: 0 }],
    ['a negative due-soon threshold', { dueSoonHours: -1 }],
    ['an infinite budget', { transferHours: Number.POSITIVE_INFINITY }],
  ])('refuses %s', (_why, input) => {
    expect(SlaPolicy.safeParse(input).success).toBe(false);
  });
});
