import type { ContractHandlers } from '../../../shared/api';
import { whyUnavailable, type TicketAction } from '../../../shared/actionRules';
import type { CoreEvents } from '../core';
import { GuichetError } from '../errors';
import { composeReply } from '../outbox/composeReply';
import { explainDeadline } from '../sla';
import { createRoutingModel, learnRouting, type RoutingExample, type RoutingLabel } from '../triage/routing';
import { parseSerialRegistryCsv } from '../triage/serialRegistry';
import { deriveTicket } from '../triage/ticketState';
import { withOverrides, type TemplateSet } from '../templates/templates';
import { MAX_ROUTING_EXAMPLES } from '../store/documents';
import { MessageAnalyzer, routingModelKey } from '../tickets/messageAnalysis';
import { QueuePages } from '../tickets/queuePages';
import { TicketDesk } from '../tickets/ticketDesk';
import { createSnapshotSaver } from './snapshotSaver';
import { deadlineExplanation, messageView, ticketView } from '../tickets/ticketViews';
import { readAttachment } from './readAttachment';
import type { WorkspaceBackend } from './workspaceBackend';

// The contract over one workspace (demo or live): the triage rules on its messages, and
// actions handed to its outbox.

const ACTION_OF = {
  'tickets.acknowledge': 'acknowledge',
  'tickets.transferAndNotify': 'transfer',
  'tickets.sendUpdate': 'update',
  'tickets.sendProposal': 'proposal',
  'tickets.requestMissingInfo': 'requestInfo',
  'tickets.requestSerial': 'requestSerial',
  'tickets.resolve': 'resolve',
  'tickets.reopen': 'reopen',
} as const satisfies Record<string, TicketAction>;

/** Mails a build may read synchronously in a live workspace before deferring the rest. */
const ANALYSIS_BUDGET = 300;
/** One background slice of reading: short enough to keep calls answered. */
const ANALYSIS_SLICE_MS = 15;

type ActionMethod = keyof typeof ACTION_OF;
type ActionInput = { ticketId: string; language?: 'fr' | 'en' | undefined; targetServiceId?: string | undefined; body?: string | undefined };

export interface WorkspaceHandlers {
  handlers: ContractHandlers;
  /** Re-derive the board now (after new mail, a keyword change, or time passing). */
  refresh(): void;
  close(): Promise<void>;
}

