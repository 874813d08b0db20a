import type { BusinessCalendar, ClockKind, ClockStart, SlaClock, SlaPolicy } from '../../../shared/calendar';
import { addBusinessHoursMs, businessHoursBetweenMs } from './businessTime';

// A ticket's team clock (SPEC P2–P5): when it is due and how much business time is left.

/** The last instant a Date can hold. */
const MAX_DATE_MS = 8.64e15;

export type { ClockKind, ClockStart, SlaClock, SlaPolicy };

export function budgetHours(policy: SlaPolicy, kind: ClockKind): number {
  switch (kind) {
    case 'firstResponse': return policy.firstResponseHours;
    case 'update': return policy.updateHours;
    case 'customerReplied': return policy.customerRepliedHours;
    case 'transfer': return policy.transferHours;
  }
}

/** null when no team clock runs (waiting on the customer, resolved). */
export function computeClock(
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  start: ClockStart,
  now: Date,
): SlaClock | null {
  if (start === null) return null;
  const fromMs = Date.parse(start.from);
  if (Number.isNaN(fromMs)) throw new RangeError(`clock start is not an ISO date: ${start.from}`);
  const dueMs = addBusinessHoursMs(calendar, fromMs, budgetHours(policy, start.kind));
  return clockAt(calendar, policy, start.kind, dueMs, null, now);
}

/**
 * The clock at `now` for a deadline computed earlier with the same calendar and policy
 * (`dueAt` is its ISO form, made here when null): the minute refresh moves time, not the deadline.
 */
export function clockAt(
  calendar: BusinessCalendar,
  policy: SlaPolicy,
  kind: ClockKind,
  dueMs: number,
  dueAt: string | null,
  now: Date,
): SlaClock {
  const nowMs = now.getTime();
  // The errors businessHoursBetween(calendar, now, dueAt) gives.
  if (!Number.isFinite(nowMs)) throw new RangeError('a is not a valid date');
  if (!(Math.abs(dueMs) <= MAX_DATE_MS)) throw new RangeError('b is not a valid date');
  const remainingBusinessHours = businessHoursBetweenMs(calendar, nowMs, dueMs);
  // Compared in real time: a deadline at Saturday 24:00 is overdue on Sunday though no business hour passed.
  const status = nowMs > dueMs
    ? 'overdue'
    : remainingBusinessHours <= policy.dueSoonHours ? 'dueSoon' : 'ok';
  return { kind, dueAt: dueAt ?? new Date(dueMs).toISOString(), remainingBusinessHours: shownHours(remainingBusinessHours), status };
}

/**
 * The time left as the desk shows it (shared/durationText.ts): to the minute under a day, to the
 * hour beyond. A card then changes only when its text does, so the minute refresh of a 37,000-card
 * desk sends the few clocks whose text moved, not every card with business time running.
 */
export function shownHours(hours: number): number {
  const minutes = Math.round(Math.abs(hours) * 60);
  const shown = minutes >= 24 * 60 ? minutes - (minutes % 60) : minutes;
  return shown === 0 ? 0 : (Math.sign(hours) * shown) / 60;
}
