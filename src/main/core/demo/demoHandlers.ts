import type { ContractHandlers } from '../../../shared/api';
import { whyUnavailable, type TicketAction } from '../../../shared/actionRules';
import type { Settings } from '../../../shared/views';
import type { Core, CoreEvents } from '../core';
import { GuichetError } from '../errors';
import { composeReply } from '../outbox/composeReply';
import { explainDeadline } from '../sla';
import { createRoutingModel, learnRouting } from '../triage/routing';
import { parseSerialRegistryCsv, type SerialRegistry } from '../triage/serialRegistry';
import { withOverrides, type TemplateSet } from '../templates/templates';
import { MessageAnalyzer } from '../tickets/messageAnalysis';
import { TicketDesk } from '../tickets/ticketDesk';
import { deadlineExplanation, messageView, ticketView } from '../tickets/ticketViews';
import { DemoOutbox } from './demoOutbox';
import type { DemoSession } from './demoSession';

// The contract over the demo workspace: the real triage rules on the demo's mails, and
// actions that go through an undo window and then only change the demo's memory.

export interface DemoDeps {
  demo: DemoSession;
  templates: TemplateSet;
  clock: () => Date;
  events: CoreEvents;
  settings: Settings;
}

const ACTION_OF: Record<string, TicketAction> = {
  'tickets.acknowledge': 'acknowledge',
  'tickets.transferAndNotify': 'transfer',
  'tickets.sendUpdate': 'update',
  'tickets.sendProposal': 'proposal',
  'tickets.requestMissingInfo': 'requestInfo',
  'tickets.requestSerial': 'requestSerial',
  'tickets.resolve': 'resolve',
  'tickets.reopen': 'reopen',
};

