import type { BusinessCalendar, SlaPolicy } from '../../../shared/calendar';
import type { MailMessage } from '../../../shared/domain';
import type { ServiceSummary, TicketCard } from '../../../shared/views';
import { computeClock } from '../sla';
import { misrouteHint } from '../triage/routing';
import { verifySerial, type SerialRegistry } from '../triage/serialRegistry';
import { threadTickets, type TicketThread } from '../triage/threading';
import { deriveTicket, type DerivedTicket } from '../triage/ticketState';
import type { MessageAnalyzer } from './messageAnalysis';

// The queues: every ticket of every service as the cards the UI shows. A function of the
// messages, the calendar, the registry and `now` only, so every desktop builds the same board.

export interface BoardInput {
  messages: readonly MailMessage[];
  services: readonly ServiceSummary[];
  calendar: BusinessCalendar;
  policy: SlaPolicy;
  serials: SerialRegistry;
  analyzer: MessageAnalyzer;
  now: Date;
  /** Agents sending on a ticket right now, from the local outbox or another desktop's claim. */
  actingAgents?: ReadonlyMap<string, string>;
}

export interface BoardTicket {
  thread: TicketThread;
  derived: DerivedTicket;
  card: TicketCard;
}

function snippetOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}

function isFromTeam(message: MailMessage, serviceAddresses: ReadonlySet<string>): boolean {
  return message.folder === 'sent' || serviceAddresses.has(message.from.address.toLowerCase());
}

export function buildCard(thread: TicketThread, derived: DerivedTicket, input: BoardInput, serviceAddresses: ReadonlySet<string>): TicketCard {
  const customerMessages = thread.messages.filter((m) => !isFromTeam(m, serviceAddresses));
  const first = customerMessages[0] ?? thread.messages[0];
  const latest = customerMessages[customerMessages.length - 1] ?? first;
  const analysis = first ? input.analyzer.analyse(first) : null;
  const form = analysis?.form ?? null;
  // A serial may come in a later mail (the answer to "please send your serial").
  const serial = form?.serial ?? customerMessages.map((m) => input.analyzer.analyse(m).form.serial).find((s) => s !== null) ?? null;
  const owner = input.services.find((s) => s.id === derived.serviceId);
  const hint = analysis && owner && derived.state !== 'resolved' ? misrouteHint(analysis.routing, owner.kind) : null;
  const lastTeam = [...derived.history].reverse().find((h) => h.action !== 'customerMessage') ?? null;
  const { history: _history, messageIds: _ids, anchor: _anchor, ...summary } = derived;
  return {
    ...summary,
    language: form?.lang ?? null,
    clock: computeClock(input.calendar, input.policy, derived.clockStart, input.now),
    serial,
    serialStatus: verifySerial(input.serials, serial),
    misroute: hint
      ? { ...hint, suggestedServiceId: input.services.find((s) => s.kind === hint.suggested)?.id ?? null }
      : null,
    form: { form: form?.form ?? null, fields: form?.fields ?? {}, missing: form?.missing ?? [] },
    snippet: snippetOf(latest?.text ?? ''),
    hasAttachments: thread.messages.some((m) => m.attachments.length > 0),
    actingAgent: input.actingAgents?.get(derived.ticketId) ?? (derived.claimed ? 'another agent' : null),
    lastAction: lastTeam ? { action: lastTeam.action, actor: lastTeam.actor, at: lastTeam.at } : null,
  };
}

export function buildBoard(input: BoardInput): Map<string, BoardTicket> {
  const serviceAddresses = new Set(input.services.map((s) => s.address.toLowerCase()));
  const refs = input.services.map((s) => ({ id: s.id, kind: s.kind, address: s.address }));
  const board = new Map<string, BoardTicket>();
  for (const thread of threadTickets(input.messages)) {
    const derived = deriveTicket(thread, refs);
    board.set(derived.ticketId, { thread, derived, card: buildCard(thread, derived, input, serviceAddresses) });
  }
  return board;
}
