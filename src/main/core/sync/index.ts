export { createServiceSync, type ImapEndpoint, type ServiceSync, type ServiceSyncOptions, type ServiceSyncState, type SyncStatus, type SyncTimers } from './serviceSync';
export type { FolderSyncState, SyncChange, SyncedMessage, SyncFolder, SyncTarget } from './syncTarget';
export { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
