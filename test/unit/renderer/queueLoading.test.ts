import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { ContractClient } from '../../../src/renderer/src/api/client';
import { ApiError } from '../../../src/renderer/src/api/client';
import { loadEveryCard, PAGE } from '../../../src/renderer/src/state/commandsSlice';
import { selectQueue } from '../../../src/renderer/src/state/queueSelectors';
import { adoptSortedQueues, sortedQueues } from '../../../src/renderer/src/state/sortedQueues';
import type { AppState } from '../../../src/renderer/src/state/store';
import { createTicketsSlice, type TicketsSlice } from '../../../src/renderer/src/state/ticketsSlice';
import type { TicketCard } from '../../../src/shared/views';
import { QueuePages } from '../../../src/main/core/tickets/queuePages';
import { card } from './cardFixture';

const cardsOf = (serviceId: string, n: number, prefix: string): TicketCard[] =>
  Array.from({ length: n }, (_, i) => card({ ticketId: `GX-${prefix}${String(i).padStart(5, '0')}`, serviceId, receivedAt: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString() }));

/** A client whose tickets.list is core's own paging over `board`; `conflictOnce` loses the first cursor once. */
function pagingClient(board: () => TicketCard[], options: { conflictOnce?: boolean } = {}): { client: ContractClient; pages: number } {
  const core = new QueuePages();
  let conflict = options.conflictOnce ?? false;
  const state = { pages: 0 };
  const client = {
    tickets: {
      list: async (input: { serviceId?: string; offset?: number; limit?: number; cursor?: string }) => {
        state.pages++;
        if (input.cursor !== undefined && conflict) {
          conflict = false;
          throw new ApiError({ code: 'conflict', message: 'This list has changed since its first page was read: load it again.' });
        }
        return core.answer(input, () => board().filter((c) => c.serviceId === input.serviceId));
      },
    },
  } as unknown as ContractClient;
  return { client, get pages() { return state.pages; } };
}

describe('loading a large workspace page by page', () => {
  it('gets every card of every queue, reports its progress, and reads a queue again after a conflict', async () => {
    const board = [...cardsOf('technical', PAGE * 2 + 17, '1'), ...cardsOf('consumer', 40, '2')];
    const { client } = pagingClient(() => board, { conflictOnce: true });
    const progress: Array<[number, number]> = [];
    const loaded = await loadEveryCard(client, { technical: board.length - 40, consumer: 40 }, (loaded, total) => progress.push([loaded, total]));
    expect([...loaded.cards.keys()].sort()).toEqual(board.map((c) => c.ticketId).sort());
    // Each queue in core's order, which is the desk's: adopted as the sorted queues, no sort needed.
    expect(loaded.ordered).toBe(true);
    expect(adoptSortedQueues(loaded.cards, loaded.queues)).toBe(true);
    for (const service of ['technical', 'consumer']) {
      expect(sortedQueues(loaded.cards).get(service)?.map((c) => c.ticketId)).toEqual(selectQueue(loaded.cards, service, { filter: 'all', search: '', nowMs: 0 }).map((c) => c.ticketId));
    }
    expect(progress.at(-1)).toEqual([board.length, board.length]);
    expect(progress.every(([, total]) => total === board.length)).toBe(true);
  });

  it('gives up with the error when it is not a conflict', async () => {
    const client = { tickets: { list: async () => { throw new ApiError({ code: 'failed', message: 'tickets.list failed: disk' }); } } } as unknown as ContractClient;
    await expect(loadEveryCard(client, { technical: 10 }, () => {})).rejects.toThrow('disk');
  });

  it('replays the changes received while loading on the full list, so a late page cannot undo them', () => {
    const useStore = create<TicketsSlice>()((...a) => createTicketsSlice(...(a as unknown as Parameters<typeof createTicketsSlice>)));
    const state = () => useStore.getState() as unknown as AppState;
    const [a, b, c] = cardsOf('technical', 3, '1') as [TicketCard, TicketCard, TicketCard];
    state().setCards([a]);
    state().startLoading({ technical: 3 }, { loaded: 1, total: 3, provisional: true });
    expect(state().queueTotals).toEqual({ technical: 3 });
    // While the pages arrive, another desk acknowledges b and c is resolved away.
    const acknowledged = { ...b, state: 'acknowledged' as const };
    state().applyTicketsChanged({ upserted: [acknowledged], removed: [c.ticketId] });
    // The pages were read before those changes.
    state().finishLoading({ cards: new Map([a, b, c].map((x) => [x.ticketId, x])), queues: new Map([['technical', [a, b, c]]]), ordered: true });
    expect(state().cards).toEqual(new Map([[a.ticketId, a], [b.ticketId, acknowledged]]));
    // The queues read before the changes are not taken as the desk's order: it sorts the cards as they are.
    expect(sortedQueues(state().cards).get('technical')).toEqual(selectQueue(state().cards, 'technical', { filter: 'all', search: '', nowMs: 0 }));
    expect(state().queueLoad).toBeNull();
    expect(state().queueTotals).toEqual({});
  });
});

describe('adoptSortedQueues', () => {
  it('is not asked to take queues that came out of order: the loader notices', async () => {
    const board = cardsOf('technical', 30, '1');
    const shuffled = [...board.slice(10), ...board.slice(0, 10)];
    const client = { tickets: { list: async (input: { offset?: number; limit?: number }) => ({ tickets: shuffled.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 30)), total: 30, cursor: null, provisional: false }) } } as unknown as ContractClient;
    const loaded = await loadEveryCard(client, { technical: 30 }, () => {});
    expect(loaded.ordered).toBe(false);
    const useStore = create<TicketsSlice>()((...a) => createTicketsSlice(...(a as unknown as Parameters<typeof createTicketsSlice>)));
    useStore.getState().startLoading({ technical: 30 }, { loaded: 0, total: 30, provisional: false });
    useStore.getState().finishLoading(loaded);
    expect(sortedQueues(useStore.getState().cards).get('technical')).toEqual(board);
  });

  const [a, b, c] = cardsOf('technical', 3, '1') as [TicketCard, TicketCard, TicketCard];
  const [d] = cardsOf('consumer', 1, '2') as [TicketCard];
  const mapOf = (cards: TicketCard[]) => new Map(cards.map((x) => [x.ticketId, x]));

  it('takes queues that hold every card once, in urgency order', () => {
    const cards = mapOf([a, b, c, d]);
    expect(adoptSortedQueues(cards, new Map([['technical', [a, b, c]], ['consumer', [d]]]))).toBe(true);
    expect(sortedQueues(cards).get('technical')).toEqual([a, b, c]);
  });

  it('refuses queues with a card missing or foreign, or one under the wrong service; the desk then sorts', () => {
    const cards = mapOf([a, b, c, d]);
    expect(adoptSortedQueues(cards, new Map([['technical', [a, b]], ['consumer', [d]]]))).toBe(false);
    expect(adoptSortedQueues(cards, new Map([['technical', [a, b, { ...c }]], ['consumer', [d]]]))).toBe(false);
    expect(adoptSortedQueues(cards, new Map([['technical', [a, b, c, d]]]))).toBe(false);
    expect(sortedQueues(cards).get('technical')).toEqual(selectQueue(cards, 'technical', { filter: 'all', search: '', nowMs: 0 }));
  });
});
