import { wallTimeMinutes, type BusinessCalendar } from '../../../shared/calendar';
import { publicHolidays } from './publicHolidays';
import { dateKey, instantAtLocal, nextLocalDate, weekdayOf, type LocalDate } from './zonedTime';

/** Why time does not count: a weekday without opening hours, a public holiday, or outside opening hours. */
export type SkipCause = 'weekday' | 'holiday' | 'closed';

/** A stretch of one local day, as instants [from, to) in ms; open stretches count. */
export type DaySegment = { from: number; to: number; open: true } | { from: number; to: number; open: false; cause: SkipCause };

/** One local day of the calendar cut into open and closed stretches that cover it exactly. */
export interface BusinessDay {
  date: LocalDate;
  weekday: number;
  start: number;
  end: number;
  segments: DaySegment[];
}

const MINUTES_PER_DAY = 1440;
/** Bound on memoised days per calendar (about ten years), so a long-lived process cannot grow without end. */
const MEMO_LIMIT = 4000;

// Keyed by the calendar object: settings are replaced, never mutated, when the team edits them.
const memo = new WeakMap<BusinessCalendar, Map<string, BusinessDay>>();

/** The day's open and closed stretches; memoised per calendar object and date. */
export function businessDay(calendar: BusinessCalendar, date: LocalDate): BusinessDay {
  let days = memo.get(calendar);
  if (!days) {
    days = new Map();
    memo.set(calendar, days);
  }
  const key = dateKey(date);
  let day = days.get(key);
  if (!day) {
    if (days.size >= MEMO_LIMIT) days.clear();
    day = planDay(calendar, date);
    days.set(key, day);
  }
  return day;
}

function planDay(calendar: BusinessCalendar, date: LocalDate): BusinessDay {
  const { timeZone } = calendar;
  const weekday = weekdayOf(date);
  // Midnight to midnight in real instants: 23 h or 25 h on daylight-saving days.
  const start = instantAtLocal(timeZone, date, 0);
  const end = instantAtLocal(timeZone, nextLocalDate(date), 0);
  const intervals = calendar.openingHours[weekday] ?? [];
  const whole = (cause: SkipCause): BusinessDay => ({
    date, weekday, start, end, segments: [{ from: start, to: end, open: false, cause }],
  });
  // A weekday that is closed anyway is reported as such, even when a holiday falls on it.
  if (intervals.length === 0) return whole('weekday');
  if (publicHolidays(calendar.country, calendar.region, date.year, 'en').has(dateKey(date))) return whole('holiday');

  const segments: DaySegment[] = [];
  let cursor = start;
  const instantAt = (minutes: number): number =>
    minutes === 0 ? start : minutes === MINUTES_PER_DAY ? end : instantAtLocal(timeZone, date, minutes);
  for (const [opens, closes] of intervals) {
    const from = Math.max(cursor, instantAt(wallTimeMinutes(opens)));
    const to = instantAt(wallTimeMinutes(closes));
    if (to <= from) continue; // an interval swallowed by a daylight-saving gap
    if (from > cursor) segments.push({ from: cursor, to: from, open: false, cause: 'closed' });
    segments.push({ from, to, open: true });
    cursor = to;
  }
  if (cursor < end) segments.push({ from: cursor, to: end, open: false, cause: 'closed' });
  return { date, weekday, start, end, segments };
}
