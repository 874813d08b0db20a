import type { BackoffPolicy } from './backoff';
import type { SyncChange, SyncFolder, SyncTarget } from './syncTarget';

// The public face of one service's sync engine (createServiceSync in serviceSync.ts).

export interface ImapEndpoint {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  /** PEM of a private CA (self-signed test servers). */
  ca?: string;
}

export type SyncStatus = 'connected' | 'syncing' | 'offline' | 'authFailed';

export interface ServiceSyncState {
  status: SyncStatus;
  /** Metadata fetched / to fetch during a session's first pass; null otherwise. */
  progress: { done: number; total: number } | null;
  /** Offline (or refused) since, ISO. */
  since: string | null;
  /** The server's or the network's words when offline or refused. */
  reason: string | null;
  /** Body prefetch of the window: stored / to store, null before the first prefetch. */
  bodies: { done: number; total: number } | null;
}

/** The engine's timers, injectable so tests drive time. */
export interface SyncTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ServiceSyncOptions {
  serviceId: string;
  imap: ImapEndpoint;
  target: SyncTarget;
  clock?: () => Date;
  timers?: SyncTimers;
  random?: () => number;
  log?: (line: string) => void;
  bodyWindowDays?: number;
  backoff?: BackoffPolicy;
  /** How often Sent and Archive are checked (INBOX is watched by IDLE). */
  pollIntervalMs?: number;
  /** Metadata rows per FETCH. */
  batchSize?: number;
  /** Turn extensions off to exercise the fallbacks against a server that has them. */
  extensions?: { condstore?: boolean; qresync?: boolean };
  onState?: (state: ServiceSyncState) => void;
  onChange?: (change: SyncChange) => void;
}

export interface ServiceSync {
  start(): void;
  stop(): Promise<void>;
  /** The raw source, fetched now (and stored in the target). Rejects while offline. */
  fetchBody(folder: SyncFolder, uid: number): Promise<Buffer>;
  state(): ServiceSyncState;
  /** New credentials after a refusal: the only thing that makes an authFailed engine try again. */
  updateCredentials(credentials: { user?: string; password: string }): void;
  /** Re-lists the folders and resyncs them all now. */
  syncNow(): Promise<void>;
  /** Resolves once connected with nothing left to do (first pass and body prefetch finished). */
  whenIdle(): Promise<void>;
}
