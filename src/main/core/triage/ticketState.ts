import type { ClockStart } from '../../../shared/calendar';
import type { MailAddress, MailMessage, ServiceKind } from '../../../shared/domain';
import { GuichetKeyword, hasKeyword, TeamAction } from '../../../shared/keywords';
import type { TicketHistoryEntry, TicketState, TicketSummary } from '../../../shared/ticket';
import type { TicketThread } from './threading';
import { normaliseMessageId, stripTicketTags } from './ticketTag';

// A ticket's state, replayed from its messages in time order. The team's sent mail is the
// record; keywords are the fast path for what another desktop did before its Sent synced.

export interface ServiceRef {
  id: string;
  kind: ServiceKind;
  address: string;
}

export interface DerivedTicket extends TicketSummary {
  /** MailMessage.id of every copy in the thread. */
  messageIds: string[];
  /** The copy that carries claims: the latest customer message, preferably its copy in the owning service. */
  anchor: { id: string; serviceId: string } | null;
}

/** `time` orders events; `at` is the same instant as an ISO string, computed once. */
type Event =
  | { kind: 'customer'; time: number; at: string; identity: string; copies: MailMessage[] }
  | { kind: 'team'; time: number; at: string; identity: string; message: MailMessage; action: TeamAction; fromKeyword: boolean }
  | { kind: 'resent'; time: number; at: string; identity: string; copy: MailMessage };

const EVENT_ORDER = { customer: 0, resent: 1, team: 2 } as const;

/** How far an action moves the answer to a customer message; keywords only ever move it forward. */
const ANSWER_RANK: Record<TeamAction, number> = {
  transfer: 0, acknowledge: 1, update: 1, reopen: 1, proposal: 2, requestInfo: 2, requestSerial: 2, resolve: 3,
};

const identityOf = (m: MailMessage): string => (m.messageId === null ? `id:${m.id}` : normaliseMessageId(m.messageId));

function timeOf(iso: string, fallback: number): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? fallback : time;
}

const iso = (time: number): string => new Date(time).toISOString();

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Sync already stores canonical ISO dates; reusing them saves a toISOString per event. */
function isoOf(text: string, time: number): string {
  return CANONICAL_ISO.test(text) ? text : iso(time);
}

function compareEvents(a: Event, b: Event): number {
  return a.time - b.time || EVENT_ORDER[a.kind] - EVENT_ORDER[b.kind] || (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0);
}

const TEAM_ACTIONS: ReadonlySet<string> = new Set(TeamAction.options);

function teamActionOf(message: MailMessage): TeamAction {
  const action = message.stamp?.action.trim() ?? '';
  // Unstamped mail from a service mailbox (another client) is still news to the customer.
  return TEAM_ACTIONS.has(action) ? (action as TeamAction) : 'update';
}

/** The strongest answer keyword on copies still owned by their service (a transfer clears them). */
function keywordAction(copies: readonly MailMessage[]): TeamAction | null {
  if (copies.every((c) => c.keywords.length === 0)) return null;
  const live = copies.filter((c) => !hasKeyword(c.keywords, GuichetKeyword.transferred));
  const has = (keyword: GuichetKeyword): boolean => live.some((c) => hasKeyword(c.keywords, keyword));
  if (has(GuichetKeyword.resolved)) return 'resolve';
  if (has(GuichetKeyword.waiting)) return 'proposal';
  if (has(GuichetKeyword.acknowledged)) return 'acknowledge';
  return null;
}

function collectEvents(thread: TicketThread, isServiceAddress: (address: string) => boolean): Event[] {
  const customerCopies = new Map<string, MailMessage[]>();
  const teamMessages = new Map<string, MailMessage>();
  const events: Event[] = [];
  for (const message of thread.messages) {
    const identity = identityOf(message);
    const fromService = isServiceAddress(message.from.address);
    if (message.folder === 'sent' || (fromService && message.stamp !== null)) {
      const known = teamMessages.get(identity);
      if (!known || Date.parse(message.date) < Date.parse(known.date)) teamMessages.set(identity, message);
    } else if (!fromService) {
      const copies = customerCopies.get(identity);
      if (copies) copies.push(message);
      else customerCopies.set(identity, [message]);
    }
  }
  for (const [identity, copies] of customerCopies) {
    const originals = copies.filter((c) => c.resent === null);
    let first = (originals[0] ?? copies[0]) as MailMessage;
    for (const copy of originals.length > 0 ? originals : copies) if (timeOf(copy.date, 0) < timeOf(first.date, 0)) first = copy;
    const arrival = timeOf(first.date, 0);
    events.push({ kind: 'customer', time: arrival, at: isoOf(first.date, arrival), identity, copies });
    for (const copy of copies) {
      if (copy.resent === null) continue;
      const resentAt = timeOf(copy.resent.date, timeOf(copy.date, 0));
      // A transfer never precedes the arrival of what it transfers, whatever the clocks said.
      const time = Math.max(arrival, resentAt);
      events.push({ kind: 'resent', time, at: iso(time), identity, copy });
    }
  }
  for (const [identity, message] of teamMessages) {
    const time = timeOf(message.date, 0);
    events.push({ kind: 'team', time, at: isoOf(message.date, time), identity, message, action: teamActionOf(message), fromKeyword: false });
  }
  events.sort(compareEvents);
  return withKeywordEvents(events);
}

