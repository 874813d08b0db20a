import type { StateCreator } from 'zustand';
import type { EventPayload, TicketCard } from '../../../shared/api';
import { noteCardsChange } from './queueSelectors';
import type { AppState } from './store';

export interface TicketsSlice {
  /** Every card, by ticket id; replaced wholesale only at load, then patched by events. */
  cards: Record<string, TicketCard>;
  setCards(cards: readonly TicketCard[]): void;
  applyTicketsChanged(change: EventPayload<'tickets.changed'>): void;
}

export const initialTicketsState = { cards: {} as Record<string, TicketCard> };

/** Pure: the card map after an incremental tickets.changed event. */
export function applyTicketsChange(cards: Record<string, TicketCard>, change: EventPayload<'tickets.changed'>): Record<string, TicketCard> {
  if (change.upserted.length === 0 && change.removed.length === 0) return cards;
  const next = { ...cards };
  for (const card of change.upserted) next[card.ticketId] = card;
  for (const id of change.removed) delete next[id];
  // Lets the desk patch its sorted queues instead of sorting every card again.
  noteCardsChange(cards, next, change.upserted, change.removed);
  return next;
}

export const createTicketsSlice: StateCreator<AppState, [], [], TicketsSlice> = (set) => ({
  ...initialTicketsState,
  setCards: (cards) => {
    const map: Record<string, TicketCard> = {};
    for (const card of cards) map[card.ticketId] = card;
    set({ cards: map });
  },
  applyTicketsChanged: (change) => set((state) => ({ cards: applyTicketsChange(state.cards, change) })),
});

export const selectCard = (state: Pick<TicketsSlice, 'cards'>, ticketId: string | null): TicketCard | null =>
  ticketId === null ? null : (state.cards[ticketId] ?? null);
