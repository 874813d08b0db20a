import type { BusinessCalendar, SlaClock, SlaPolicy } from '../../../shared/calendar';
import type { MailMessage } from '../../../shared/domain';
import type { ServiceSummary, TicketCard } from '../../../shared/views';
import { clockAt, computeClock } from '../sla';
import { EVIDENCE_LEFT_OUT, misrouteHint } from '../triage/routing';
import { verifySerial, type SerialRegistry } from '../triage/serialRegistry';
import { threadTickets, type TicketThread } from '../triage/threading';
import { deriveTicket, type DerivedTicket } from '../triage/ticketState';
import type { MessageAnalysis, MessageAnalyzer } from './messageAnalysis';
import type { FormReading } from '../triage/readForm';

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
  /**
   * How many mails this build may read synchronously. Beyond it, a card is built from what is
   * already known and the mails left are listed in `deferred`, to be read off the critical path
   * (a cold start of a large workspace). Unlimited by default.
   */
  analysisBudget?: number;
  /** Filled with the mails whose reading was deferred (see analysisBudget). */
  deferred?: MailMessage[];
}

/** Counts the synchronous readings of one build against its budget. */
interface AnalysisSession {
  left: number;
}

/**
 * A ticket of the board: its mails, its card, and the one fact of its derived state the card
 * does not carry (a claim made on another desktop). The rest of the derived state is not kept:
 * 37,000 of them were about 9 MB of the host's heap, and what needs one (the ticket view, an
 * action) derives its one ticket again from the thread.
 */
export interface BoardTicket {
  thread: TicketThread;
  card: TicketCard;
  claimed: boolean;
}

/** Most tickets are free text: their cards share one frozen empty form (never mutated: cards are replaced). */
const NO_FORM: TicketCard['form'] = Object.freeze({ form: null, fields: Object.freeze({}), missing: Object.freeze([]) as never[] });

function cardForm(reading: FormReading | null): TicketCard['form'] {
  if (reading === null || (reading.form === null && reading.missing.length === 0 && Object.keys(reading.fields).length === 0)) return NO_FORM;
  return { form: reading.form, fields: reading.fields, missing: reading.missing };
}

function isFromTeam(message: MailMessage, serviceAddresses: ReadonlySet<string>): boolean {
  return message.folder === 'sent' || serviceAddresses.has(message.from.address.toLowerCase());
}

/** The analysis of a mail now, or null when it is not known and the budget is spent (then listed in `deferred`). */
function analysisOf(message: MailMessage, input: BoardInput, session: AnalysisSession): MessageAnalysis | null {
  const known = input.analyzer.peek(message);
  if (known) return known;
  if (session.left <= 0) {
    input.deferred?.push(message);
    return null;
  }
  session.left--;
  return input.analyzer.analyse(message);
}

function formOf(message: MailMessage, input: BoardInput, session: AnalysisSession): FormReading | null {
  const known = input.analyzer.peekForm(message);
  if (known) return known;
  if (session.left <= 0) {
    input.deferred?.push(message);
    return null;
  }
  session.left--;
  return input.analyzer.form(message);
}

