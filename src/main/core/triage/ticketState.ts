import type { ClockStart } from '../../../shared/calendar';
import type { MailAddress, MailMessage } from '../../../shared/domain';
import { GuichetKeyword, hasKeyword } from '../../../shared/keywords';
import type { TicketHistoryEntry, TicketState, TicketSummary } from '../../../shared/ticket';
import { resolveService, serviceIndex, type ServiceIndex, type ServiceRef } from './serviceIndex';
import { collectEvents, iso, type Event } from './ticketEvents';
import type { TicketThread } from './threading';
import { stripTicketTags, tagOf } from './ticketTag';

// A ticket's state, replayed from its messages in time order. The team's sent mail is the
// record; keywords are the fast path for what another desktop did before its Sent synced.

export type { ServiceRef };

export interface DerivedTicket extends TicketSummary {
  /**
   * The copy that carries claims: the latest customer message, preferably its copy in the owning
   * service. The record itself (read its id and service only), not a copy of the two: 37,000
   * tickets. Derived tickets are never serialised whole.
   */
  anchor: Pick<MailMessage, 'id' | 'serviceId'> | null;
}

/** The part of the state a transfer moves; a plain object rather than closures over locals (hot path). */
interface Ownership {
  serviceId: string;
  sourceServiceId: string | null;
  transferredToAddress: string | null;
  transferredAt: string | null;
  state: TicketState;
  clockStart: ClockStart;
}

function transferTo(owner: Ownership, target: string, at: string): boolean {
  if (target === owner.serviceId) return false; // the same transfer seen through its notice and its copy
  owner.sourceServiceId = owner.serviceId;
  owner.serviceId = target;
  owner.transferredToAddress = null;
  owner.transferredAt = at;
  owner.state = 'transferred';
  owner.clockStart = { kind: 'transfer', from: at };
  return true;
}

/** The service a customer message belongs to first: the first service address in To, then Cc. */
function firstOwner(copies: readonly MailMessage[], index: ServiceIndex): string {
  const hasOriginal = copies.some((c) => c.resent === null);
  const first = copies[0] as MailMessage;
  if (!hasOriginal) {
    // Only the transferred copy synced: the ticket started in the service that resent it.
    const source = index.byAddress.get(first.resent?.from.trim().toLowerCase() ?? '');
    if (source) return source.id;
  }
  // The services holding a copy (the originals when there are some); a ticket has a few.
  const holders: string[] = [];
  for (const c of copies) if ((!hasOriginal || c.resent === null) && !holders.includes(c.serviceId)) holders.push(c.serviceId);
  for (const recipients of [first.to, first.cc]) {
    for (const recipient of recipients) {
      const service = index.byAddress.get(recipient.address.trim().toLowerCase());
      if (service && holders.includes(service.id)) return service.id;
    }
  }
  const configured = index.services.find((s) => holders.includes(s.id));
  if (configured) return configured.id;
  // The smallest holder, as the first of a sort.
  let smallest: string | undefined;
  for (const holder of holders) if (smallest === undefined || holder < smallest) smallest = holder;
  return smallest ?? first.serviceId;
}

/**
 * The record's own address object when it holds just the name and the address: it is shared with
 * the customer's other records (store/recordCompaction.ts), where a copy per ticket cost 37,000
 * objects. Anything more (a parser's extra field) gets the plain copy a card needs.
 */
function plainAddress(address: MailAddress): MailAddress {
  return Object.keys(address).length === 2 ? address : { name: address.name, address: address.address };
}

/** Where a copy's service comes in the choice of the anchor: the owner first, then configured order. */
function serviceRank(services: readonly ServiceRef[], ownerId: string, id: string): number {
  return id === ownerId ? -1 : services.findIndex((s) => s.id === id) + services.length + 1;
}

/** The first of the copies sorted by service rank, then id (a stable sort keeps the first of equals). */
function anchorOf(copies: readonly MailMessage[], services: readonly ServiceRef[], ownerId: string): MailMessage | undefined {
  let anchor: MailMessage | undefined;
  for (const copy of copies) {
    if (anchor === undefined) anchor = copy;
    else {
      const order = serviceRank(services, ownerId, copy.serviceId) - serviceRank(services, ownerId, anchor.serviceId) ||
        (copy.id < anchor.id ? -1 : copy.id > anchor.id ? 1 : 0);
      if (order < 0) anchor = copy;
    }
  }
  return anchor;
}

