import type { StateCreator } from 'zustand';
import type { EventPayload, TicketCard } from '../../../shared/api';
import type { LoadedQueues } from './commandsSlice';
import type { CardMap } from './queueSelectors';
import { adoptSortedQueues, noteCardsChange } from './sortedQueues';
import type { AppState } from './store';

type TicketsChange = EventPayload<'tickets.changed'>;

/** The queues while their full lists are still arriving page by page (null once complete). */
export interface QueueLoad {
  loaded: number;
  total: number;
  /** The cards shown were saved by the last session; core is still starting. */
  provisional: boolean;
}

export interface TicketsSlice {
  /** Every card, by ticket id; replaced wholesale only at load, then patched by events. */
  cards: CardMap;
  /** Each queue's size as core counts it, while its cards are not all here yet. */
  queueTotals: Record<string, number>;
  queueLoad: QueueLoad | null;
  setCards(cards: readonly TicketCard[]): void;
  applyTicketsChanged(change: TicketsChange): void;
  /** The first page of each queue is shown; the rest is loading (changes are kept for finishLoading). */
  startLoading(totals: Record<string, number>, load: QueueLoad): void;
  setLoadProgress(loaded: number, total: number): void;
  /** Every card has arrived: they replace the partial map, with the changes received meanwhile replayed. */
  finishLoading(loaded: LoadedQueues): void;
}

const NO_CARDS: CardMap = new Map();

export const initialTicketsState = { cards: NO_CARDS, queueTotals: {} as Record<string, number>, queueLoad: null as QueueLoad | null };

/** Applies one tickets.changed to a map that is still ours to change. */
function applyInPlace(cards: Map<string, TicketCard>, change: TicketsChange): void {
  for (const card of change.upserted) cards.set(card.ticketId, card);
  for (const id of change.removed) cards.delete(id);
}

/** Pure: the card map after an incremental tickets.changed event. */
export function applyTicketsChange(cards: CardMap, change: TicketsChange): CardMap {
  if (change.upserted.length === 0 && change.removed.length === 0) return cards;
  const next = new Map(cards);
  applyInPlace(next, change);
  // Lets the desk patch its sorted queues instead of sorting every card again.
  noteCardsChange(cards, next, change.upserted, change.removed);
  return next;
}

function mapOf(cards: readonly TicketCard[]): CardMap {
  const map = new Map<string, TicketCard>();
  for (const card of cards) map.set(card.ticketId, card);
  return map;
}

export const createTicketsSlice: StateCreator<AppState, [], [], TicketsSlice> = (set) => {
  // Outside the state: recording a change must not re-render anything.
  let buffered: TicketsChange[] | null = null;
  return {
    ...initialTicketsState,
    setCards: (cards) => {
      buffered = null;
      set({ cards: mapOf(cards), queueTotals: {}, queueLoad: null });
    },
    applyTicketsChanged: (change) => {
      buffered?.push(change);
      set((state) => ({ cards: applyTicketsChange(state.cards, change) }));
    },
    startLoading: (queueTotals, queueLoad) => {
      buffered = [];
      set({ queueTotals, queueLoad });
    },
    setLoadProgress: (loaded, total) => set((state) => (state.queueLoad ? { queueLoad: { ...state.queueLoad, loaded, total } } : {})),
    finishLoading: ({ cards, queues, ordered }) => {
      // The loader's own map: changed in place, no copy per change.
      const changes = buffered ?? [];
      for (const change of changes) applyInPlace(cards, change);
      buffered = null;
      // Nothing changed while loading: the queues are in core's order, which is the desk's (no sort).
      if (changes.length === 0 && ordered) adoptSortedQueues(cards, queues);
      set({ cards, queueTotals: {}, queueLoad: null });
    },
  };
};

export const selectCard = (state: Pick<TicketsSlice, 'cards'>, ticketId: string | null): TicketCard | null =>
  ticketId === null ? null : (state.cards.get(ticketId) ?? null);