export function createWorkspaceHandlers(backend: WorkspaceBackend, templates: TemplateSet, events: CoreEvents): WorkspaceHandlers {
  let model = backend.routingExamples().reduce((m, e) => learnRouting(m, e), createRoutingModel());
  // Each service's kind, read once per build (refresh): the analyzer asks for it per mail, and
  // backend.services() copies the store's list on every call (0.8 s of a 50,000-message start).
  let serviceKinds = new Map<string, string>();
  const analyzer = new MessageAnalyzer(model, {
    cache: backend.analysisCache ?? null,
    modelKey: routingModelKey(backend.routingExamples()),
    kindOf: (serviceId) => serviceKinds.get(serviceId),
  });
  const desk = new TicketDesk();
  const pages = new QueuePages();
  const settings = () => backend.settings();
  let closed = false;
  /** The first build is what tickets.list answers; only later builds are sent as changes. */
  let built = false;
  const workspace = () => ({
    demo: backend.demo, agentName: settings().agentName, services: backend.services(),
    secretWarning: backend.secretWarning, frozenNow: backend.frozenNow?.toISOString() ?? null,
  });
  const snapshots = createSnapshotSaver(backend.deskSnapshotDir ?? null, { workspace, settings, now: () => backend.now(), cards: (serviceId) => desk.cards(serviceId) });

  // Reading a mail (form, language, routing) costs about a millisecond: a large live workspace
  // whose readings are not cached yet shows its cards first and reads the rest in the background.
  const analysisBudget = backend.demo ? Infinity : ANALYSIS_BUDGET;
  let analysing = false;
  const analyseDeferred = (): void => {
    const queue = desk.deferred;
    if (analysing || closed || queue.length === 0) return;
    analysing = true;
    let next = 0;
    const step = (): void => {
      if (closed) return;
      const until = performance.now() + ANALYSIS_SLICE_MS;
      while (next < queue.length && performance.now() < until) {
        const message = queue[next++];
        if (message) analyzer.analyse(message);
      }
      if (next < queue.length) {
        setTimeout(step, 0);
        return;
      }
      analysing = false;
      refresh();
    };
    setTimeout(step, 0);
  };

  const refresh = (): void => {
    if (closed) return;
    const services = backend.services();
    serviceKinds = new Map(services.map((s) => [s.id, s.kind]));
    const change = desk.rebuild({
      messages: backend.messages(), services, calendar: settings().calendar, policy: settings().sla,
      serials: backend.serialRegistry(), analyzer, now: backend.now(), actingAgents: backend.actingAgents(), analysisBudget,
    });
    const changed = change.upserted.length > 0 || change.removed.length > 0;
    if (built && changed) events.emit('tickets.changed', change);
    if (!built || changed) snapshots.schedule();
    built = true;
    analyseDeferred();
  };
  refresh();
  // Clocks move with time: refresh once a minute (only the cards that changed are sent).
  const ticker = setInterval(refresh, 60_000);
  ticker.unref?.();

  const learn = async (example: RoutingExample): Promise<void> => {
    model = learnRouting(model, example);
    // Named as the stored examples will name it after a restart (a mismatch only costs a re-read).
    const key = routingModelKey([...backend.routingExamples(), example].slice(-MAX_ROUTING_EXAMPLES));
    analyzer.setModel(model, key === analyzer.modelKey ? `${key}+` : key);
    await backend.addRoutingExample(example);
  };
  const ticketOrThrow = (ticketId: string) => {
    const ticket = desk.get(ticketId);
    if (!ticket) throw new GuichetError('not_found', `No ticket ${ticketId} in this workspace.`);
    return ticket;
  };
  const serviceOrThrow = (id: string) => {
    const service = backend.services().find((s) => s.id === id);
    if (!service) throw new GuichetError('not_found', `No service "${id}" in this workspace.`);
    return service;
  };
  const kindLabel = (kind: string): RoutingLabel => (kind === 'technical' ? 'technical' : 'consumer');

  const act = async (method: ActionMethod, input: ActionInput) => {
    const action = ACTION_OF[method];
    const ticket = ticketOrThrow(input.ticketId);
    const reason = whyUnavailable(ticket.card, action, input.targetServiceId);
    if (reason) throw new GuichetError('conflict', `This action is not available now (${reason.code}).`);
    const service = serviceOrThrow(ticket.card.serviceId);
    const target = input.targetServiceId ? serviceOrThrow(input.targetServiceId) : undefined;
    if (action === 'transfer' && !target) throw new GuichetError('invalid_input', 'A transfer needs a target service.');
    // The board keeps no derived state (BoardTicket): the one ticket acted on is derived again.
    // Its anchor is one of the thread's own records: found there, not among every message.
    const anchorRecord = deriveTicket(ticket.thread, backend.services()).anchor;
    const anchor = ticket.thread.messages.find((m) => m === anchorRecord);
    if (!anchor) throw new GuichetError('failed', 'This ticket has no customer message to answer.');
    const reply = composeReply({
      action, card: ticket.card, service, ...(target ? { target } : {}), agentName: settings().agentName,
      ...(input.language ? { language: input.language } : {}), ...(input.body ? { proposalBody: input.body } : {}),
      templates: withOverrides(templates, settings().templates), calendar: settings().calendar, policy: settings().sla, now: backend.now(),
    });
    const serviceAddresses = new Set(backend.services().map((s) => s.address.toLowerCase()));
    const knownAnswers = ticket.thread.messages
      .filter((m) => (m.folder === 'sent' || serviceAddresses.has(m.from.address.toLowerCase())) && m.messageId !== null)
      .map((m) => m.messageId as string);
    const task = await backend.perform({ action, card: ticket.card, anchor, service, ...(target ? { target } : {}), reply, agentName: settings().agentName, knownAnswers });
    // Every transfer, and every acknowledgement without one, is a labelled routing example.
    if (action === 'transfer' && target) await learn({ label: kindLabel(target.kind), subject: anchor.subject, text: anchor.text, source: 'transfer', at: backend.now().toISOString() });
    if (action === 'acknowledge' && service.kind !== 'other') await learn({ label: kindLabel(service.kind), subject: anchor.subject, text: anchor.text, source: 'acknowledged', at: backend.now().toISOString() });
    refresh();
    events.emit('outbox.changed', { task });
    return { task };
  };

  const actionHandlers = Object.fromEntries(
    (Object.keys(ACTION_OF) as ActionMethod[]).map((method) => [method, (input: ActionInput) => act(method, input)]),
  ) as unknown as Pick<ContractHandlers, ActionMethod>;

  const handlers: ContractHandlers = {
    ...actionHandlers,
    ...backend.serviceHandlers,
    'workspace.get': async () => workspace(),
    'tickets.list': async (input) => pages.answer(input, () => desk.cards(input.serviceId)),
    'tickets.get': async ({ ticketId }) => {
      const ticket = ticketOrThrow(ticketId);
      const view = ticketView(ticket, backend.services(), settings().calendar, settings().sla, 'en');
      const full = await Promise.all(ticket.thread.messages.map((m) => backend.readMessage(m)));
      const byId = new Map(full.map((m) => [m.id, messageView(m, backend.services())]));
      return { ...view, messages: view.messages.map((m) => byId.get(m.id) ?? m) };
    },
    'tickets.explainDeadline': async ({ ticketId, language }) =>
      deadlineExplanation(deriveTicket(ticketOrThrow(ticketId).thread, backend.services()).clockStart, settings().calendar, settings().sla, language ?? 'en'),
    'tickets.correctRouting': async ({ ticketId, label }) => {
      const first = ticketOrThrow(ticketId).thread.messages[0];
      if (first) await learn({ label, subject: first.subject, text: first.text, source: 'correction', at: backend.now().toISOString() });
      refresh();
      return { ok: true };
    },
    'tickets.previewTemplate': async ({ ticketId, template, language, body, targetServiceId }) => {
      const ticket = ticketOrThrow(ticketId);
      const target = targetServiceId ? serviceOrThrow(targetServiceId) : undefined;
      const reply = composeReply({
        action: template, card: ticket.card, service: serviceOrThrow(ticket.card.serviceId), ...(target ? { target } : {}), agentName: settings().agentName,
        ...(language ? { language } : {}), ...(body ? { proposalBody: body } : {}),
        templates: withOverrides(templates, settings().templates), calendar: settings().calendar, policy: settings().sla, now: backend.now(),
      });
      return { subject: reply.subject, text: reply.text, language: reply.language };
    },
    'outbox.list': async () => ({ tasks: backend.tasks() }),
    'outbox.undo': async ({ taskId }) => {
      const task = await backend.undo(taskId);
      if (!task) throw new GuichetError('not_found', `No task ${taskId} in the outbox.`);
      refresh();
      return { task };
    },
    'outbox.retry': async ({ taskId }) => {
      const task = await backend.retry(taskId);
      if (!task) throw new GuichetError('not_found', `No task ${taskId} in the outbox.`);
      return { task };
    },
    'message.get': async ({ id }) => {
      const message = backend.messages().find((m) => m.id === id);
      if (!message) throw new GuichetError('not_found', `No message ${id} in this workspace.`);
      return messageView(await backend.readMessage(message), backend.services());
    },
    'message.attachment': async ({ id, index }) => {
      const message = backend.messages().find((m) => m.id === id);
      if (!message) throw new GuichetError('not_found', `No message ${id} in this workspace.`);
      const raw = await backend.rawSource(message);
      if (!raw) throw new GuichetError('unavailable', 'This mail is not on this computer and its service cannot be reached now.');
      return readAttachment(raw, message, index);
    },
    'settings.get': async () => settings(),
    'settings.update': async (patch) => {
      const next = await backend.updateSettings(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)));
      refresh();
      return next;
    },
    'calendar.preview': async ({ calendar, from, hours, language }) => {
      const start = new Date(from);
      if (Number.isNaN(start.getTime())) throw new GuichetError('invalid_input', `"${from}" is not a date.`);
      const explained = explainDeadline(calendar, start, hours, language ?? 'en');
      return {
        dueAt: explained.dueAt.toISOString(), startedAt: start.toISOString(), hours,
        counted: explained.counted.map((c) => ({ from: c.from.toISOString(), to: c.to.toISOString(), hours: c.hours })),
        skipped: explained.skipped.map((s) => ({ from: s.from.toISOString(), to: s.to.toISOString(), reason: s.reason })),
      };
    },
    'templates.defaults': async () => ({ fr: templates.fr, en: templates.en }),
    'sync.states': async () => ({ states: backend.syncStates() }),
    'serials.summary': async () => ({ count: backend.serialRegistry().serials.size, importedAt: backend.serialRegistryImportedAt() }),
    'serials.import': async ({ csv }) => {
      const parsed = parseSerialRegistryCsv(csv);
      await backend.saveSerialRegistry(csv, parsed);
      refresh();
      return parsed.report;
    },
  };
  return {
    handlers,
    refresh,
    close: async () => {
      closed = true;
      clearInterval(ticker);
      await snapshots.close();
      await backend.close();
    },
  };
}