/** Replays a thread into its current state, owning service and SLA clock start. */
export function deriveTicket(thread: TicketThread, services: readonly ServiceRef[]): DerivedTicket {
  const index = serviceIndex(services);
  const { events, messageCount } = collectEvents(thread, index);

  const firstCustomer = events.find((e) => e.kind === 'customer');
  const firstMessage = thread.messages[0];
  const owner: Ownership = {
    serviceId: firstCustomer ? firstOwner(firstCustomer.copies, index) : (firstMessage?.serviceId ?? ''),
    sourceServiceId: null, transferredToAddress: null, transferredAt: null, state: 'new', clockStart: null,
  };
  let lastCustomerAt: string | null = null;
  let lastTeam: { time: number; at: string } | null = null;
  let awaitingSentSync = false;
  let latestCustomer: Extract<Event, { kind: 'customer' }> | null = null;
  // At most one entry per event: sized once (a grown array keeps room for 16).
  const history: TicketHistoryEntry[] = new Array<TicketHistoryEntry>(events.length);
  let entries = 0;
  // The services a transfer notice names: their Resent copy is the same transfer, not another one.
  const noticeTargets: string[] = [];
  for (const e of events) if (e.kind === 'team' && e.action === 'transfer') noticeTargets.push(resolveService(index, e.message.stamp?.targetService)?.id ?? '');

  for (const event of events) {
    if (event.kind === 'customer') {
      const original = event.copies.find((c) => c.resent === null) ?? (event.copies[0] as MailMessage);
      history[entries++] = { at: event.at, actor: 'customer', action: 'customerMessage', serviceId: original.serviceId, fromKeyword: false };
      if (latestCustomer === null && lastTeam === null) owner.clockStart = { kind: 'firstResponse', from: event.at };
      else if (owner.state === 'resolved') owner.state = 'reopened';
      else if (owner.state !== 'new' && owner.state !== 'reopened') owner.state = 'customerReplied';
      // A running team clock keeps its earlier start; a customer message only starts a stopped one.
      if (owner.clockStart === null) owner.clockStart = { kind: 'customerReplied', from: event.at };
      lastCustomerAt = event.at;
      latestCustomer = event;
    } else if (event.kind === 'resent') {
      if (transferTo(owner, event.copy.serviceId, event.at) && !noticeTargets.includes(event.copy.serviceId)) {
        const actor = event.copy.resent?.from ?? '';
        history[entries++] = { at: event.at, actor: actor === '' ? 'team' : actor, action: 'transfer', serviceId: owner.sourceServiceId, fromKeyword: false };
      }
    } else {
      const { message, action, time, fromKeyword } = event;
      history[entries++] = { at: event.at, actor: message.stamp?.agent || (fromKeyword ? 'team' : message.from.address), action, serviceId: message.serviceId, fromKeyword };
      awaitingSentSync ||= fromKeyword;
      if (!fromKeyword && (lastTeam === null || time >= lastTeam.time)) lastTeam = { time, at: event.at };
      // A keyword-only answer happened at some unknown time after what we know: count from the latest known.
      const at = fromKeyword && lastTeam !== null && lastTeam.time > time ? lastTeam.at : event.at;
      switch (action) {
        case 'acknowledge':
        case 'update':
          owner.state = 'acknowledged';
          owner.clockStart = { kind: 'update', from: at };
          break;
        case 'reopen':
          owner.state = 'reopened';
          owner.clockStart = { kind: 'update', from: at };
          break;
        case 'proposal':
        case 'requestInfo':
        case 'requestSerial':
          owner.state = 'waitingOnCustomer';
          owner.clockStart = null;
          break;
        case 'resolve':
          owner.state = 'resolved';
          owner.clockStart = null;
          break;
        case 'transfer': {
          const target = resolveService(index, message.stamp?.targetService);
          if (target) transferTo(owner, target.id, event.at);
          else {
            // Redirected outside the configured services: no team clock of ours runs.
            owner.sourceServiceId = owner.serviceId;
            owner.transferredToAddress = message.stamp?.targetService?.trim() || null;
            owner.transferredAt = event.at;
            owner.state = 'transferred';
            owner.clockStart = null;
          }
          break;
        }
      }
    }
  }
  history.length = entries;

  // Keywords and claims live on the latest customer message; its copy in the owning service is the anchor.
  const liveCopies = (latestCustomer?.copies ?? []).filter((c) => !hasKeyword(c.keywords, GuichetKeyword.transferred));
  // Keyword-only transfer: the source desktop moved it but neither the copy nor the notice synced yet.
  if (owner.sourceServiceId === null &&
    latestCustomer?.copies.some((c) => c.serviceId === owner.serviceId && hasKeyword(c.keywords, GuichetKeyword.transferred))) {
    owner.sourceServiceId = owner.serviceId;
    owner.state = 'transferred';
    owner.clockStart = null;
    awaitingSentSync = true;
  }
  const anchorCopy = anchorOf(liveCopies, services, owner.serviceId);
  const firstCustomerMessage = firstCustomer?.copies[0];
  const customer: MailAddress = firstCustomerMessage?.from ?? firstMessage?.to[0] ?? { name: '', address: '' };

  return {
    ticketId: thread.ticketId,
    tag: tagOf(thread.ticketId),
    serviceId: owner.serviceId,
    sourceServiceId: owner.sourceServiceId,
    transferredToAddress: owner.transferredToAddress,
    state: owner.state,
    customer: plainAddress(customer),
    subject: stripTicketTags((firstCustomerMessage ?? firstMessage)?.subject ?? ''),
    language: null,
    receivedAt: firstCustomer?.at ?? events[0]?.at ?? iso(0),
    lastCustomerMessageAt: lastCustomerAt,
    lastTeamMessageAt: lastTeam?.at ?? null,
    transferredAt: owner.transferredAt,
    clockStart: owner.clockStart,
    claimed: liveCopies.some((c) => hasKeyword(c.keywords, GuichetKeyword.claim)),
    awaitingSentSync,
    messageCount,
    history,
    anchor: anchorCopy ?? null,
  };
}
