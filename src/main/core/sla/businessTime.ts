import type { BusinessCalendar } from '../../../shared/calendar';
import { businessDay, type BusinessDay, type SkipCause } from './businessDay';
import type { HolidayLanguage } from './publicHolidays';
import { skipReason } from './skipReason';
import { localDateOf, nextLocalDate } from './zonedTime';

// Business-hour arithmetic on a BusinessCalendar (SPEC P1). Pure: every instant comes from the caller.

const MS_PER_HOUR = 3_600_000;
/** A calendar with no open hour in ten years is misconfigured; stop rather than loop forever. */
const MAX_DAYS_SEARCHED = 3_660;
const NEVER_OPEN = 'the business calendar has no opening hours: check its opening hours settings';

export interface CountedSpan { from: Date; to: Date; hours: number }
export interface SkippedSpan { from: Date; to: Date; reason: string; cause: SkipCause }
export interface DeadlineExplanation { dueAt: Date; counted: CountedSpan[]; skipped: SkippedSpan[] }

function* daysFrom(calendar: BusinessCalendar, fromMs: number): Generator<BusinessDay> {
  let date = localDateOf(calendar.timeZone, fromMs);
  for (;;) {
    yield businessDay(calendar, date);
    date = nextLocalDate(date);
  }
}

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
  if (calendar.openingHours.every((intervals) => intervals.length === 0)) throw new RangeError(NEVER_OPEN);
  let cursor = fromMs;
  let remaining = budget;
  let searched = 0;
  for (const day of daysFrom(calendar, fromMs)) {
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
    if (++searched >= MAX_DAYS_SEARCHED) {
      throw new RangeError(NEVER_OPEN);
    }
  }
  throw new Error('unreachable: daysFrom never ends');
}

/** The instant `hours` business hours after `from`; time before the first open hour is skipped. */
export function addBusinessHours(calendar: BusinessCalendar, from: Date, hours: number): Date {
  return new Date(walkForward(calendar, instantMs(from, 'from'), budgetMs(hours)));
}

/** Business hours in [a, b); negative when b is before a. */
export function businessHoursBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const aMs = instantMs(a, 'a');
  const bMs = instantMs(b, 'b');
  if (bMs < aMs) {
    const backwards = businessHoursBetween(calendar, b, a);
    return backwards === 0 ? 0 : -backwards; // never -0
  }
  let total = 0;
  for (const day of daysFrom(calendar, aMs)) {
    if (day.start >= bMs) break;
    for (const segment of day.segments) {
      if (!segment.open) continue;
      const overlap = Math.min(segment.to, bMs) - Math.max(segment.from, aMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MS_PER_HOUR;
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
