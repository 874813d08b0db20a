import { wallTimeMinutes, type BusinessCalendar } from '../../../shared/calendar';
import { publicHolidays } from './publicHolidays';
import { dateKey, instantAtLocal, localDateOfDay, weekdayOfDay, type LocalDate } from './zonedTime';

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
  /** The open ms of the day, so a walk crosses a whole day in one step. */
  openMs: number;
}

const MINUTES_PER_DAY = 1440;
/** Bound on memoised days per calendar (about ten years), so a long-lived process cannot grow without end. */
const MEMO_LIMIT = 4000;
/** Spans shorter than this many days are summed day by day. */
const SHORT_SPAN = 8;
/** Calendars remembered by content: settings are read as a fresh copy on every refresh. */
const CALENDAR_LIMIT = 8;

/** The days of one calendar, planned once each and looked up by day number. */
export class CalendarDays {
  private readonly days = new Map<number, BusinessDay>();
  /** Running totals: openBefore[i] is the open ms of days [firstDay, firstDay + i). */
  private openBefore: number[] = [0];
  private firstDay = 0;
  /** False when no weekday has an opening interval: no open hour will ever be found. */
  readonly everOpen: boolean;

  constructor(readonly calendar: BusinessCalendar) {
    this.everOpen = calendar.openingHours.some((intervals) => intervals.length > 0);
  }

  get(dayNumber: number): BusinessDay {
    let day = this.days.get(dayNumber);
    if (day === undefined) {
      if (this.days.size >= MEMO_LIMIT) this.days.clear();
      day = planDay(this.calendar, dayNumber);
      this.days.set(dayNumber, day);
    }
    return day;
  }

  /** Open ms of the whole days [from, to), from running totals: a clock overdue for months costs no more. */
  openMsOfDays(from: number, to: number): number {
    if (to - from < SHORT_SPAN) {
      let total = 0;
      for (let d = from; d < to; d++) total += this.get(d).openMs;
      return total;
    }
    const last = this.firstDay + this.openBefore.length - 1;
    if (from < this.firstDay || to > last) {
      if (Math.max(to, last) - Math.min(from, this.firstDay) > MEMO_LIMIT) this.totalsFrom(from);
      else if (from < this.firstDay) this.totalsFrom(from, last);
      this.extendTotals(to);
    }
    // Whole ms: the difference is exact.
    return (this.openBefore[to - this.firstDay] as number) - (this.openBefore[from - this.firstDay] as number);
  }

  /** Restarts the running totals at `from`, covering up to `until` when given. */
  private totalsFrom(from: number, until?: number): void {
    this.firstDay = from;
    this.openBefore = [0];
    if (until !== undefined) this.extendTotals(until);
  }

  private extendTotals(to: number): void {
    const totals = this.openBefore;
    for (let d = this.firstDay + totals.length - 1; d < to; d++) totals.push((totals[totals.length - 1] as number) + this.get(d).openMs);
  }
}

// Keyed by the calendar object, then by its content: settings are replaced, never mutated.
const byObject = new WeakMap<BusinessCalendar, CalendarDays>();
const byContent = new Map<string, CalendarDays>();

/** The memoised days of a calendar; equal calendars share them. */
export function calendarDays(calendar: BusinessCalendar): CalendarDays {
  let days = byObject.get(calendar);
  if (days === undefined) {
    const key = JSON.stringify(calendar);
    days = byContent.get(key);
    if (days === undefined) {
      if (byContent.size >= CALENDAR_LIMIT) byContent.clear();
      days = new CalendarDays(calendar);
      byContent.set(key, days);
    }
    byObject.set(calendar, days);
  }
  return days;
}

function planDay(calendar: BusinessCalendar, dayNumber: number): BusinessDay {
  const { timeZone } = calendar;
  const date = localDateOfDay(dayNumber);
  const weekday = weekdayOfDay(dayNumber);
  // Midnight to midnight in real instants: 23 h or 25 h on daylight-saving days.
  const start = instantAtLocal(timeZone, dayNumber, 0);
  const end = instantAtLocal(timeZone, dayNumber + 1, 0);
  const intervals = calendar.openingHours[weekday] ?? [];
  const whole = (cause: SkipCause): BusinessDay => ({
    date, weekday, start, end, segments: [{ from: start, to: end, open: false, cause }], openMs: 0,
  });
  // A weekday that is closed anyway is reported as such, even when a holiday falls on it.
  if (intervals.length === 0) return whole('weekday');
  if (publicHolidays(calendar.country, calendar.region, date.year, 'en').has(dateKey(date))) return whole('holiday');

  const segments: DaySegment[] = [];
  let cursor = start;
  let openMs = 0;
  const instantAt = (minutes: number): number =>
    minutes === 0 ? start : minutes === MINUTES_PER_DAY ? end : instantAtLocal(timeZone, dayNumber, minutes);
  for (const [opens, closes] of intervals) {
    const from = Math.max(cursor, instantAt(wallTimeMinutes(opens)));
    const to = instantAt(wallTimeMinutes(closes));
    if (to <= from) continue; // an interval swallowed by a daylight-saving gap
    if (from > cursor) segments.push({ from: cursor, to: from, open: false, cause: 'closed' });
    segments.push({ from, to, open: true });
    openMs += to - from;
    cursor = to;
  }
  if (cursor < end) segments.push({ from: cursor, to: end, open: false, cause: 'closed' });
  return { date, weekday, start, end, segments, openMs };
}
