// Local wall time <-> instant in an IANA time zone, with Intl only (no tz dependency).

/** A calendar date in some time zone; month is 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock reading at `instantMs`, expressed as if it were a UTC timestamp. */
function wallClockMs(timeZone: string, instantMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** UTC offset in ms at an instant (local = instant + offset). */
export function offsetAt(timeZone: string, instantMs: number): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(timeZone, wholeSecond) - wholeSecond;
}

export function localDateOf(timeZone: string, instantMs: number): LocalDate {
  const wall = new Date(instantMs + offsetAt(timeZone, instantMs));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

export function nextLocalDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day) + MS_PER_DAY);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday; a date's weekday does not depend on the zone. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** 'YYYY-MM-DD', the key date-holidays uses. */
export function dateKey(date: LocalDate): string {
  const mm = String(date.month).padStart(2, '0');
  const dd = String(date.day).padStart(2, '0');
  return `${date.year}-${mm}-${dd}`;
}

/**
 * The instant a wall clock shows `minuteOfDay` minutes after midnight of `date` (1440 = next midnight).
 * Overlap (clocks go back): the earlier instant. Gap (clocks go forward): the instant the gap ends,
 * i.e. the first existing wall time after it. This mapping never decreases, so opening intervals
 * that touch on the wall clock still touch as instants.
 */
export function instantAtLocal(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // Offsets a day either side bracket any single transition near this wall time.
  const offsetBefore = offsetAt(timeZone, wall - MS_PER_DAY);
  const offsetAfter = offsetAt(timeZone, wall + MS_PER_DAY);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => instant + offsetAt(timeZone, instant) === wall,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return gapEnd(timeZone, wall - offsetAfter, wall - offsetBefore, offsetBefore);
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
