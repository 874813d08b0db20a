import { create } from 'zustand';
import type { ContractClient } from '../api/client';
import { createCommandsSlice, type CommandsSlice } from './commandsSlice';
import { createOutboxSlice, type OutboxSlice } from './outboxSlice';
import { createSyncSlice, type SyncSlice } from './syncSlice';
import { createTicketsSlice, type TicketsSlice } from './ticketsSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice';

export type AppState = WorkspaceSlice & TicketsSlice & OutboxSlice & SyncSlice & UiSlice & CommandsSlice;

/** Called with the cards as they were before a tickets.changed, so notifications can compare. */
export type TicketsChangedListener = (previous: AppState['cards'], change: Parameters<TicketsSlice['applyTicketsChanged']>[0]) => void;

/** One store built from slices; events from core are applied incrementally. */
export function createAppStore(client: ContractClient, onTicketsChanged?: TicketsChangedListener) {
  const useStore = create<AppState>()((...a) => ({
    ...createWorkspaceSlice(...a),
    ...createTicketsSlice(...a),
    ...createOutboxSlice(...a),
    ...createSyncSlice(...a),
    ...createUiSlice(...a),
    ...createCommandsSlice(client)(...a),
  }));
  client.on('tickets.changed', (change) => {
    const previous = useStore.getState().cards;
    useStore.getState().applyTicketsChanged(change);
    onTicketsChanged?.(previous, change);
  });
  client.on('sync.state', (state) => useStore.getState().applySyncState(state));
  client.on('outbox.changed', ({ task }) => useStore.getState().applyOutboxTask(task));
  client.on('notice', (notice) => {
    useStore.getState().pushToast({ kind: 'notice', level: notice.level, message: notice.message, ticketId: notice.ticketId });
    // Demo to live (or back): another workspace, so its services and queues are loaded afresh.
    if (notice.code === 'workspaceChanged') void useStore.getState().load();
  });
  return useStore;
}

export type AppStoreHook = ReturnType<typeof createAppStore>;
