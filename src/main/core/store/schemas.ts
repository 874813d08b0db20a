import { z } from 'zod';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICY } from '../../../shared/calendar';
import { Settings as SharedSettings } from '../../../shared/views';
import { MailFolder, MailMessage, ServerEndpoint, ServiceMailbox } from '../../../shared/domain';

export const CURRENT_SCHEMA_VERSION = 2;

export const StoreMeta = z.object({ schemaVersion: z.number().int().nonnegative() });
export type StoreMeta = z.infer<typeof StoreMeta>;

/** IMAP MODSEQ values are 63-bit: kept as decimal strings so no precision is lost. */
export const Modseq = z.string().regex(/^\d+$/);

/** A message as cached locally: the triage view plus what sync needs to stay incremental. */
export const StoredMessage = MailMessage.extend({
  uids: z.partialRecord(MailFolder, z.number().int().positive()),
  modseq: Modseq,
  flags: z.array(z.string()), // system flags (\Seen, \Answered…); custom keywords are in `keywords`
  size: z.number().int().nonnegative(),
  internalDate: z.string(),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

/** Strict at every level: a password or token anywhere is refused, so none can reach the disk. */
export const StoredService = z.strictObject({
  ...ServiceMailbox.shape,
  imap: z.strictObject(ServerEndpoint.shape),
  smtp: z.strictObject(ServerEndpoint.shape),
});
export type StoredService = z.infer<typeof StoredService>;

/** The agent's settings: the same shape the contract shows (src/shared/views.ts). */
export const Settings = SharedSettings;
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  agentName: '',
  uiLanguage: 'system',
  calendar: DEFAULT_CALENDAR,
  sla: DEFAULT_SLA_POLICY,
  undoSeconds: 10,
  templates: {},
};

/** Outbox tasks are owned by outbox/: the store only requires an id and JSON-safe fields. */
export const OutboxTaskRecord = z.object({ id: z.string().min(1) }).catchall(z.json());
export type OutboxTaskRecord = z.infer<typeof OutboxTaskRecord>;

/** A routing decision of the team (transfer, acknowledgement, correction): what the classifier learns from. */
export const RoutingExample = z.object({
  label: z.enum(['technical', 'consumer']),
  subject: z.string(),
  text: z.string(),
  formFields: z.record(z.string(), z.string()).optional(),
  source: z.enum(['transfer', 'acknowledged', 'correction']),
  at: z.string(),
});
export type RoutingExample = z.infer<typeof RoutingExample>;

export const FolderSyncState = z.object({
  uidValidity: z.number().int().nonnegative(),
  highestModseq: Modseq,
  uidNext: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
});
export type FolderSyncState = z.infer<typeof FolderSyncState>;

/** Keyed by folder (the server path or MailFolder, as sync/ chooses). */
export const ServiceSyncState = z.record(z.string(), FolderSyncState);
export type ServiceSyncState = z.infer<typeof ServiceSyncState>;

// File shapes. Each carries a `kind` so a file put in the wrong place is refused, not misread.

export const SettingsFile = z.object({ kind: z.literal('settings'), settings: Settings });
export const ServicesFile = z.object({ kind: z.literal('services'), services: z.array(StoredService) });
export const OutboxFile = z.object({ kind: z.literal('outbox'), tasks: z.array(OutboxTaskRecord) });
export const RoutingExamplesFile = z.object({ kind: z.literal('routing-examples'), examples: z.array(RoutingExample) });
/** The imported serial registry, kept as the team's CSV so the import report can be redone. */
export const SerialRegistryFile = z.object({ kind: z.literal('serial-registry'), csv: z.string(), importedAt: z.string().nullable() });
export const SyncStateFile = z.object({ kind: z.literal('sync-state'), serviceId: z.string(), folders: ServiceSyncState });
/** One bucket of a month's messages (schema v2: messages/<service>/<month>/<bucket>.json). */
export const MessageShardFile = z.object({
  kind: z.literal('messages'),
  serviceId: z.string(),
  month: z.string(),
  bucket: z.number().int().nonnegative(),
  records: z.array(StoredMessage),
});
export type MessageShardFile = z.infer<typeof MessageShardFile>;
/** A whole month of messages (schema v1: messages/<service>/<month>.json), read only by the migration. */
export const MessageMonthFileV1 = MessageShardFile.omit({ bucket: true });
export type SettingsFile = z.infer<typeof SettingsFile>;
export type ServicesFile = z.infer<typeof ServicesFile>;
export type OutboxFile = z.infer<typeof OutboxFile>;
export type RoutingExamplesFile = z.infer<typeof RoutingExamplesFile>;
export type SyncStateFile = z.infer<typeof SyncStateFile>;
