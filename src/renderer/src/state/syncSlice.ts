import type { StateCreator } from 'zustand';
import type { SyncState } from '../../../shared/api';
import type { AppState } from './store';

export interface SyncSlice {
  sync: Record<string, SyncState>;
  applySyncState(state: SyncState): void;
}

export const initialSyncState = { sync: {} as Record<string, SyncState> };

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set) => ({
  ...initialSyncState,
  applySyncState: (syncState) => set((state) => ({ sync: { ...state.sync, [syncState.serviceId]: syncState } })),
});

export const selectSyncOf = (state: Pick<SyncSlice, 'sync'>, serviceId: string): SyncState | null => state.sync[serviceId] ?? null;
