import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { ContractClient } from '../../../src/renderer/src/api/client';
import { ApiError } from '../../../src/renderer/src/api/client';
import { loadEveryCard, PAGE } from '../../../src/renderer/src/state/commandsSlice';
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
    const all = await loadEveryCard(client, { technical: board.length - 40, consumer: 40 }, (loaded, total) => progress.push([loaded, total]));
    expect(all.map((c) => c.ticketId).sort()).toEqual(board.map((c) => c.ticketId).sort());
    expect(new Set(all.map((c) => c.ticketId)).size).toBe(board.length);
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
    state().finishLoading([a, b, c]);
    expect(state().cards).toEqual({ [a.ticketId]: a, [b.ticketId]: acknowledged });
    expect(state().queueLoad).toBeNull();
    expect(state().queueTotals).toEqual({});
  });
});
