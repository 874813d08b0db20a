import { z } from 'zod';
import { TICKET_ACTIONS } from './actionRules';
import { BusinessCalendar } from './calendar';
import type { EventName, MethodName } from './contractNames';
import {
  DeadlineExplanation,
  MessageView,
  OutboxTaskView,
  SerialImportReport,
  ServiceConfig,
  ServiceInput,
  Settings,
  SyncState,
  TicketCard,
  TicketView,
  Workspace,
} from './views';

export * from './views';

// The one contract between the UI and core, served over Electron IPC and over the
// loopback WebSocket host. Every input and output is validated by host/dispatch.

const TicketRef = z.object({ ticketId: z.string().min(1) }).strict();
const ActionInput = z.object({
  ticketId: z.string().min(1),
  /** Overrides the detected customer language for this one mail. */
  language: z.enum(['fr', 'en']).optional(),
}).strict();
const ActionOutput = z.object({ task: OutboxTaskView });
const empty = z.object({}).strict();
const TemplateTexts = z.record(z.string(), z.object({ subject: z.string(), text: z.string() }));
const ok = z.object({ ok: z.literal(true) });

export const contract = {
  methods: {
    'workspace.get': { input: empty, output: Workspace },
    /**
     * A queue, most urgent first (shared/queueOrder.ts). Without `limit`, every card. With it, one
     * page: `cursor` names the list as it was at the first page, so the next pages of a large
     * workspace read the same order (changes since arrive as tickets.changed). `provisional`: the
     * cards were saved by the last session and core is still loading (a full list follows).
     */
    'tickets.list': {
      input: z.object({
        serviceId: z.string().min(1).optional(),
        offset: z.number().int().nonnegative().optional(),
        limit: z.number().int().positive().max(10_000).optional(),
        cursor: z.string().min(1).optional(),
      }).strict(),
      output: z.object({ tickets: z.array(TicketCard), total: z.number().int().nonnegative(), cursor: z.string().nullable(), provisional: z.boolean() }),
    },
    'tickets.get': { input: TicketRef, output: TicketView },
    'tickets.explainDeadline': {
      input: TicketRef.extend({ language: z.enum(['fr', 'en']).optional() }).strict(),
      output: DeadlineExplanation.nullable(),
    },
    'tickets.acknowledge': { input: ActionInput, output: ActionOutput },
    'tickets.transferAndNotify': { input: ActionInput.extend({ targetServiceId: z.string().min(1) }).strict(), output: ActionOutput },
    'tickets.sendUpdate': { input: ActionInput, output: ActionOutput },
    'tickets.sendProposal': { input: ActionInput.extend({ body: z.string().min(1, 'the proposal is empty') }).strict(), output: ActionOutput },
    'tickets.requestMissingInfo': { input: ActionInput, output: ActionOutput },
    'tickets.requestSerial': { input: ActionInput, output: ActionOutput },
    'tickets.resolve': { input: ActionInput, output: ActionOutput },
    'tickets.reopen': { input: ActionInput, output: ActionOutput },
    'tickets.correctRouting': {
      input: TicketRef.extend({ label: z.enum(['technical', 'consumer']) }).strict(),
      output: ok,
    },
    'tickets.previewTemplate': {
      // The action whose mail to preview: an unknown name is refused, not previewed as something else.
      input: ActionInput.extend({ template: z.enum(TICKET_ACTIONS), body: z.string().optional(), targetServiceId: z.string().min(1).optional() }).strict(),
      output: z.object({ subject: z.string(), text: z.string(), language: z.enum(['fr', 'en']) }),
    },
    'outbox.list': { input: empty, output: z.object({ tasks: z.array(OutboxTaskView) }) },
    'outbox.undo': { input: z.object({ taskId: z.string().min(1) }).strict(), output: z.object({ task: OutboxTaskView }) },
    'outbox.retry': { input: z.object({ taskId: z.string().min(1) }).strict(), output: z.object({ task: OutboxTaskView }) },
    'message.get': { input: z.object({ id: z.string().min(1) }).strict(), output: MessageView },
    /** One attachment's bytes, for the agent to save; never opened by Guichet. */
    'message.attachment': {
      input: z.object({ id: z.string().min(1), index: z.number().int().nonnegative() }).strict(),
      output: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
    },
    'services.list': { input: empty, output: z.object({ services: z.array(ServiceConfig) }) },
    'services.add': { input: ServiceInput, output: ServiceConfig },
    'services.edit': { input: ServiceInput.extend({ id: z.string().min(1) }), output: ServiceConfig },
    'services.test': {
      input: ServiceInput,
      output: z.object({
        imap: z.object({ ok: z.boolean(), message: z.string(), capabilities: z.array(z.string()) }),
        smtp: z.object({ ok: z.boolean(), message: z.string() }),
      }),
    },
    'services.remove': { input: z.object({ id: z.string().min(1) }).strict(), output: ok },
    'settings.get': { input: empty, output: Settings },
    'settings.update': { input: Settings.partial().strict(), output: Settings },
    'calendar.preview': {
      input: z.object({ calendar: BusinessCalendar, from: z.string().min(1), hours: z.number().positive().max(1000), language: z.enum(['fr', 'en']).optional() }).strict(),
      output: DeadlineExplanation,
    },
    'serials.import': { input: z.object({ csv: z.string().max(50_000_000) }).strict(), output: SerialImportReport },
    /** The registry in use: how many serials, imported when (null: never imported here). */
    'serials.summary': { input: empty, output: z.object({ count: z.number().int().nonnegative(), importedAt: z.string().nullable() }) },
    /** Each service's sync state now: a window opened after a service connected has had no sync.state event. */
    'sync.states': { input: empty, output: z.object({ states: z.array(SyncState) }) },
    /** The built-in reply templates, per language and template name (settings hold only the edits). */
    'templates.defaults': { input: empty, output: z.object({ fr: TemplateTexts, en: TemplateTexts }) },
  },
  events: {
    // Incremental: what changed, never a full snapshot.
    'tickets.changed': z.object({ upserted: z.array(TicketCard), removed: z.array(z.string()) }),
    'sync.state': SyncState,
    'outbox.changed': z.object({ task: OutboxTaskView }),
    /** Something the agent should know now: a lost claim, a permanent send failure, a deadline. */
    'notice': z.object({
      level: z.enum(['info', 'warning', 'error']),
      code: z.string(),
      message: z.string(),
      ticketId: z.string().nullable(),
    }),
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
export const ErrorCode = z.enum(['unknown_method', 'invalid_input', 'invalid_output', 'not_found', 'failed', 'unauthorized', 'conflict', 'unavailable']);
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
