import type { StateCreator } from 'zustand';
import type { SyncState } from '../../../shared/api';
import type { AppState } from './store';

export interface SyncSlice {
  sync: Record<string, SyncState>;
  applySyncState(state: SyncState): void;
  /** The states core holds now, for services no event has told about yet (an event is newer). */
  applySyncSnapshot(states: readonly SyncState[]): void;
}

export const initialSyncState = { sync: {} as Record<string, SyncState> };

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set) => ({
  ...initialSyncState,
  applySyncState: (syncState) => set((state) => ({ sync: { ...state.sync, [syncState.serviceId]: syncState } })),
  applySyncSnapshot: (states) => set((state) => ({ sync: withSyncSnapshot(state.sync, states) })),
});

export const selectSyncOf = (state: Pick<SyncSlice, 'sync'>, serviceId: string): SyncState | null => state.sync[serviceId] ?? null;

/** `states` added for the services `sync` has no state for: an event already received is newer. */
export function withSyncSnapshot(sync: Readonly<Record<string, SyncState>>, states: readonly SyncState[]): Record<string, SyncState> {
  const next = { ...sync };
  for (const s of states) if (!(s.serviceId in next)) next[s.serviceId] = s;
  return next;
}
