import type { OutboxTaskView } from '../../../shared/views';
import type { OutboxTaskRecord } from '../store';
import type { BackoffPolicy } from '../sync/backoff';
import type { MailEndpoint, OutboxLog } from './imapSession';
import type { OutboxTaskSpec } from './taskSpec';

// The public face of the outbox (createOutbox in outbox.ts) and what it needs from its host.

export interface ServiceConnections {
  imap(serviceId: string): Promise<MailEndpoint>;
  smtp(serviceId: string): Promise<MailEndpoint>;
  /** The service's Sent mailbox path; by default the one marked SPECIAL-USE \Sent. */
  sentMailbox?(serviceId: string): string | null;
}

/** What the outbox needs of the store: `store.outbox` fits. */
export interface OutboxPersistence {
  list(): OutboxTaskRecord[];
  put(task: OutboxTaskRecord): Promise<void>;
  remove(id: string): Promise<boolean>;
}

export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.3, stableAfterMs: 0 };

export interface OutboxOptions {
  store: OutboxPersistence;
  connections: ServiceConnections;
  clock: () => Date;
  log?: OutboxLog;
  /** The undo window in ms, read at each enqueue (the agent may change it in settings); 0 sends at once. */
  undoMs?: number | (() => number);
  onTaskChange?: (view: OutboxTaskView) => void;
  retry?: BackoffPolicy;
  random?: () => number;
  /** See PipelineContext.acceptanceGraceMs. */
  acceptanceGraceMs?: number;
  witnessPollMs?: number;
  /** Tasks running at once (they share one IMAP connection and an SMTP pool per service). */
  concurrency?: number;
  connectTimeoutMs?: number;
  /** Finished tasks kept for the UI; older ones are removed from the store. */
  keepFinished?: number;
  readRawSource?: (path: string) => Promise<Buffer>;
}

export interface Outbox {
  /** Resolves once the task is durably stored. */
  enqueue(spec: OutboxTaskSpec): Promise<OutboxTaskView>;
  /** Cancels a task still inside its undo window: nothing is sent. */
  undo(taskId: string): Promise<OutboxTaskView>;
  /** A failed task, sent again as a NEW task with a new Message-ID: the agent's decision. */
  retry(taskId: string): Promise<OutboxTaskView>;
  list(): OutboxTaskView[];
  /** Loads persisted tasks and resumes them. */
  start(): Promise<void>;
  /** Stops scheduling, waits for running steps, closes connections. */
  stop(): Promise<void>;
  /** Try waiting tasks now instead of at their next backoff time. */
  kick(serviceId?: string): void;
  setOnline(serviceId: string, online: boolean): void;
  /** Resolves when no unfinished task is left (tests and benchmarks). */
  whenIdle(): Promise<void>;
}
