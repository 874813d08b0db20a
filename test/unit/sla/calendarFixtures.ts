import { BusinessCalendar, DEFAULT_CALENDAR, type OpeningInterval } from '../../../src/shared/calendar';

// Calendars the SLA tests share. Expected values in the tests are worked out by hand, never computed.

export { DEFAULT_CALENDAR };

const allDay: OpeningInterval = ['00:00', '24:00'];

/** Open every hour of every day, Sunday included: shows 23 h and 25 h daylight-saving days. */
export const EVERY_DAY = BusinessCalendar.parse({ openingHours: [[allDay], [allDay], [allDay], [allDay], [allDay], [allDay], [allDay]] });

/** A classic office: Monday–Friday 09:00–12:00 and 14:00–18:00 (7 h a day), French holidays off. */
const office: OpeningInterval[] = [['09:00', '12:00'], ['14:00', '18:00']];
export const OFFICE = BusinessCalendar.parse({ openingHours: [[], office, office, office, office, office, []] });

/** Opening hours only in the small hours, every day, to land boundaries inside DST gaps and overlaps. */
export function smallHours(interval: OpeningInterval): BusinessCalendar {
  return BusinessCalendar.parse({ openingHours: Array.from({ length: 7 }, () => [interval]) });
}

export const at = (iso: string): Date => new Date(iso);
