import type { TicketCard } from '../../../shared/api';
import { compareUrgency, dueMs } from '../../../shared/queueOrder';
import type { CardMap } from './queueSelectors';

// Every service's queue sorted by urgency, once per card map: patched after a small change
// (noteCardsChange), or taken as core sent it after a full load (adoptSortedQueues), else sorted.
// The desk filters these arrays (queueSelectors.selectSortedQueue) instead of sorting per render.

export type SortedQueues = ReadonlyMap<string, readonly TicketCard[]>;

/** Every service's cards sorted by urgency, per card map (the order depends on the cards only, not on the clock). */
const sortedCache = new WeakMap<CardMap, SortedQueues>();

/** The last incremental change (see noteCardsChange): lets the next sort patch the previous one. */
let lastChange: { previous: CardMap; next: CardMap; upserted: readonly TicketCard[]; removed: readonly string[] } | null = null;

/** Above this many changed cards a full sort is as cheap as patching. */
const PATCH_LIMIT = 512;

/** Records that `next` is `previous` with these cards upserted and removed (called by applyTicketsChange). */
export function noteCardsChange(previous: CardMap, next: CardMap, upserted: readonly TicketCard[], removed: readonly string[]): void {
  // Only one step is kept: a chain would keep every previous map alive.
  lastChange = sortedCache.has(previous) && upserted.length + removed.length <= PATCH_LIMIT ? { previous, next, upserted, removed } : null;
}

/** A card with its sort key read once (compareUrgency reads the due date on every comparison). */
interface Keyed {
  card: TicketCard;
  /** 0 overdue, 1 running clock, 2 no clock. */
  rank: number;
  due: number;
}

/** The order of compareUrgency, on keys read once per card. */
function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.due !== b.due) return a.due - b.due;
  const x = a.card;
  const y = b.card;
  if (x.receivedAt !== y.receivedAt) return x.receivedAt < y.receivedAt ? -1 : 1;
  return x.ticketId < y.ticketId ? -1 : x.ticketId > y.ticketId ? 1 : 0;
}

function sortAll(cards: CardMap): SortedQueues {
  const byService = new Map<string, Keyed[]>();
  for (const card of cards.values()) {
    let list = byService.get(card.serviceId);
    if (!list) byService.set(card.serviceId, (list = []));
    const clock = card.clock;
    list.push({ card, rank: clock ? (clock.status === 'overdue' ? 0 : 1) : 2, due: clock ? dueMs(card) : 0 });
  }
  const sorted = new Map<string, TicketCard[]>();
  for (const [serviceId, list] of byService) sorted.set(serviceId, list.sort(compareKeyed).map((k) => k.card));
  return sorted;
}

/** Where `card` is, or would go, in a list sorted by compareUrgency (a total order). */
function lowerBound(list: readonly TicketCard[], card: TicketCard): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareUrgency(list[mid] as TicketCard, card) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function patchSorted(base: SortedQueues, previous: CardMap, upserted: readonly TicketCard[], removed: readonly string[]): SortedQueues {
  const out = new Map(base);
  const copied = new Set<string>();
  const listOf = (serviceId: string): TicketCard[] => {
    let list = out.get(serviceId) as TicketCard[] | undefined;
    if (!copied.has(serviceId)) {
      list = list ? list.slice() : [];
      out.set(serviceId, list);
      copied.add(serviceId);
    }
    return list as TicketCard[];
  };
  const take = (id: string): void => {
    const old = previous.get(id);
    if (!old) return;
    const list = listOf(old.serviceId);
    let at = lowerBound(list, old);
    if (list[at] !== old) at = list.indexOf(old);
    if (at !== -1) list.splice(at, 1);
  };
  // The map may see the same id more than once in one change: apply in the map's own order.
  const live = new Map<string, TicketCard>();
  for (const card of upserted) live.set(card.ticketId, card);
  for (const id of removed) live.delete(id);
  const touched = new Set<string>([...upserted.map((c) => c.ticketId), ...removed]);
  for (const id of touched) take(id);
  for (const card of live.values()) {
    const list = listOf(card.serviceId);
    list.splice(lowerBound(list, card), 0, card);
  }
  for (const [serviceId, list] of out) if (list.length === 0) out.delete(serviceId);
  return out;
}

/**
 * Takes `queues`, each already in compareUrgency order (core sends them so; the loader checks it
 * page by page), as the sorted queues of `cards` when they hold exactly its cards, each under its
 * own service. Sorting 37,000 cards again took 20-30 ms on the renderer's main thread. Otherwise
 * they are ignored and the next sortedQueues() sorts.
 */
export function adoptSortedQueues(cards: CardMap, queues: ReadonlyMap<string, readonly TicketCard[]>): boolean {
  let total = 0;
  for (const [serviceId, queue] of queues) {
    for (const card of queue) if (card.serviceId !== serviceId || cards.get(card.ticketId) !== card) return false;
    total += queue.length;
  }
  if (total !== cards.size) return false;
  const sorted = new Map<string, readonly TicketCard[]>();
  for (const [serviceId, queue] of queues) if (queue.length > 0) sorted.set(serviceId, queue);
  sortedCache.set(cards, sorted);
  return true;
}

/** Each service's cards, most urgent first; computed once per card map, patched after small changes. */
export function sortedQueues(cards: CardMap): SortedQueues {
  let sorted = sortedCache.get(cards);
  if (sorted) return sorted;
  const change = lastChange;
  const base = change && change.next === cards ? sortedCache.get(change.previous) : undefined;
  sorted = change && base ? patchSorted(base, change.previous, change.upserted, change.removed) : sortAll(cards);
  lastChange = null;
  sortedCache.set(cards, sorted);
  return sorted;
}
