import type { TicketCard } from './views';

// The order of a service's queue, shared by core (which pages the queue to the UI) and the
// renderer (which keeps it sorted as events arrive): both must agree card for card.

const dueMsCache = new WeakMap<object, number>();

/** The card's deadline in ms (cached per clock object: cards are replaced, never mutated). */
export function dueMs(card: TicketCard): number {
  if (!card.clock) return Number.POSITIVE_INFINITY;
  let ms = dueMsCache.get(card.clock);
  if (ms === undefined) {
    ms = Date.parse(card.clock.dueAt);
    dueMsCache.set(card.clock, ms);
  }
  return ms;
}

/** Overdue first, then due soonest; tickets without a running clock last (oldest first). A total order. */
export function compareUrgency(a: TicketCard, b: TicketCard): number {
  if (a.clock && !b.clock) return -1;
  if (!a.clock && b.clock) return 1;
  if (a.clock && b.clock) {
    const overdueA = a.clock.status === 'overdue' ? 0 : 1;
    const overdueB = b.clock.status === 'overdue' ? 0 : 1;
    if (overdueA !== overdueB) return overdueA - overdueB;
    const byDue = dueMs(a) - dueMs(b);
    if (byDue !== 0) return byDue;
  }
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
}
