import type { BusinessCalendar, ClockKind, ClockStart, SlaClock, SlaPolicy } from '../../../shared/calendar';
import { addBusinessHours, businessHoursBetween } from './businessTime';

// A ticket's team clock (SPEC P2–P5): when it is due and how much business time is left.

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
  const from = new Date(start.from);
  if (Number.isNaN(from.getTime())) throw new RangeError(`clock start is not an ISO date: ${start.from}`);
  const dueAt = addBusinessHours(calendar, from, budgetHours(policy, start.kind));
  const remainingBusinessHours = businessHoursBetween(calendar, now, dueAt);
  // Compared in real time: a deadline at Saturday 24:00 is overdue on Sunday though no business hour passed.
  const status = now.getTime() > dueAt.getTime()
    ? 'overdue'
    : remainingBusinessHours <= policy.dueSoonHours ? 'dueSoon' : 'ok';
  return { kind: start.kind, dueAt: dueAt.toISOString(), remainingBusinessHours, status };
}
