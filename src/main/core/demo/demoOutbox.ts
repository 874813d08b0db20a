import { randomUUID } from 'node:crypto';
import type { OutboxTaskView } from '../../../shared/views';

// The demo's outbox: the same undo window and task states as the real one, but the
// "send" only changes the demo's own mail in memory. Nothing leaves the computer.

export interface DemoTaskSpec {
  ticketId: string;
  serviceId: string;
  action: string;
  recipient: string;
  deliver: () => void;
}

export class DemoOutbox {
  private readonly tasks = new Map<string, { view: OutboxTaskView; timer: ReturnType<typeof setTimeout> | null; deliver: () => void }>();

  constructor(
    private readonly clock: () => Date,
    private readonly undoSeconds: () => number,
    private readonly onChange: (task: OutboxTaskView) => void,
  ) {}

  enqueue(spec: DemoTaskSpec): OutboxTaskView {
    const now = this.clock();
    const undoMs = this.undoSeconds() * 1000;
    const id = randomUUID();
    const view: OutboxTaskView = {
      id,
      ticketId: spec.ticketId,
      serviceId: spec.serviceId,
      action: spec.action,
      state: undoMs > 0 ? 'undoWindow' : 'queued',
      createdAt: now.toISOString(),
      undoUntil: undoMs > 0 ? new Date(now.getTime() + undoMs).toISOString() : null,
      attempts: 0,
      error: null,
      retryable: false,
      messageId: `<${id}@demo.guichet.test>`,
      recipient: spec.recipient,
    };
    const timer = setTimeout(() => this.complete(id), undoMs);
    this.tasks.set(id, { view, timer, deliver: spec.deliver });
    return view;
  }

  private complete(id: string): void {
    const task = this.tasks.get(id);
    if (!task || task.view.state !== 'undoWindow' && task.view.state !== 'queued') return;
    task.deliver();
    task.view = { ...task.view, state: 'done', attempts: 1, undoUntil: null };
    task.timer = null;
    this.onChange(task.view);
  }

  undo(id: string): OutboxTaskView | null {
    const task = this.tasks.get(id);
    if (!task) return null;
    if (task.view.state !== 'undoWindow') return task.view;
    if (task.timer) clearTimeout(task.timer);
    task.view = { ...task.view, state: 'cancelled', undoUntil: null };
    this.onChange(task.view);
    return task.view;
  }

  get(id: string): OutboxTaskView | null {
    return this.tasks.get(id)?.view ?? null;
  }

  list(): OutboxTaskView[] {
    return [...this.tasks.values()].map((t) => t.view).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  close(): void {
    for (const task of this.tasks.values()) if (task.timer) clearTimeout(task.timer);
  }
}
