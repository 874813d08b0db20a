import type { StateCreator } from 'zustand';
import type { Workspace } from '../../../shared/api';
import type { AppState } from './store';

export type LoadStatus = 'loading' | 'loaded' | 'failed';

export interface WorkspaceSlice {
  status: LoadStatus;
  error: string | null;
  workspace: Workspace | null;
  /** The team's time zone, for "due today". */
  timeZone: string | undefined;
  /** Local Date.now() when the workspace loaded: the demo's frozen clock moves on from there. */
  loadedAtMs: number;
  setLoaded(workspace: Workspace, timeZone: string | undefined): void;
  setFailed(error: string): void;
}

export const initialWorkspaceState = { status: 'loading' as LoadStatus, error: null, workspace: null, timeZone: undefined, loadedAtMs: 0 };

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  ...initialWorkspaceState,
  setLoaded: (workspace, timeZone) => set({ workspace, timeZone, status: 'loaded', error: null, loadedAtMs: Date.now() }),
  setFailed: (error) => set({ status: 'failed', error }),
});

/** "Now" as the workspace sees it: the demo's frozen instant plus the time since loading, else the wall clock. */
export function selectNowMs(state: Pick<WorkspaceSlice, 'workspace' | 'loadedAtMs'>, wallMs: number = Date.now()): number {
  const frozen = state.workspace?.frozenNow;
  return frozen ? Date.parse(frozen) + Math.max(0, wallMs - state.loadedAtMs) : wallMs;
}

export const selectOtherServices = (state: Pick<WorkspaceSlice, 'workspace'>, serviceId: string) =>
  (state.workspace?.services ?? []).filter((s) => s.id !== serviceId);
