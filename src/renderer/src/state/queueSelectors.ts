import type { TicketCard } from '../../../shared/api';
import { compareUrgency, dueMs } from '../../../shared/queueOrder';
import { sortedQueues } from './sortedQueues';
import { ticketTagOf } from '../../../shared/ticket';

export { compareUrgency };

// The queues: named pure selectors, tested without React (test/unit/renderer/queueSelectors.test.ts).

export const QUEUE_FILTERS = ['all', 'overdue', 'dueToday', 'unverified', 'misrouted', 'waitingOnCustomer', 'resolved'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayKey(ms: number, timeZone: string | undefined): string {
  const zone = timeZone ?? '';
  let format = dayFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(zone, format);
  }
  return format.format(ms);
}

/** The first instant of tomorrow in the team's time zone (DST-safe: checked on the calendar). */
export function endOfDayMs(nowMs: number, timeZone?: string): number {
  const today = dayKey(nowMs, timeZone);
  // Find the last hour of today, then the minute midnight falls on.
  let hi = nowMs + 26 * 3_600_000;
  let lo = nowMs;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayKey(mid, timeZone) === today) lo = mid;
    else hi = mid;
  }
  const minute = Math.floor(hi / 60_000) * 60_000;
  return dayKey(minute, timeZone) === today ? minute + 60_000 : minute;
}

/** What a filter needs to know about "now", computed once per query, not per card. */
export interface FilterContext {
  nowMs: number;
  endOfTodayMs: number;
}

export function filterContext(nowMs: number, timeZone?: string): FilterContext {
  return { nowMs, endOfTodayMs: endOfDayMs(nowMs, timeZone) };
}

/** Due before the end of today (in the team's time zone), and not overdue yet. */
export function isDueToday(card: TicketCard, context: FilterContext): boolean {
  if (!card.clock || card.clock.status === 'overdue') return false;
  return dueMs(card) < context.endOfTodayMs;
}

export function matchesFilter(card: TicketCard, filter: QueueFilter, context: FilterContext): boolean {
  switch (filter) {
    case 'all': return true;
    case 'overdue': return card.clock?.status === 'overdue';
    case 'dueToday': return isDueToday(card, context);
    case 'unverified': return card.serialStatus !== 'verified';
    case 'misrouted': return card.misroute !== null;
    case 'waitingOnCustomer': return card.state === 'waitingOnCustomer';
    case 'resolved': return card.state === 'resolved';
  }
}

/** Lower case without accents, so "resume" finds "Résumé". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Search on customer (name or address), subject, serial number and ticket tag; every word must match. */
export function matchesSearch(card: TicketCard, query: string): boolean {
  return matchesWords(card, searchWords(query));
}

export function searchWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

// Cards are immutable (an update replaces the object), so their folded text is cached per object.
const haystacks = new WeakMap<TicketCard, string>();

function matchesWords(card: TicketCard, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  let haystack = haystacks.get(card);
  if (haystack === undefined) {
    haystack = foldForSearch(`${card.customer.name} ${card.customer.address} ${card.subject} ${card.serial ?? ''} ${ticketTagOf(card.ticketId)}`);
    haystacks.set(card, haystack);
  }
  return words.every((word) => haystack.includes(word));
}

export interface QueueQuery {
  filter: QueueFilter;
  search: string;
  nowMs: number;
  timeZone?: string | undefined;
}

/**
 * Every card by ticket id. A Map, not a plain object: with 37,000 ticket ids as keys an object
 * took 2-5 times longer to build, copy and walk (each tickets.changed copies it; the desk walks it).
 * Never changed in place: an event makes a new map.
 */
export type CardMap = ReadonlyMap<string, TicketCard>;

/** One service's queue: its cards that pass the filter and the search, most urgent first. */
export function selectQueue(cards: CardMap, serviceId: string, query: QueueQuery): TicketCard[] {
  const context = filterContext(query.nowMs, query.timeZone);
  const words = searchWords(query.search);
  const out: TicketCard[] = [];
  for (const card of cards.values()) {
    if (card.serviceId !== serviceId) continue;
    if (!matchesFilter(card, query.filter, context)) continue;
    if (!matchesWords(card, words)) continue;
    out.push(card);
  }
  return out.sort(compareUrgency);
}

/** How many cards each filter would show for a service (for the filter buttons' counts). */
export function countByFilter(cards: CardMap, nowMs: number, timeZone?: string): Record<QueueFilter, number> {
  const counts = Object.fromEntries(QUEUE_FILTERS.map((f) => [f, 0])) as Record<QueueFilter, number>;
  const context = filterContext(nowMs, timeZone);
  for (const card of cards.values()) {
    for (const filter of QUEUE_FILTERS) if (matchesFilter(card, filter, context)) counts[filter]++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The desk at scale: the same queues, from the sorted queues kept per card map (sortedQueues.ts).

const queueIndexes = new WeakMap<readonly TicketCard[], Map<string, number>>();

/** The position of `ticketId` in `queue`, or -1; the index is built once per queue array. */
export function indexInQueue(queue: readonly TicketCard[], ticketId: string | null): number {
  if (ticketId === null || queue.length === 0) return -1;
  let index = queueIndexes.get(queue);
  if (!index) {
    index = new Map();
    for (let i = 0; i < queue.length; i++) index.set((queue[i] as TicketCard).ticketId, i);
    queueIndexes.set(queue, index);
  }
  return index.get(ticketId) ?? -1;
}

const EMPTY: readonly TicketCard[] = Object.freeze([]);

/**
 * selectQueue for the desk: the same cards in the same order, from the cached sorted queues.
 * Without a filter or a search the queue is the cached array itself (stable while the service's cards don't change).
 */
export function selectSortedQueue(cards: CardMap, serviceId: string, filter: QueueFilter, search: string, context: FilterContext): readonly TicketCard[] {
  const sorted = sortedQueues(cards).get(serviceId) ?? EMPTY;
  const words = searchWords(search);
  if (filter === 'all' && words.length === 0) return sorted;
  const out: TicketCard[] = [];
  for (const card of sorted) if (matchesFilter(card, filter, context) && matchesWords(card, words)) out.push(card);
  return out;
}

/** countByFilter with a precomputed filter context. */
export function countByFilterIn(cards: CardMap, context: FilterContext): Record<QueueFilter, number> {
  let overdue = 0, dueToday = 0, unverified = 0, misrouted = 0, waiting = 0, resolved = 0, all = 0;
  for (const card of cards.values()) {
    all++;
    if (card.clock?.status === 'overdue') overdue++;
    else if (isDueToday(card, context)) dueToday++;
    if (card.serialStatus !== 'verified') unverified++;
    if (card.misroute !== null) misrouted++;
    if (card.state === 'waitingOnCustomer') waiting++;
    else if (card.state === 'resolved') resolved++;
  }
  return { all, overdue, dueToday, unverified, misrouted, waitingOnCustomer: waiting, resolved };
}

/** The card after/before `ticketId` in a queue, for j/k; stays put at the ends. */
export function neighbourInQueue(queue: readonly TicketCard[], ticketId: string | null, step: 1 | -1): string | null {
  if (queue.length === 0) return null;
  const index = indexInQueue(queue, ticketId);
  if (index === -1) return queue[0]?.ticketId ?? null;
  const next = Math.min(queue.length - 1, Math.max(0, index + step));
  return queue[next]?.ticketId ?? null;
}