/** Adds, at the end of each customer message's span, the answer its keywords report but Sent does not show yet. */
function withKeywordEvents(events: Event[]): Event[] {
  const out: Event[] = [];
  const lastCustomer = events.findLastIndex((e) => e.kind === 'customer');
  let i = 0;
  while (i < events.length && events[i]?.kind !== 'customer') out.push(events[i++] as Event);
  while (i < events.length) {
    const customer = events[i] as Extract<Event, { kind: 'customer' }>;
    let end = i + 1;
    while (end < events.length && events[end]?.kind !== 'customer') end++;
    const span = events.slice(i, end);
    out.push(...span);
    const action = keywordAction(customer.copies);
    const answers = span.filter((e): e is Extract<Event, { kind: 'team' }> => e.kind === 'team');
    const lastAnswer = answers[answers.length - 1];
    const behind = action !== null &&
      (lastAnswer === undefined || (i === lastCustomer && ANSWER_RANK[action] > ANSWER_RANK[lastAnswer.action]));
    if (action !== null && behind) {
      const copy = customer.copies.find((c) => !hasKeyword(c.keywords, GuichetKeyword.transferred)) ?? (customer.copies[0] as MailMessage);
      const { time, at } = span[span.length - 1] as Event;
      out.push({ kind: 'team', time, at, identity: `${customer.identity}#keyword`, message: copy, action, fromKeyword: true });
    }
    i = end;
  }
  return out;
}

/** The service a customer message belongs to first: the first service address in To, then Cc. */
function firstOwner(copies: readonly MailMessage[], services: readonly ServiceRef[], byAddress: Map<string, ServiceRef>): string {
  const originals = copies.filter((c) => c.resent === null);
  const first = copies[0] as MailMessage;
  if (originals.length === 0) {
    // Only the transferred copy synced: the ticket started in the service that resent it.
    const source = byAddress.get(first.resent?.from.trim().toLowerCase() ?? '');
    if (source) return source.id;
  }
  const holders = new Set((originals.length > 0 ? originals : copies).map((c) => c.serviceId));
  for (const recipient of [...first.to, ...first.cc]) {
    const service = byAddress.get(recipient.address.trim().toLowerCase());
    if (service && holders.has(service.id)) return service.id;
  }
  const configured = services.find((s) => holders.has(s.id));
  return configured?.id ?? [...holders].sort()[0] ?? first.serviceId;
}

