import { z } from 'zod';
import { Language, MailAddress, ServiceKind } from './domain';
import type { EventName, MethodName } from './contractNames';

// The one contract between the UI and core, served over Electron IPC and over the
// loopback WebSocket host. Every input and output is validated by host/dispatch.

export const ServiceSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: ServiceKind,
  address: z.string(),
  colour: z.string(),
  defaultLanguage: Language,
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const Workspace = z.object({
  demo: z.boolean(),
  agentName: z.string(),
  services: z.array(ServiceSummary),
});
export type Workspace = z.infer<typeof Workspace>;

/** What a queue card shows; grows with the triage rules. */
export const QueueCard = z.object({
  id: z.string(),
  serviceId: z.string(),
  subject: z.string(),
  from: MailAddress,
  receivedAt: z.string(),
  snippet: z.string(),
  hasAttachments: z.boolean(),
  incomplete: z.boolean(),
});
export type QueueCard = z.infer<typeof QueueCard>;

export const MessageView = QueueCard.extend({
  to: z.array(MailAddress),
  text: z.string(),
  html: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
});
export type MessageView = z.infer<typeof MessageView>;

export const SyncState = z.object({
  serviceId: z.string(),
  status: z.enum(['demo', 'connected', 'syncing', 'offline', 'authFailed']),
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  since: z.string().nullable(),
  reason: z.string().nullable(),
});
export type SyncState = z.infer<typeof SyncState>;

export const contract = {
  methods: {
    'workspace.get': { input: z.object({}).strict(), output: Workspace },
    'queue.list': {
      input: z.object({ serviceId: z.string().min(1).optional() }).strict(),
      output: z.object({ cards: z.array(QueueCard) }),
    },
    'message.get': {
      input: z.object({ id: z.string().min(1) }).strict(),
      output: MessageView,
    },
  },
  events: {
    // Incremental: what changed, never a full snapshot.
    'queue.changed': z.object({ upserted: z.array(QueueCard), removed: z.array(z.string()) }),
    'sync.state': SyncState,
  },
} as const;

export type Contract = typeof contract;
export type Methods = Contract['methods'];
export type Events = Contract['events'];
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What core implements: one async function per method, already-validated input. */
export type ContractHandlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>>;
};

/** Errors crossing the contract: a stable code and a message a person can read. */
export const ErrorCode = z.enum(['unknown_method', 'invalid_input', 'invalid_output', 'not_found', 'failed', 'unauthorized']);
export type ErrorCode = z.infer<typeof ErrorCode>;
export const ContractError = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ContractError = z.infer<typeof ContractError>;

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

// Compile-time proof that contractNames.ts lists exactly the contract's keys.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const namesMatchContract: [Same<MethodName, keyof Methods>, Same<EventName, keyof Events>] = [true, true];