export function createDemoHandlers(deps: DemoDeps): Core {
  const { demo, events } = deps;
  let settings = deps.settings;
  const startedAt = deps.clock().getTime();
  // The demo's clocks run from its frozen "now", so its deadlines look the same on every run.
  const now = (): Date => new Date(demo.frozenNow.getTime() + (deps.clock().getTime() - startedAt));
  let serials: SerialRegistry = demo.serialsCsv ? parseSerialRegistryCsv(demo.serialsCsv) : { serials: new Set() };
  let model = createRoutingModel();
  const analyzer = new MessageAnalyzer(model);
  const desk = new TicketDesk();
  const acting = new Map<string, string>();

  const rebuild = (): void => {
    const change = desk.rebuild({
      messages: demo.messages(), services: demo.services, calendar: settings.calendar, policy: settings.sla,
      serials, analyzer, now: now(), actingAgents: acting,
    });
    if (change.upserted.length > 0 || change.removed.length > 0) events.emit('tickets.changed', change);
  };
  rebuild();
  // Clocks move: refresh the cards once a minute (only changed cards are sent).
  const ticker = setInterval(rebuild, 60_000);
  ticker.unref?.();

  const outbox = new DemoOutbox(deps.clock, () => settings.undoSeconds, (task) => {
    acting.delete(task.ticketId);
    rebuild();
    events.emit('outbox.changed', { task });
  });

  const ticketOrThrow = (ticketId: string) => {
    const ticket = desk.get(ticketId);
    if (!ticket) throw new GuichetError('not_found', `No ticket ${ticketId} in this workspace.`);
    return ticket;
  };
  const serviceOrThrow = (id: string) => {
    const service = demo.services.find((s) => s.id === id);
    if (!service) throw new GuichetError('not_found', `No service "${id}" in this workspace.`);
    return service;
  };

  const act = async (method: string, input: { ticketId: string; language?: 'fr' | 'en' | undefined; targetServiceId?: string | undefined; body?: string | undefined }) => {
    const action = ACTION_OF[method] as TicketAction;
    const ticket = ticketOrThrow(input.ticketId);
    const reason = whyUnavailable(ticket.card, action, input.targetServiceId);
    if (reason) throw new GuichetError('conflict', `This action is not available now (${reason.code}).`);
    const service = serviceOrThrow(ticket.card.serviceId);
    const target = input.targetServiceId ? serviceOrThrow(input.targetServiceId) : undefined;
    const anchorId = ticket.derived.anchor?.id;
    const anchor = demo.messages().find((m) => m.id === anchorId);
    if (!anchor) throw new GuichetError('failed', 'This ticket has no customer message to answer.');
    const reply = composeReply({
      action, card: ticket.card, service, ...(target ? { target } : {}), agentName: settings.agentName,
      ...(input.language ? { language: input.language } : {}), ...(input.body ? { proposalBody: input.body } : {}),
      templates: withOverrides(deps.templates, settings.templates), calendar: settings.calendar, policy: settings.sla, now: now(),
    });
    if (action === 'transfer' && target) {
      model = learnRouting(model, { label: target.kind === 'technical' ? 'technical' : 'consumer', subject: anchor.subject, text: anchor.text, source: 'transfer', at: now().toISOString() });
      analyzer.setModel(model);
    }
    const card = ticket.card;
    const task = outbox.enqueue({
      ticketId: card.ticketId, serviceId: service.id, action, recipient: card.customer.address,
      deliver: () => demo.recordAnswer({ action, card, anchor, service, ...(target ? { target } : {}), reply, agentName: settings.agentName, at: now(), messageId: task.messageId }),
    });
    acting.set(card.ticketId, settings.agentName);
    rebuild();
    events.emit('outbox.changed', { task });
    return { task };
  };

  const handlers: ContractHandlers = {
    'workspace.get': async () => ({ demo: true, agentName: settings.agentName, services: demo.services, secretWarning: null, frozenNow: demo.frozenNow.toISOString() }),
    'tickets.list': async ({ serviceId }) => ({ tickets: desk.cards(serviceId) }),
    'tickets.get': async ({ ticketId }) => ticketView(ticketOrThrow(ticketId), demo.services, settings.calendar, settings.sla, 'en'),
    'tickets.explainDeadline': async ({ ticketId, language }) => deadlineExplanation(ticketOrThrow(ticketId), settings.calendar, settings.sla, language ?? 'en'),
    'tickets.acknowledge': (input) => act('tickets.acknowledge', input),
    'tickets.transferAndNotify': (input) => act('tickets.transferAndNotify', input),
    'tickets.sendUpdate': (input) => act('tickets.sendUpdate', input),
    'tickets.sendProposal': (input) => act('tickets.sendProposal', input),
    'tickets.requestMissingInfo': (input) => act('tickets.requestMissingInfo', input),
    'tickets.requestSerial': (input) => act('tickets.requestSerial', input),
    'tickets.resolve': (input) => act('tickets.resolve', input),
    'tickets.reopen': (input) => act('tickets.reopen', input),
    'tickets.correctRouting': async ({ ticketId, label }) => {
      const ticket = ticketOrThrow(ticketId);
      const first = ticket.thread.messages[0];
      if (first) {
        model = learnRouting(model, { label, subject: first.subject, text: first.text, source: 'correction', at: now().toISOString() });
        analyzer.setModel(model);
        rebuild();
      }
      return { ok: true };
    },
    'tickets.previewTemplate': async ({ ticketId, template, language, body }) => {
      const ticket = ticketOrThrow(ticketId);
      const action = (Object.values(ACTION_OF).find((a) => a === template) ?? 'proposal') as TicketAction;
      const reply = composeReply({
        action, card: ticket.card, service: serviceOrThrow(ticket.card.serviceId), agentName: settings.agentName,
        ...(language ? { language } : {}), ...(body ? { proposalBody: body } : {}),
        templates: withOverrides(deps.templates, settings.templates), calendar: settings.calendar, policy: settings.sla, now: now(),
      });
      return { subject: reply.subject, text: reply.text, language: reply.language };
    },
    'outbox.list': async () => ({ tasks: outbox.list() }),
    'outbox.undo': async ({ taskId }) => {
      const task = outbox.undo(taskId);
      if (!task) throw new GuichetError('not_found', `No task ${taskId} in the outbox.`);
      return { task };
    },
    'outbox.retry': async ({ taskId }) => {
      const task = outbox.get(taskId);
      if (!task) throw new GuichetError('not_found', `No task ${taskId} in the outbox.`);
      return { task };
    },
    'message.get': async ({ id }) => {
      const message = demo.messages().find((m) => m.id === id);
      if (!message) throw new GuichetError('not_found', `No message ${id} in this workspace.`);
      return messageView(message, demo.services);
    },
    'services.list': async () => ({ services: [] }),
    'services.add': async () => { throw new GuichetError('unavailable', 'Adding a service is not available yet in this build.'); },
    'services.edit': async () => { throw new GuichetError('unavailable', 'The demo services cannot be edited.'); },
    'services.test': async () => { throw new GuichetError('unavailable', 'Testing a service is not available yet in this build.'); },
    'services.remove': async () => { throw new GuichetError('unavailable', 'The demo services cannot be removed.'); },
    'settings.get': async () => settings,
    'settings.update': async (patch) => {
      settings = { ...settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      rebuild();
      return settings;
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
    'serials.import': async ({ csv }) => {
      const parsed = parseSerialRegistryCsv(csv);
      serials = parsed;
      rebuild();
      return parsed.report;
    },
  };
  return {
    handlers,
    close: async () => {
      clearInterval(ticker);
      outbox.close();
    },
  };
}
