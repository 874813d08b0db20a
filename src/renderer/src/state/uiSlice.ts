import type { StateCreator } from 'zustand';
import type { QueueFilter } from './queueSelectors';
import type { AppState } from './store';

export type Toast =
  | { id: number; kind: 'undo'; taskId: string; ticketId: string; action: string }
  | { id: number; kind: 'notice'; level: 'info' | 'warning' | 'error'; message: string; ticketId: string | null }
  | { id: number; kind: 'error'; message: string };

type NewToast = Toast extends infer T ? (T extends Toast ? Omit<T, 'id'> : never) : never;

export type Route = 'desk' | 'settings';

export interface UiSlice {
  route: Route;
  /** The ticket shown in the ticket view. */
  openTicketId: string | null;
  /** The card keyboard shortcuts act on (the focused one). */
  focusedTicketId: string | null;
  filter: QueueFilter;
  search: string;
  toasts: Toast[];
  cheatSheetOpen: boolean;
  /** The ticket whose "Transfer to…" picker is open. */
  transferFor: string | null;
  /** The ticket whose proposal composer is open. */
  composerFor: string | null;
  notificationsOn: boolean;
  /** Bumped when the keyboard moves focus, so the list scrolls the card in and focuses it. */
  focusSeq: number;
  requestFocus(ticketId: string): void;
  setRoute(route: Route): void;
  openTicket(ticketId: string | null): void;
  focusTicket(ticketId: string | null): void;
  setFilter(filter: QueueFilter): void;
  setSearch(search: string): void;
  pushToast(toast: NewToast): number;
  dismissToast(id: number): void;
  setCheatSheet(open: boolean): void;
  setTransferFor(ticketId: string | null): void;
  setComposerFor(ticketId: string | null): void;
  setNotificationsOn(on: boolean): void;
}

let nextToastId = 1;

export const initialUiState = {
  route: 'desk' as Route,
  openTicketId: null,
  focusedTicketId: null,
  filter: 'all' as QueueFilter,
  search: '',
  toasts: [] as Toast[],
  cheatSheetOpen: false,
  transferFor: null,
  composerFor: null,
  notificationsOn: false,
  focusSeq: 0,
};

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  ...initialUiState,
  requestFocus: (ticketId) => set((state) => ({ focusedTicketId: ticketId, focusSeq: state.focusSeq + 1 })),
  setRoute: (route) => set({ route }),
  openTicket: (ticketId) => set(ticketId ? { openTicketId: ticketId, focusedTicketId: ticketId } : { openTicketId: null }),
  focusTicket: (ticketId) => set({ focusedTicketId: ticketId }),
  setFilter: (filter) => set({ filter }),
  setSearch: (search) => set({ search }),
  pushToast: (toast) => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id } as Toast] }));
    return id;
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  setCheatSheet: (cheatSheetOpen) => set({ cheatSheetOpen }),
  setTransferFor: (transferFor) => set({ transferFor }),
  setComposerFor: (composerFor) => set({ composerFor }),
  setNotificationsOn: (notificationsOn) => set({ notificationsOn }),
});

/** Undo toasts whose task is still in its undo window. */
export const selectUndoToastFor = (state: Pick<UiSlice, 'toasts'>, taskId: string): Toast | undefined =>
  state.toasts.find((t) => t.kind === 'undo' && t.taskId === taskId);
