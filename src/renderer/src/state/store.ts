import { create } from 'zustand';
import type { QueueCard, SyncState, Workspace } from '../../../shared/api';
import type { ContractClient } from '../api/client';

export type LoadStatus = 'loading' | 'loaded' | 'failed';

export interface AppState {
  status: LoadStatus;
  error: string | null;
  workspace: Workspace | null;
  cards: Record<string, QueueCard>;
  sync: Record<string, SyncState>;
  selectedId: string | null;
  load(): Promise<void>;
  select(id: string | null): void;
  applyQueueChange(change: { upserted: QueueCard[]; removed: string[] }): void;
}

/** One store; actions call the contract client, never a transport. */
export function createAppStore(client: ContractClient) {
  const useStore = create<AppState>()((set) => ({
    status: 'loading',
    error: null,
    workspace: null,
    cards: {},
    sync: {},
    selectedId: null,
    async load() {
      try {
        const [workspace, queue] = await Promise.all([client.workspace.get({}), client.queue.list({})]);
        set({ workspace, cards: Object.fromEntries(queue.cards.map((c) => [c.id, c])), status: 'loaded', error: null });
      } catch (error) {
        set({ status: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    },
    select: (id) => set({ selectedId: id }),
    applyQueueChange: ({ upserted, removed }) =>
      set((state) => {
        const cards = { ...state.cards };
        for (const card of upserted) cards[card.id] = card;
        for (const id of removed) delete cards[id];
        return { cards };
      }),
  }));
  client.on('queue.changed', (change) => useStore.getState().applyQueueChange(change));
  client.on('sync.state', (state) => useStore.setState((s) => ({ sync: { ...s.sync, [state.serviceId]: state } })));
  return useStore;
}