export function buildCard(
  thread: TicketThread, derived: DerivedTicket, input: BoardInput, serviceAddresses: ReadonlySet<string>, session: AnalysisSession = { left: Infinity },
): { card: TicketCard; complete: boolean } {
  const customerMessages = thread.messages.filter((m) => !isFromTeam(m, serviceAddresses));
  const first = customerMessages[0] ?? thread.messages[0];
  const deferredBefore = input.deferred?.length ?? 0;
  let complete = true;
  const analysis = first ? analysisOf(first, input, session) : null;
  if (first && !analysis) complete = false;
  const form = analysis?.form ?? null;
  // A serial may come in a later mail (the answer to "please send your serial").
  let serial = form?.serial ?? null;
  if (serial === null) {
    for (const m of customerMessages) {
      const reading = formOf(m, input, session);
      if (!reading) complete = false;
      else if (reading.serial !== null) {
        serial = reading.serial;
        break;
      }
    }
  }
  if ((input.deferred?.length ?? 0) > deferredBefore) complete = false;
  const owner = input.services.find((s) => s.id === derived.serviceId);
  let hint = analysis && owner && derived.state !== 'resolved' ? misrouteHint(analysis.routing, owner.kind) : null;
  // The mail's words were left out (it agreed with the service it came to); the ticket has moved since.
  if (hint && first && analysis?.routing.evidence === EVIDENCE_LEFT_OUT) hint = { ...hint, evidence: input.analyzer.evidence(first) };
  let lastTeam: DerivedTicket['history'][number] | null = null;
  for (let i = derived.history.length - 1; i >= 0 && lastTeam === null; i--) {
    const entry = derived.history[i];
    if (entry !== undefined && entry.action !== 'customerMessage') lastTeam = entry;
  }
  // Written out field by field rather than spread from `derived`: 37,000 cards are built at a
  // cold start, and rest/spread copies cost time and make larger objects than a literal.
  // The field order is the cards' JSON order: keep it in step with withClock.
  return {
    complete,
    card: {
      ticketId: derived.ticketId,
      serviceId: derived.serviceId,
      state: derived.state,
      customer: derived.customer,
      subject: derived.subject,
      language: form?.lang ?? null,
      receivedAt: derived.receivedAt,
      awaitingSentSync: derived.awaitingSentSync,
      serial,
      serialStatus: verifySerial(input.serials, serial),
      misroute: hint
        ? { ...hint, suggestedServiceId: input.services.find((s) => s.kind === hint.suggested)?.id ?? null }
        : null,
      form: cardForm(form),
      hasAttachments: thread.messages.some((m) => m.attachments.length > 0),
      clock: computeClock(input.calendar, input.policy, derived.clockStart, input.now),
      actingAgent: actingAgentOf(derived.ticketId, derived.claimed, input),
      lastAction: lastTeam ? { action: lastTeam.action, actor: lastTeam.actor, at: lastTeam.at } : null,
    },
  };
}

function actingAgentOf(ticketId: string, claimed: boolean, input: BoardInput): string | null {
  return input.actingAgents?.get(ticketId) ?? (claimed ? 'another agent' : null);
}

function sameClock(a: SlaClock | null, b: SlaClock | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.dueAt === b.dueAt &&
    a.remainingBusinessHours === b.remainingBusinessHours && a.status === b.status);
}

/**
 * The card of an unchanged thread at this build's `now` and outbox: the very same object when
 * neither its clock nor its acting agent moved. The card was built with the same calendar and
 * policy (TicketDesk checks), so its deadline stands and only the time left is counted again.
 * A card has no clock exactly when its ticket has no clock start (computeClock), so the start
 * itself need not be kept.
 */
export function refreshCard(card: TicketCard, claimed: boolean, input: BoardInput): TicketCard {
  const clock = card.clock === null ? null
    : clockAt(input.calendar, input.policy, card.clock.kind, Date.parse(card.clock.dueAt), card.clock.dueAt, input.now);
  const actingAgent = actingAgentOf(card.ticketId, claimed, input);
  if (sameClock(card.clock, clock) && card.actingAgent === actingAgent) return card;
  return withClock(card, clock, actingAgent);
}

function withClock(card: TicketCard, clock: SlaClock | null, actingAgent: string | null): TicketCard {
  return {
    ticketId: card.ticketId,
    serviceId: card.serviceId,
    state: card.state,
    customer: card.customer,
    subject: card.subject,
    language: card.language,
    receivedAt: card.receivedAt,
    awaitingSentSync: card.awaitingSentSync,
    serial: card.serial,
    serialStatus: card.serialStatus,
    misroute: card.misroute,
    form: card.form,
    hasAttachments: card.hasAttachments,
    clock,
    actingAgent,
    lastAction: card.lastAction,
  };
}

export function boardContext(input: BoardInput): { serviceAddresses: Set<string>; refs: Array<{ id: string; kind: ServiceSummary['kind']; address: string }> } {
  return {
    serviceAddresses: new Set(input.services.map((s) => s.address.toLowerCase())),
    refs: input.services.map((s) => ({ id: s.id, kind: s.kind, address: s.address })),
  };
}

/** The whole board from scratch (TicketDesk reuses what did not change; this is the reference). */
export function buildBoard(input: BoardInput): Map<string, BoardTicket> {
  const { serviceAddresses, refs } = boardContext(input);
  const session: AnalysisSession = { left: input.analysisBudget ?? Infinity };
  const board = new Map<string, BoardTicket>();
  for (const thread of threadTickets(input.messages)) {
    const derived = deriveTicket(thread, refs);
    board.set(derived.ticketId, { thread, card: buildCard(thread, derived, input, serviceAddresses, session).card, claimed: derived.claimed });
  }
  return board;
}

export type { AnalysisSession };
