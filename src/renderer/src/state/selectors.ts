import type { QueueCard } from '../../../shared/api';

/** Cards of one service, oldest first (the longest-waiting customer on top). */
export function cardsOfService(cards: Record<string, QueueCard>, serviceId: string): QueueCard[] {
  return Object.values(cards)
    .filter((card) => card.serviceId === serviceId)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
}
