import { offsetAt } from './zoneOffsets';

// Local wall time <-> instant in an IANA time zone, with Intl only (no tz dependency).
// Local dates are handled as day numbers (days since 1970-01-01 on the local calendar): the hot
// loops step through days with integer arithmetic instead of objects and strings.

/** A calendar date in some time zone; month is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** The local day (day number) an instant falls on. */
export function localDayOf(timeZone: string, instantMs: number): number {
  return Math.floor((instantMs + offsetAt(timeZone, instantMs)) / MS_PER_DAY);
}

export function localDateOfDay(dayNumber: number): LocalDate {
  const wall = new Date(dayNumber * MS_PER_DAY);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday; a date's weekday does not depend on the zone. Day 0 was a Thursday. */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** 'YYYY-MM-DD', the key date-holidays uses. */
export function dateKey(date: LocalDate): string {
  const mm = String(date.month).padStart(2, '0');
  const dd = String(date.day).padStart(2, '0');
  return `${date.year}-${mm}-${dd}`;
}

/**
 * The instant a wall clock shows `minuteOfDay` minutes after midnight of day `dayNumber` (1440 = next
 * midnight). Overlap (clocks go back): the earlier instant. Gap (clocks go forward): the instant the
 * gap ends, i.e. the first existing wall time after it. This mapping never decreases, so opening
 * intervals that touch on the wall clock still touch as instants.
 */
export function instantAtLocal(timeZone: string, dayNumber: number, minuteOfDay: number): number {
  const wall = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  // Offsets a day either side bracket any single transition near this wall time.
  const offsetBefore = offsetAt(timeZone, wall - MS_PER_DAY);
  const offsetAfter = offsetAt(timeZone, wall + MS_PER_DAY);
  const early = wall - offsetBefore;
  const late = wall - offsetAfter;
  const earlyFits = early + offsetAt(timeZone, early) === wall;
  const lateFits = late + offsetAt(timeZone, late) === wall;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (earlyFits) return early;
  if (lateFits) return late;
  return gapEnd(timeZone, late, early, offsetBefore);
}

// Binary search for the transition between `lo` (still at offsetBefore) and `hi` (already past it).
function gapEnd(timeZone: string, lo: number, hi: number, offsetBefore: number): number {
  let low = Math.floor(lo / 1000) * 1000;
  let high = Math.ceil(hi / 1000) * 1000;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (offsetAt(timeZone, mid) === offsetBefore) low = mid;
    else high = mid;
  }
  return high;
}