/** Replays a thread into its current state, owning service and SLA clock start. */
export function deriveTicket(thread: TicketThread, services: readonly ServiceRef[]): DerivedTicket {
  const byAddress = new Map(services.map((s) => [s.address.trim().toLowerCase(), s]));
  const byId = new Map(services.map((s) => [s.id, s]));
  const isServiceAddress = (address: string): boolean => byAddress.has(address.trim().toLowerCase());
  const resolveService = (ref: string | undefined): ServiceRef | null => {
    const key = ref?.trim() ?? '';
    return byId.get(key) ?? byAddress.get(key.toLowerCase()) ?? null;
  };
  const events = collectEvents(thread, isServiceAddress);

  const firstCustomer = events.find((e) => e.kind === 'customer');
  const firstMessage = thread.messages[0];
  let serviceId = firstCustomer ? firstOwner(firstCustomer.copies, services, byAddress) : (firstMessage?.serviceId ?? '');
  let state: TicketState = 'new';
  let clockStart: ClockStart = null;
  let sourceServiceId: string | null = null;
  let transferredToAddress: string | null = null;
  let transferredAt: string | null = null;
  let lastCustomerAt: string | null = null;
  let lastTeam: { time: number; at: string } | null = null;
  let awaitingSentSync = false;
  let latestCustomer: Extract<Event, { kind: 'customer' }> | null = null;
  const history: TicketHistoryEntry[] = [];
  const noticeTargets = new Set(events.flatMap((e) =>
    e.kind === 'team' && e.action === 'transfer' ? [resolveService(e.message.stamp?.targetService)?.id ?? ''] : []));

  const transferTo = (target: string, at: string): boolean => {
    if (target === serviceId) return false; // the same transfer seen through its notice and its copy
    sourceServiceId = serviceId;
    serviceId = target;
    transferredToAddress = null;
    transferredAt = at;
    state = 'transferred';
    clockStart = { kind: 'transfer', from: at };
    return true;
  };

  for (const event of events) {
    if (event.kind === 'customer') {
      const original = event.copies.find((c) => c.resent === null) ?? (event.copies[0] as MailMessage);
      history.push({ at: event.at, actor: 'customer', action: 'customerMessage', serviceId: original.serviceId, fromKeyword: false });
      if (latestCustomer === null && lastTeam === null) clockStart = { kind: 'firstResponse', from: event.at };
      else if (state === 'resolved') state = 'reopened';
      else if (state !== 'new' && state !== 'reopened') state = 'customerReplied';
      // A running team clock keeps its earlier start; a customer message only starts a stopped one.
      if (clockStart === null) clockStart = { kind: 'customerReplied', from: event.at };
      lastCustomerAt = event.at;
      latestCustomer = event;
    } else if (event.kind === 'resent') {
      if (transferTo(event.copy.serviceId, event.at) && !noticeTargets.has(event.copy.serviceId)) {
        const actor = event.copy.resent?.from ?? '';
        history.push({ at: event.at, actor: actor === '' ? 'team' : actor, action: 'transfer', serviceId: sourceServiceId, fromKeyword: false });
      }
    } else {
      const { message, action, time, fromKeyword } = event;
      history.push({ at: event.at, actor: message.stamp?.agent || (fromKeyword ? 'team' : message.from.address), action, serviceId: message.serviceId, fromKeyword });
      awaitingSentSync ||= fromKeyword;
      if (!fromKeyword && (lastTeam === null || time >= lastTeam.time)) lastTeam = { time, at: event.at };
      // A keyword-only answer happened at some unknown time after what we know: count from the latest known.
      const at = fromKeyword && lastTeam !== null && lastTeam.time > time ? lastTeam.at : event.at;
      switch (action) {
        case 'acknowledge':
        case 'update':
          state = 'acknowledged';
          clockStart = { kind: 'update', from: at };
          break;
        case 'reopen':
          state = 'reopened';
          clockStart = { kind: 'update', from: at };
          break;
        case 'proposal':
        case 'requestInfo':
        case 'requestSerial':
          state = 'waitingOnCustomer';
          clockStart = null;
          break;
        case 'resolve':
          state = 'resolved';
          clockStart = null;
          break;
        case 'transfer': {
          const target = resolveService(message.stamp?.targetService);
          if (target) transferTo(target.id, event.at);
          else {
            // Redirected outside the configured services: no team clock of ours runs.
            sourceServiceId = serviceId;
            transferredToAddress = message.stamp?.targetService?.trim() || null;
            transferredAt = event.at;
            state = 'transferred';
            clockStart = null;
          }
          break;
        }
      }
    }
  }

  // Keywords and claims live on the latest customer message; its copy in the owning service is the anchor.
  const liveCopies = (latestCustomer?.copies ?? []).filter((c) => !hasKeyword(c.keywords, GuichetKeyword.transferred));
  const inOwner = latestCustomer?.copies.filter((c) => c.serviceId === serviceId) ?? [];
  // Keyword-only transfer: the source desktop moved it but neither the copy nor the notice synced yet.
  if (sourceServiceId === null && inOwner.some((c) => hasKeyword(c.keywords, GuichetKeyword.transferred))) {
    sourceServiceId = serviceId;
    state = 'transferred';
    clockStart = null;
    awaitingSentSync = true;
  }
  const serviceRank = (id: string): number => (id === serviceId ? -1 : services.findIndex((s) => s.id === id) + services.length + 1);
  const anchorCopy = [...liveCopies].sort((a, b) => serviceRank(a.serviceId) - serviceRank(b.serviceId) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
  const firstCustomerMessage = firstCustomer?.copies[0];
  const customer: MailAddress = firstCustomerMessage?.from ?? firstMessage?.to[0] ?? { name: '', address: '' };

  return {
    ticketId: thread.ticketId,
    tag: thread.tag,
    serviceId,
    sourceServiceId,
    transferredToAddress,
    state,
    customer: { name: customer.name, address: customer.address },
    subject: stripTicketTags((firstCustomerMessage ?? firstMessage)?.subject ?? ''),
    language: null,
    receivedAt: firstCustomer?.at ?? events[0]?.at ?? iso(0),
    lastCustomerMessageAt: lastCustomerAt,
    lastTeamMessageAt: lastTeam?.at ?? null,
    transferredAt,
    clockStart,
    claimed: liveCopies.some((c) => hasKeyword(c.keywords, GuichetKeyword.claim)),
    awaitingSentSync,
    messageCount: new Set(thread.messages.map(identityOf)).size,
    history,
    messageIds: thread.messages.map((m) => m.id),
    anchor: anchorCopy ? { id: anchorCopy.id, serviceId: anchorCopy.serviceId } : null,
  };
}
