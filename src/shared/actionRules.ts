import type { TicketCard } from './views';

// Which one-click actions make sense for a ticket now, and if not, why. Shared so the
// UI can disable a button with its reason and core refuses the same calls.

export const TICKET_ACTIONS = ['acknowledge', 'transfer', 'update', 'proposal', 'requestInfo', 'requestSerial', 'resolve', 'reopen'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export type UnavailableReason =
  | { code: 'inProgress'; by: string }
  | { code: 'alreadyAcknowledged'; by: string; at: string }
  | { code: 'waitingOnCustomer' }
  | { code: 'resolved' }
  | { code: 'notResolved' }
  | { code: 'noMissingFields' }
  | { code: 'serialKnown' }
  | { code: 'transferredAway' }
  | { code: 'sameService' };

export function whyUnavailable(card: Pick<TicketCard, 'state' | 'actingAgent' | 'lastAction' | 'form' | 'serial' | 'serviceId'>, action: TicketAction, targetServiceId?: string): UnavailableReason | null {
  if (card.actingAgent !== null) return { code: 'inProgress', by: card.actingAgent };
  const closed = card.state === 'resolved';
  if (action === 'reopen') return closed ? null : { code: 'notResolved' };
  if (closed) return { code: 'resolved' };
  if (card.state === 'transferred') return { code: 'transferredAway' };
  switch (action) {
    case 'acknowledge':
      if (card.state === 'acknowledged' && card.lastAction) return { code: 'alreadyAcknowledged', by: card.lastAction.actor, at: card.lastAction.at };
      if (card.state === 'waitingOnCustomer') return { code: 'waitingOnCustomer' };
      return null;
    case 'update':
      return card.state === 'waitingOnCustomer' ? { code: 'waitingOnCustomer' } : null;
    case 'requestInfo':
      return card.form.missing.filter((f) => f !== 'serial').length === 0 ? { code: 'noMissingFields' } : null;
    case 'requestSerial':
      return card.serial !== null ? { code: 'serialKnown' } : null;
    case 'transfer':
      return targetServiceId === card.serviceId ? { code: 'sameService' } : null;
    default:
      return null;
  }
}
