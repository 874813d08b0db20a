import type { MailMessage } from '../../../shared/domain';
import type { TicketCard } from '../../../shared/views';
import { threadTickets, type TicketThread } from '../triage/threading';
import { deriveTicket } from '../triage/ticketState';
import { boardContext, buildCard, refreshCard, type AnalysisSession, type BoardInput, type BoardTicket } from './ticketBoard';

export interface BoardChange {
  upserted: TicketCard[];
  removed: string[];
}

/** A ticket of the board, flat (one object per ticket, not a wrapper around one: 37,000 of them). */
interface Entry extends BoardTicket {
  /** False while some of its mails' readings were deferred: rebuilt on the next pass. */
  complete: boolean;
}

/** Records are replaced, never mutated: the same objects in the same order mean the same thread. */
function sameMessages(a: readonly MailMessage[], b: readonly MailMessage[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Holds the current board and says what changed between two builds, so the UI gets
 * incremental events rather than snapshots. Threads are grouped afresh on each build, but a
 * ticket whose messages are the very same records as last time keeps its card; only its clock (time) and acting agent (outbox) are recomputed. Anything else that cards
 * depend on (services, calendar, SLA policy, serial registry, routing model) changing makes a
 * full rebuild.
 */
export class TicketDesk {
  private entries = new Map<string, Entry>();
  private contextKey: string | null = null;
  private ticketByMessage: Map<string, string> | null = null;
  /** Mails whose reading the last build deferred (see BoardInput.analysisBudget). */
  deferred: MailMessage[] = [];
  /** The messages of the last threading (a copy: the demo edits its array in place) and its threads. */
  private threaded: { messages: MailMessage[]; threads: TicketThread[] } | null = null;
  /** The threads of the last build when it left every card complete, one per ticket id. */
  private settled: TicketThread[] | null = null;

  /**
   * Threading is a pure function of the messages: a rebuild with the very same records in the
   * same order (the minute tick, an outbox change, the end of a deferred reading) reuses the
   * last grouping instead of threading 50,000 mails again (about 1.5 s).
   */
  private threadsOf(messages: readonly MailMessage[]): TicketThread[] {
    if (this.threaded !== null && sameMessages(this.threaded.messages, messages)) return this.threaded.threads;
    const threads = threadTickets(messages);
    this.threaded = { messages: messages.slice(), threads };
    return threads;
  }

  rebuild(input: BoardInput, options: { full?: boolean } = {}): BoardChange {
    const key = contextKeyOf(input);
    const reuse = !options.full && key === this.contextKey;
    this.contextKey = key;
    const threads = this.threadsOf(input.messages);
    if (reuse && threads === this.settled) return this.refreshClocks(input);
    const { serviceAddresses, refs } = boardContext(input);
    const deferred: MailMessage[] = [];
    const withDeferred: BoardInput = { ...input, deferred };
    const session: AnalysisSession = { left: input.analysisBudget ?? Infinity };
    const next = new Map<string, Entry>();
    // Cards refreshed from the previous one: a new object always differs from it (clock or agent).
    const refreshed = new Set<TicketCard>();
    let incomplete = 0;
    for (const thread of threads) {
      const previous = reuse ? this.entries.get(thread.ticketId) : undefined;
      const sameThread = previous !== undefined && sameMessages(previous.thread.messages, thread.messages);
      if (previous?.complete && sameThread) {
        const { card, claimed } = previous;
        const fresh = refreshCard(card, claimed, input);
        if (fresh !== card) refreshed.add(fresh);
        next.set(thread.ticketId, fresh === card && thread === previous.thread ? previous : { thread, card: fresh, claimed, complete: true });
        continue;
      }
      const derived = deriveTicket(thread, refs);
      const { card, complete } = buildCard(thread, derived, withDeferred, serviceAddresses, session);
      if (!complete) incomplete++;
      next.set(derived.ticketId, { thread, card, claimed: derived.claimed, complete });
    }
    const upserted: TicketCard[] = [];
    next.forEach((entry, id) => {
      const before = this.entries.get(id)?.card;
      const card = entry.card;
      if (before === card) return;
      if (before !== undefined && !refreshed.has(card) && JSON.stringify(before) === JSON.stringify(card)) {
        // Rebuilt to the same content: keep the old object, so the next comparison is by identity.
        entry.card = before;
        return;
      }
      upserted.push(card);
    });
    const removed = [...this.entries.keys()].filter((id) => !next.has(id));
    this.entries = next;
    this.settled = incomplete === 0 && next.size === threads.length ? threads : null;
    this.ticketByMessage = null;
    this.deferred = deferred;
    if (input.deferred) input.deferred.push(...deferred);
    return { upserted, removed };
  }

  /**
   * The same threads, all complete, in the same context: only time and the outbox moved (the
   * minute tick). What the full pass would do, without rebuilding the map of 37,000 entries.
   */
  private refreshClocks(input: BoardInput): BoardChange {
    const upserted: TicketCard[] = [];
    for (const [id, entry] of this.entries) {
      const { thread, card, claimed } = entry;
      const fresh = refreshCard(card, claimed, input);
      if (fresh === card) continue;
      this.entries.set(id, { thread, card: fresh, claimed, complete: true });
      upserted.push(fresh);
    }
    this.deferred = [];
    return { upserted, removed: [] };
  }

  cards(serviceId?: string): TicketCard[] {
    const all: TicketCard[] = [];
    for (const entry of this.entries.values()) if (serviceId === undefined || entry.card.serviceId === serviceId) all.push(entry.card);
    return all;
  }

  get(ticketId: string): BoardTicket | undefined {
    return this.entries.get(ticketId);
  }

  /** The ticket a message belongs to (for a message the sync just delivered). */
  ticketOfMessage(messageId: string): BoardTicket | undefined {
    if (this.ticketByMessage === null) {
      this.ticketByMessage = new Map();
      for (const [id, entry] of this.entries) for (const m of entry.thread.messages) if (!this.ticketByMessage.has(m.id)) this.ticketByMessage.set(m.id, id);
    }
    const ticketId = this.ticketByMessage.get(messageId);
    return ticketId === undefined ? undefined : this.get(ticketId);
  }
}

/** What every card depends on besides its own messages, time and the outbox. */
const registryIds = new WeakMap<object, number>();
let nextRegistryId = 1;
function contextKeyOf(input: BoardInput): string {
  let registry = registryIds.get(input.serials);
  if (registry === undefined) {
    registry = nextRegistryId++;
    registryIds.set(input.serials, registry);
  }
  return JSON.stringify([input.services, input.calendar, input.policy, registry, input.analyzer.modelKey]);
}
