import { z } from 'zod';
import { BusinessCalendar, SlaClock, SlaPolicy } from './calendar';
import { AttachmentInfo, Language, MailAddress, MailFolder, ServerEndpoint, ServiceKind } from './domain';
import { TicketSummary } from './ticket';

// What the UI sees through the contract: views built by core, validated by host/dispatch.

export const ServiceSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: ServiceKind,
  address: z.string(),
  colour: z.string(),
  defaultLanguage: Language,
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

/** A service as the settings screen edits it; passwords travel only inward, never back out. */
export const ServiceConfig = ServiceSummary.extend({
  imap: ServerEndpoint,
  smtp: ServerEndpoint,
});
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const ServiceInput = ServiceConfig.extend({
  id: z.string().min(1).regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes').optional(),
  imapPassword: z.string().optional(),
  smtpPassword: z.string().optional(),
});
export type ServiceInput = z.infer<typeof ServiceInput>;

export const Workspace = z.object({
  demo: z.boolean(),
  agentName: z.string(),
  services: z.array(ServiceSummary),
  /** Shown when passwords are less protected than the OS keychain would keep them. */
  secretWarning: z.string().nullable(),
  /** The instant the demo's clocks are frozen at; null for a live workspace. */
  frozenNow: z.string().nullable(),
});
export type Workspace = z.infer<typeof Workspace>;

export const SerialStatus = z.enum(['verified', 'unknown', 'none']);
export type SerialStatus = z.infer<typeof SerialStatus>;

export const RoutingEvidence = z.object({ word: z.string(), weight: z.number(), favours: z.enum(['technical', 'consumer']) });

export const MisrouteHint = z.object({
  suggested: z.enum(['technical', 'consumer']),
  suggestedServiceId: z.string().nullable(),
  confidence: z.number(),
  evidence: z.array(RoutingEvidence),
});
export type MisrouteHint = z.infer<typeof MisrouteHint>;

export const FormFieldKey = z.enum(['productVersion', 'moment', 'problem', 'errorCode', 'circumstances', 'configuration', 'nature', 'lastName', 'firstName', 'address', 'serial']);
export type FormFieldKey = z.infer<typeof FormFieldKey>;

export const FormCard = z.object({
  form: z.enum(['technical', 'consumer']).nullable(),
  fields: z.partialRecord(FormFieldKey, z.string()),
  missing: z.array(FormFieldKey),
});
export type FormCard = z.infer<typeof FormCard>;

/**
 * One card of a service's queue. The summary's bookkeeping stays in core: what the clock is derived
 * from (when the customer and the team last wrote, the transfer time and source, the clock's
 * start), the claim (the card says who acts instead: actingAgent) and the message count. The desk
 * shows none of it; at 37,000 cards it was about 6 MB of its heap.
 */
export const TicketCard = TicketSummary.omit({
  tag: true, // ticketTagOf(ticketId)
  history: true, lastCustomerMessageAt: true, lastTeamMessageAt: true, transferredAt: true, clockStart: true,
  sourceServiceId: true, transferredToAddress: true, claimed: true, messageCount: true,
}).extend({
  clock: SlaClock.nullable(),
  serial: z.string().nullable(),
  serialStatus: SerialStatus,
  misroute: MisrouteHint.nullable(),
  form: FormCard,
  hasAttachments: z.boolean(),
  /** Who is acting on it right now ("Marie is sending an acknowledgement"), if anyone. */
  actingAgent: z.string().nullable(),
  lastAction: z.object({ action: z.string(), actor: z.string(), at: z.string() }).nullable(),
});
export type TicketCard = z.infer<typeof TicketCard>;

export const MessageView = z.object({
  id: z.string(),
  serviceId: z.string(),
  folder: MailFolder,
  subject: z.string(),
  from: MailAddress,
  to: z.array(MailAddress),
  receivedAt: z.string(),
  text: z.string(),
  /** Raw HTML as received; the renderer sanitizes it (DOMPurify) and shows it in a sandboxed iframe. */
  html: z.string().nullable(),
  attachments: z.array(AttachmentInfo),
  incomplete: z.boolean(),
  fromTeam: z.boolean(),
});
export type MessageView = z.infer<typeof MessageView>;

export const DeadlineExplanation = z.object({
  dueAt: z.string(),
  startedAt: z.string(),
  hours: z.number(),
  counted: z.array(z.object({ from: z.string(), to: z.string(), hours: z.number() })),
  skipped: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })),
});
export type DeadlineExplanation = z.infer<typeof DeadlineExplanation>;

export const TicketView = z.object({
  card: TicketCard,
  messages: z.array(MessageView),
  history: TicketSummary.shape.history,
  explanation: DeadlineExplanation.nullable(),
});
export type TicketView = z.infer<typeof TicketView>;

export const OutboxTaskState = z.enum(['undoWindow', 'queued', 'claiming', 'sending', 'appending', 'done', 'failed', 'cancelled', 'lostClaim']);
export const OutboxTaskView = z.object({
  id: z.string(),
  ticketId: z.string(),
  serviceId: z.string(),
  action: z.string(),
  state: OutboxTaskState,
  createdAt: z.string(),
  undoUntil: z.string().nullable(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  retryable: z.boolean(),
  messageId: z.string(),
  recipient: z.string(),
});
export type OutboxTaskView = z.infer<typeof OutboxTaskView>;

export const SyncState = z.object({
  serviceId: z.string(),
  status: z.enum(['demo', 'connected', 'syncing', 'offline', 'authFailed']),
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  since: z.string().nullable(),
  reason: z.string().nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const Settings = z.object({
  agentName: z.string(),
  uiLanguage: z.enum(['fr', 'en', 'system']),
  calendar: BusinessCalendar,
  sla: SlaPolicy,
  undoSeconds: z.number().int().min(0).max(120),
  templates: z.record(z.string(), z.record(z.string(), z.object({ subject: z.string(), text: z.string() }))),
});
export type Settings = z.infer<typeof Settings>;

export const SerialImportReport = z.object({
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
