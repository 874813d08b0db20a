/**
 * The local store: a cache of the shared IMAP mailboxes (for offline review) plus the outbox.
 *
 * ONLY THE STORE WRITES THE DISK. Every other part of Guichet reads and changes persisted state
 * through this module, so every write goes through one crash-safe path (temp file, fsync,
 * rename, directory fsync) and every read through one validation that sets a bad file aside.
 *
 * Layout (schema v1) under the store directory:
 *   meta.json                         { schemaVersion }
 *   settings.json, services.json, outbox.json, routing-examples.json
 *   sync/<serviceId>.json             per folder: uidValidity, highestModseq, uidNext, lastSyncAt
 *   messages/<serviceId>/<YYYY-MM>.json   message metadata, one shard per service and month
 *   bodies/<serviceId>/<2 chars>/<id>.eml raw sources
 */
export { openStore, type OpenStoreOptions, type Store } from './openStore';
export { DurableJsonAdapter, type DurableJsonAdapterOptions } from './durableJsonAdapter';
export { MIGRATIONS, StoreVersionError, type Migration, type MigrationOutcome } from './migrations';
export { MAX_ROUTING_EXAMPLES } from './documents';
export type { MessagePatch } from './messageStore';
export { monthOf } from './layout';
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
