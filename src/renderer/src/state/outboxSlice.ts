import type { StateCreator } from 'zustand';
import type { OutboxTaskView } from '../../../shared/api';
import type { AppState } from './store';

export interface OutboxEntry {
  task: OutboxTaskView;
  /** Local wall-clock end of the undo window: core's clock may be the demo's frozen one. */
  undoEndsAtMs: number | null;
}

export interface OutboxSlice {
  outbox: Record<string, OutboxEntry>;
  applyOutboxTask(task: OutboxTaskView, receivedAtMs?: number): void;
  setOutbox(tasks: readonly OutboxTaskView[]): void;
}

export const initialOutboxState = { outbox: {} as Record<string, OutboxEntry> };

/** Pure: the undo window's local end, from its length on core's clock. */
export function undoEndsAt(task: OutboxTaskView, receivedAtMs: number): number | null {
  if (task.state !== 'undoWindow' || !task.undoUntil) return null;
  const length = Date.parse(task.undoUntil) - Date.parse(task.createdAt);
  return receivedAtMs + Math.max(0, length);
}

export function applyOutboxTaskTo(outbox: Record<string, OutboxEntry>, task: OutboxTaskView, receivedAtMs: number): Record<string, OutboxEntry> {
  const known = outbox[task.id];
  const ends = task.state === 'undoWindow' ? (known?.undoEndsAtMs ?? undoEndsAt(task, receivedAtMs)) : null;
  return { ...outbox, [task.id]: { task, undoEndsAtMs: ends } };
}

export const createOutboxSlice: StateCreator<AppState, [], [], OutboxSlice> = (set) => ({
  ...initialOutboxState,
  applyOutboxTask: (task, receivedAtMs = Date.now()) => set((state) => ({ outbox: applyOutboxTaskTo(state.outbox, task, receivedAtMs) })),
  setOutbox: (tasks) => {
    const now = Date.now();
    set({ outbox: Object.fromEntries(tasks.map((task) => [task.id, { task, undoEndsAtMs: undoEndsAt(task, now) }])) });
  },
});

const PENDING: ReadonlySet<OutboxTaskView['state']> = new Set(['queued', 'claiming', 'appending']);

export interface OutboxSummary {
  pending: number;
  undoWindow: number;
  sending: number;
  failed: number;
}

export function summarizeOutbox(outbox: Record<string, OutboxEntry>): OutboxSummary {
  const summary: OutboxSummary = { pending: 0, undoWindow: 0, sending: 0, failed: 0 };
  for (const { task } of Object.values(outbox)) {
    if (PENDING.has(task.state)) summary.pending++;
    else if (task.state === 'undoWindow') summary.undoWindow++;
    else if (task.state === 'sending') summary.sending++;
    else if (task.state === 'failed' || task.state === 'lostClaim') summary.failed++;
  }
  return summary;
}

/** Tasks to list in the outbox panel: the newest first, at most `limit`. */
export function recentOutboxTasks(outbox: Record<string, OutboxEntry>, limit = 30): OutboxEntry[] {
  return Object.values(outbox)
    .sort((a, b) => b.task.createdAt.localeCompare(a.task.createdAt) || b.task.id.localeCompare(a.task.id))
    .slice(0, limit);
}
