import type { MailMessage } from '../../../shared/domain';
import { GuichetKeyword, hasKeyword, TeamAction } from '../../../shared/keywords';
import { isServiceAddress, type ServiceIndex } from './serviceIndex';
import { sortSmall } from './sortSmall';
import type { TicketThread } from './threading';
import { normaliseMessageId } from './ticketTag';

// A thread's messages as the events a ticket's state is replayed from: customer messages (one
// per Message-ID, all its copies), transfers (Resent-* copies), and the team's answers, from
// Sent or, until Sent syncs, from the keywords on the customer's message.

/** `time` orders events; `at` is the same instant as an ISO string, computed once. */
export type Event =
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

export const iso = (time: number): string => new Date(time).toISOString();

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

/** The thread's events in time order, and how many distinct messages (Message-IDs) it holds. */
export function collectEvents(thread: TicketThread, services: ServiceIndex): { events: Event[]; messageCount: number } {
  const customerCopies = new Map<string, MailMessage[]>();
  const teamMessages = new Map<string, { message: MailMessage; time: number }>();
  const events: Event[] = [];
  // Identities of mails that are neither the customer's nor the team's record, for the count only.
  let others: Set<string> | null = null;
  let keywords = false;
  for (const message of thread.messages) {
    const identity = identityOf(message);
    const fromService = isServiceAddress(services, message.from.address);
    if (message.keywords.length > 0) keywords = true;
    if (message.folder === 'sent' || (fromService && message.stamp !== null)) {
      const known = teamMessages.get(identity);
      const time = Date.parse(message.date);
      if (!known || time < known.time) teamMessages.set(identity, { message, time });
    } else if (!fromService) {
      const copies = customerCopies.get(identity);
      if (copies) copies.push(message);
      else customerCopies.set(identity, [message]);
    } else {
      (others ??= new Set()).add(identity);
    }
  }
  customerCopies.forEach((copies, identity) => {
    // The earliest original (not a transferred copy) when there is one, else the earliest copy.
    const hasOriginal = copies.some((c) => c.resent === null);
    let first: MailMessage | undefined;
    let arrival = 0;
    for (const copy of copies) {
      if (hasOriginal && copy.resent !== null) continue;
      const time = timeOf(copy.date, 0);
      if (first === undefined || time < arrival) {
        first = copy;
        arrival = time;
      }
    }
    events.push({ kind: 'customer', time: arrival, at: isoOf((first as MailMessage).date, arrival), identity, copies });
    for (const copy of copies) {
      if (copy.resent === null) continue;
      const resentAt = Date.parse(copy.resent.date);
      // A transfer never precedes the arrival of what it transfers, whatever the clocks said.
      const time = Math.max(arrival, Number.isNaN(resentAt) ? timeOf(copy.date, 0) : resentAt);
      events.push({ kind: 'resent', time, at: iso(time), identity, copy });
    }
  });
  teamMessages.forEach(({ message }, identity) => {
    const time = timeOf(message.date, 0);
    events.push({ kind: 'team', time, at: isoOf(message.date, time), identity, message, action: teamActionOf(message), fromKeyword: false });
  });
  sortSmall(events, compareEvents);
  let messageCount = customerCopies.size;
  for (const identity of teamMessages.keys()) if (!customerCopies.has(identity)) messageCount++;
  if (others !== null) for (const identity of others) if (!customerCopies.has(identity) && !teamMessages.has(identity)) messageCount++;
  // Without a keyword anywhere, no answer can come from keywords.
  return { events: keywords ? withKeywordEvents(events) : events, messageCount };
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
