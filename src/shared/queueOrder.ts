import type { TicketCard } from './views';

// The order of a service's queue, shared by core (which pages the queue to the UI) and the
// renderer (which keeps it sorted as events arrive): both must agree card for card.

/** The card's deadline in ms. */
export function dueMs(card: TicketCard): number {
  return card.clock ? Date.parse(card.clock.dueAt) : Number.POSITIVE_INFINITY;
}

/**
 * Overdue first, then due soonest; tickets without a running clock last (oldest first). A total order.
 * Deadlines are compared as text: `dueAt` is always toISOString's form (sla/clock.ts clockAt), whose
 * text order is time order. (A cache of parsed dates per clock took 1 MB on each side at 37,000 cards.)
 */
export function compareUrgency(a: TicketCard, b: TicketCard): number {
  if (a.clock && !b.clock) return -1;
  if (!a.clock && b.clock) return 1;
  if (a.clock && b.clock) {
    const overdueA = a.clock.status === 'overdue' ? 0 : 1;
    const overdueB = b.clock.status === 'overdue' ? 0 : 1;
    if (overdueA !== overdueB) return overdueA - overdueB;
    if (a.clock.dueAt !== b.clock.dueAt) return a.clock.dueAt < b.clock.dueAt ? -1 : 1;
  }
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
}
