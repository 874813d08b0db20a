import type { BusinessCalendar } from '../../../shared/calendar';
import { calendarDays, type BusinessDay, type SkipCause } from './businessDay';
import type { HolidayLanguage } from './publicHolidays';
import { skipReason } from './skipReason';
import { localDayOf } from './zonedTime';

// Business-hour arithmetic on a BusinessCalendar (SPEC P1). Pure: every instant comes from the caller.

const MS_PER_HOUR = 3_600_000;
/** A calendar with no open hour in ten years is misconfigured; stop rather than loop forever. */
const MAX_DAYS_SEARCHED = 3_660;
const NEVER_OPEN = 'the business calendar has no opening hours: check its opening hours settings';

export interface CountedSpan { from: Date; to: Date; hours: number }
export interface SkippedSpan { from: Date; to: Date; reason: string; cause: SkipCause }
export interface DeadlineExplanation { dueAt: Date; counted: CountedSpan[]; skipped: SkippedSpan[] }

function instantMs(value: Date, name: string): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

function budgetMs(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`business hours must be a finite number >= 0, got ${hours}`);
  return Math.round(hours * MS_PER_HOUR);
}

interface Walk {
  onCounted(from: number, to: number): void;
  onSkipped(from: number, to: number, day: BusinessDay, cause: SkipCause): void;
}

/** Spends `budget` ms of open time from `fromMs`; returns the instant the budget runs out. */
function walkForward(calendar: BusinessCalendar, fromMs: number, budget: number, walk?: Walk): number {
  if (budget === 0) return fromMs;
  const days = calendarDays(calendar);
  if (!days.everOpen) throw new RangeError(NEVER_OPEN);
  let cursor = fromMs;
  let remaining = budget;
  let dayNumber = localDayOf(calendar.timeZone, fromMs);
  for (let searched = 1; searched <= MAX_DAYS_SEARCHED; searched++) {
    const day = days.get(dayNumber++);
    // A whole day that does not spend the budget: one step (explanations walk it stretch by stretch).
    if (walk === undefined && day.start >= cursor && day.openMs < remaining) {
      remaining -= day.openMs;
      cursor = day.end;
      continue;
    }
    for (const segment of day.segments) {
      if (segment.to <= cursor) continue;
      const from = Math.max(segment.from, cursor);
      if (!segment.open) {
        walk?.onSkipped(from, segment.to, day, segment.cause);
        cursor = segment.to;
        continue;
      }
      const to = Math.min(segment.to, from + remaining);
      walk?.onCounted(from, to);
      remaining -= to - from;
      cursor = to;
      if (remaining === 0) return cursor;
    }
  }
  throw new RangeError(NEVER_OPEN);
}

/** The instant `hours` business hours after `from`; time before the first open hour is skipped. */
export function addBusinessHours(calendar: BusinessCalendar, from: Date, hours: number): Date {
  return new Date(addBusinessHoursMs(calendar, instantMs(from, 'from'), hours));
}

/** addBusinessHours on an instant already checked to be finite (ms). */
export function addBusinessHoursMs(calendar: BusinessCalendar, fromMs: number, hours: number): number {
  return walkForward(calendar, fromMs, budgetMs(hours));
}

/** Business hours in [a, b); negative when b is before a. */
export function businessHoursBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  return businessHoursBetweenMs(calendar, instantMs(a, 'a'), instantMs(b, 'b'));
}

/** businessHoursBetween on instants already checked to be finite (ms). */
export function businessHoursBetweenMs(calendar: BusinessCalendar, aMs: number, bMs: number): number {
  if (bMs < aMs) {
    const backwards = businessHoursBetweenMs(calendar, bMs, aMs);
    return backwards === 0 ? 0 : -backwards; // never -0
  }
  const days = calendarDays(calendar);
  let total = 0; // whole ms: the sum is exact whatever the order
  // Days that start before a (the first, or two around a daylight-saving change): stretch by stretch.
  let dayNumber = localDayOf(calendar.timeZone, aMs);
  for (let day = days.get(dayNumber); day.start < aMs; day = days.get(++dayNumber)) {
    if (day.start >= bMs) return total / MS_PER_HOUR;
    total += openOverlap(day, aMs, bMs);
  }
  if (days.get(dayNumber).start >= bMs) return total / MS_PER_HOUR;
  // The last day that starts before b; the days between are wholly inside [a, b).
  let last = Math.max(dayNumber, localDayOf(calendar.timeZone, bMs));
  while (last > dayNumber && days.get(last).start >= bMs) last--;
  while (days.get(last + 1).start < bMs) last++;
  total += days.openMsOfDays(dayNumber, last) + openOverlap(days.get(last), aMs, bMs);
  return total / MS_PER_HOUR;
}

/** Open ms of a day inside [a, b). */
function openOverlap(day: BusinessDay, aMs: number, bMs: number): number {
  if (day.start >= aMs && day.end <= bMs) return day.openMs;
  let total = 0;
  for (const segment of day.segments) {
    if (!segment.open) continue;
    const overlap = Math.min(segment.to, bMs) - Math.max(segment.from, aMs);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** addBusinessHours, plus which stretches counted and which were skipped and why. */
export function explainDeadline(
  calendar: BusinessCalendar,
  from: Date,
  hours: number,
  lang: HolidayLanguage = 'en',
): DeadlineExplanation {
  const counted: CountedSpan[] = [];
  const skipped: SkippedSpan[] = [];
  const dueAtMs = walkForward(calendar, instantMs(from, 'from'), budgetMs(hours), {
    onCounted(spanFrom, spanTo) {
      const last = counted.at(-1);
      // Touching open stretches (Monday 24:00 = Tuesday 00:00) read better as one.
      if (last && last.to.getTime() === spanFrom) {
        last.to = new Date(spanTo);
        last.hours = (spanTo - last.from.getTime()) / MS_PER_HOUR;
      } else {
        counted.push({ from: new Date(spanFrom), to: new Date(spanTo), hours: (spanTo - spanFrom) / MS_PER_HOUR });
      }
    },
    onSkipped(spanFrom, spanTo, day, cause) {
      const reason = skipReason(calendar, cause, day.date, day.weekday, lang);
      const last = skipped.at(-1);
      if (last && last.to.getTime() === spanFrom && last.reason === reason) last.to = new Date(spanTo);
      else skipped.push({ from: new Date(spanFrom), to: new Date(spanTo), reason, cause });
    },
  });
  return { dueAt: new Date(dueAtMs), counted, skipped };
}
