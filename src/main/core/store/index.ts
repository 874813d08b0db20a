/**
 * The local store: a cache of the shared IMAP mailboxes (for offline review) plus the outbox.
 *
 * ONLY THE STORE WRITES THE DISK. Every other part of Guichet reads and changes persisted state
 * through this module, so every write goes through one crash-safe path (temp file, fsync,
 * rename, directory fsync) and every read through one validation that sets a bad file aside.
 *
 * Layout (schema v2) under the store directory:
 *   meta.json                         { schemaVersion }
 *   settings.json, services.json, outbox.json, routing-examples.json
 *   sync/<serviceId>.json             per folder: uidValidity, highestModseq, uidNext, lastSyncAt
 *   messages/<serviceId>/<YYYY-MM>/<bb>.json  message metadata per service and month, in 16
 *                                     buckets of the message id (v1 had one file per month)
 *   bodies/<serviceId>/<2 chars>/<id>.eml raw sources
 */
export { openStore, type OpenStoreOptions, type Store } from './openStore';
export { DurableJsonAdapter, type DurableJsonAdapterOptions } from './durableJsonAdapter';
export { MIGRATIONS, StoreVersionError, type Migration, type MigrationContext, type MigrationOutcome } from './migrations';
export { MAX_ROUTING_EXAMPLES } from './documents';
export type { MessagePatch } from './messageStore';
export { MESSAGE_BUCKETS, messageBucketOf, monthOf } from './layout';
export {
  CURRENT_SCHEMA_VERSION,
  FolderSyncState,
  OutboxTaskRecord,
  RoutingExample,
  ServiceSyncState,
  Settings,
  StoredMessage,
  StoredService,
} from './schemas';
