import type { MailMessage } from '../../../shared/domain';
import { DisjointSets } from './disjointSets';
import { sortSmall } from './sortSmall';
import { findTicketTags, normaliseMessageId, stripTicketTags, ticketIdFor } from './ticketTag';

// Groups messages into tickets. Pure and order-independent: the same messages give the same
// tickets on every desktop, whatever order sync delivered them in.

/** A ticket's mails. Its `[GX-…]` tag is tagOf(ticketId), written when needed (37,000 threads). */
export interface TicketThread {
  ticketId: string;
  /** Message-ID of the earliest message, or its stable id when it has no Message-ID. */
  rootMessageId: string;
  /** Every copy (both INBOXes, transferred copies, Sent), oldest first. */
  messages: MailMessage[];
}

/** A customer writing again on the same subject within this window continues the same ticket. */
export const SUBJECT_THREADING_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

const REPLY_PREFIX =
  /^\s*(?:(?:re|fwd?|tr|r[ée]f\.?|aw|wg|sv|rv|vs|antw|r[ée]p)\s*(?:\[\d+\]|\(\d+\))?\s*:|\[[^\]]*\])\s*/iu;

/** `RE : TR: Réf. : Jeu planté [GX-7K2M9Q]` → `jeu plante`; '' when nothing meaningful is left. */
export function normaliseSubject(subject: string): string {
  let rest = stripTicketTags(subject);
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(REPLY_PREFIX, '');
  }
  return rest
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Prepared {
  message: MailMessage;
  /** Normalised Message-ID, or `id:<stable id>` when the message has none. */
  identity: string;
  time: number;
  refs: string[];
  /** The ticket id of its X-Guichet-Ticket stamp, when valid. */
  stamp: string | null;
  /** Union-find nodes of its identity and of each reference (set in step 1). */
  node: number;
  refNodes: number[];
  /** The id it gives its ticket as the root, computed once (mails without references). */
  rootTicketId: string | null;
}

function timeOf(message: MailMessage): number {
  const time = Date.parse(message.date);
  return Number.isNaN(time) ? 0 : time;
}

function compareChronologically(a: Prepared, b: Prepared): number {
  return a.time - b.time || compareText(a.identity, b.identity) || compareText(a.message.id, b.message.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NO_REFS: string[] = [];
const NO_REFS_NODES: number[] = [];

const STAMPED_ID = /^GX-[0-9A-Z]{6}$/;

function stampedTicketId(message: MailMessage): string | null {
  if (!message.stamp) return null;
  const ticket = message.stamp.ticket.trim().toUpperCase();
  return STAMPED_ID.test(ticket) ? ticket : null;
}

/** `refs` with one more normalised reference, unless it is '', the message's own id, or already there. */
function withRef(refs: string[], raw: string, identity: string): string[] {
  const ref = normaliseMessageId(raw);
  if (ref === '' || ref === identity || refs.includes(ref)) return refs;
  if (refs === NO_REFS) return [ref];
  refs.push(ref);
  return refs;
}

/** References then In-Reply-To, normalised, first occurrence kept (as a Set would). */
function prepare(message: MailMessage): Prepared {
  const identity = message.messageId === null ? `id:${message.id}` : normaliseMessageId(message.messageId);
  let refs = NO_REFS;
  for (const ref of message.references) refs = withRef(refs, ref, identity);
  if (message.inReplyTo !== null) refs = withRef(refs, message.inReplyTo, identity);
  return { message, identity, time: timeOf(message), refs, stamp: stampedTicketId(message), node: -1, refNodes: NO_REFS_NODES, rootTicketId: null };
}

/** A ticket keeps the id it was first stamped with, so tags already sent stay valid. */
function ticketIdOf(sorted: Prepared[]): { ticketId: string; rootMessageId: string } {
  const root = sorted[0];
  const rootMessageId = root === undefined ? '' : (root.message.messageId ?? root.identity);
  for (const item of sorted) if (item.stamp !== null) return { ticketId: item.stamp, rootMessageId };
  return { ticketId: root?.rootTicketId ?? ticketIdFor(rootMessageId), rootMessageId };
}

/**
 * Threads messages into tickets, in this order of evidence:
 * 1. the same Message-ID (copies in both INBOXes, transferred copies) and References/In-Reply-To;
 * 2. the X-Guichet-Ticket stamp on the team's mail, and the `[GX-…]` tag in an unlinked subject;
 * 3. for a message still alone: the same normalised subject from the same customer, at most
 *    14 days after that customer's previous message on it (or before the next, for the first).
 */
export function threadTickets(messages: readonly MailMessage[]): TicketThread[] {
  // Plain loops, arrays by node and few closures: this runs over every cached mail at a cold start.
  const items = messages.map(prepare);
  const count = items.length;
  const sets = new DisjointSets();
  for (let i = 0; i < count; i++) sets.add();

  // Step 1: identity and references, one node per Message-ID. A key shared by two identities links them.
  const keyNodes = new Map<string, number>();
  /** By key node - count: the one identity seen under that key, null once two share it. */
  const keyIdentity: Array<string | null> = [];
  const keyNode = (key: string, identity: string): number => {
    let node = keyNodes.get(key);
    if (node === undefined) {
      node = sets.add();
      keyNodes.set(key, node);
      keyIdentity.push(identity);
    } else {
      const seen = keyIdentity[node - count];
      if (seen !== null && seen !== identity) keyIdentity[node - count] = null;
    }
    return node;
  };
  for (let i = 0; i < count; i++) {
    const item = items[i] as Prepared;
    item.node = keyNode(item.identity, item.identity);
    sets.union(i, item.node);
    if (item.refs.length === 0) continue;
    item.refNodes = item.refs.map((key) => keyNode(key, item.identity));
    for (const node of item.refNodes) sets.union(i, node);
  }
  const shared = (node: number): boolean => keyIdentity[node - count] === null;
  const linkedByReference = (item: Prepared): boolean => shared(item.node) || item.refNodes.some(shared);

  // Step 2: Guichet's own stamps are authoritative; subject tags count only on unlinked mail.
  const rootsByTicketId = new Map<string, number[]>();
  const tagLinks: Array<{ index: number; ticketId: string }> = [];
  const stampedComponents = new Set<number>();
  for (let i = 0; i < count; i++) {
    const item = items[i] as Prepared;
    if (item.refs.length === 0) {
      const id = ticketIdFor(item.message.messageId ?? item.identity);
      item.rootTicketId = id;
      const roots = rootsByTicketId.get(id);
      if (roots) roots.push(i);
      else rootsByTicketId.set(id, [i]);
    }
    if (item.stamp !== null) {
      tagLinks.push({ index: i, ticketId: item.stamp });
      stampedComponents.add(sets.find(i));
    }
    if (!linkedByReference(item)) {
      for (const tagged of findTicketTags(item.message.subject)) tagLinks.push({ index: i, ticketId: tagged });
    }
  }
  // Decided before any tag union, so the result does not depend on the order of links.
  const rootIsStamped: boolean[] = [];
  for (let i = 0; i < count; i++) rootIsStamped.push(stampedComponents.has(sets.find(i)));
  const ticketIdNodes = new Map<string, number>();
  for (const link of tagLinks) {
    let node = ticketIdNodes.get(link.ticketId);
    if (node === undefined) {
      node = sets.add();
      ticketIdNodes.set(link.ticketId, node);
    }
    sets.union(link.index, node);
    // A root whose ticket is already stamped keeps its own id: protects against id collisions.
    for (const root of rootsByTicketId.get(link.ticketId) ?? []) {
      if (!rootIsStamped[root]) sets.union(link.index, root);
    }
  }

  joinBySubject(items, sets);
  return collect(items, sets);
}

/**
 * Step 3: a customer writing again without replying, on the same subject, within 14 days. Only
 * mails still alone count (their component holds one identity); the partition does not depend
 * on the order of the unions.
 */
function joinBySubject(items: Prepared[], sets: DisjointSets): void {
  const count = items.length;
  /** By component root: its one identity, null once it holds two. */
  const componentIdentity = filled<string | null | undefined>(sets.count, undefined);
  for (let i = 0; i < count; i++) {
    const component = sets.find(i);
    const seen = componentIdentity[component];
    const identity = (items[i] as Prepared).identity;
    if (seen === undefined) componentIdentity[component] = identity;
    else if (seen !== null && seen !== identity) componentIdentity[component] = null;
  }
  const alone: boolean[] = [];
  for (let i = 0; i < count; i++) alone.push(componentIdentity[sets.find(i)] !== null);
  // Per customer, then normalised subject: the earliest copy of each message (one identity each).
  // Most runs hold one mail: a bare index until a second message comes. Subjects repeat: normalise each once.
  const subjects = new Map<string, string>();
  const runs = new Map<string, Map<string, number | number[]>>();
  const isEarlier = (i: number, j: number): boolean => compareChronologically(items[i] as Prepared, items[j] as Prepared) < 0;
  for (let i = 0; i < count; i++) {
    const item = items[i] as Prepared;
    if (item.message.folder === 'sent') continue;
    let subject = subjects.get(item.message.subject);
    if (subject === undefined) {
      subject = normaliseSubject(item.message.subject);
      subjects.set(item.message.subject, subject);
    }
    const customer = item.message.from.address.trim().toLowerCase();
    if (subject === '' || customer === '') continue;
    let bySubject = runs.get(customer);
    if (!bySubject) {
      bySubject = new Map();
      runs.set(customer, bySubject);
    }
    const run = bySubject.get(subject);
    if (run === undefined) bySubject.set(subject, i);
    else if (typeof run === 'number') {
      if ((items[run] as Prepared).identity !== item.identity) bySubject.set(subject, [run, i]);
      else if (isEarlier(i, run)) bySubject.set(subject, i);
    } else {
      const k = run.findIndex((j) => (items[j] as Prepared).identity === item.identity);
      if (k === -1) run.push(i);
      else if (isEarlier(i, run[k] as number)) run[k] = i;
    }
  }
  const byTime = (a: number, b: number): number => compareChronologically(items[a] as Prepared, items[b] as Prepared);
  const within = (earlier: number | undefined, later: number | undefined): boolean =>
    earlier !== undefined && later !== undefined &&
    (items[later] as Prepared).time - (items[earlier] as Prepared).time <= SUBJECT_THREADING_WINDOW_MS;
  for (const bySubject of runs.values()) for (const run of bySubject.values()) {
    if (typeof run === 'number') continue; // nobody to join
    const ordered = sortSmall(run, byTime);
    for (let k = 0; k < ordered.length; k++) {
      const index = ordered[k] as number;
      if (!alone[index]) continue;
      // Join the previous message on this subject; the first one of a run joins the next instead.
      const previous = ordered[k - 1];
      const next = ordered[k + 1];
      if (within(previous, index)) sets.union(index, previous as number);
      else if (within(index, next)) sets.union(index, next as number);
    }
  }
}

/** An array of n values, grown by push: `new Array(n)` of 100,000 or more is a slow dictionary. */
function filled<T>(n: number, value: T): T[] {
  const values: T[] = [];
  for (let i = 0; i < n; i++) values.push(value);
  return values;
}

function collect(items: Prepared[], sets: DisjointSets): TicketThread[] {
  // Components in order of their first mail, each with its mails in that order.
  const groupOf = filled<Prepared[] | undefined>(sets.count, undefined);
  const groups: Prepared[][] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Prepared;
    const component = sets.find(i);
    const group = groupOf[component];
    if (group) group.push(item);
    else {
      const created = [item];
      groupOf[component] = created;
      groups.push(created);
    }
  }
  const threads: Array<{ thread: TicketThread; firstTime: number }> = [];
  for (const group of groups) {
    sortSmall(group, compareChronologically);
    const { ticketId, rootMessageId } = ticketIdOf(group);
    const messages = new Array<MailMessage>(group.length);
    for (let k = 0; k < group.length; k++) messages[k] = (group[k] as Prepared).message;
    threads.push({ thread: { ticketId, rootMessageId, messages }, firstTime: group[0]?.time ?? 0 });
  }
  threads.sort((a, b) => a.firstTime - b.firstTime || compareText(a.thread.rootMessageId, b.thread.rootMessageId) || compareText(a.thread.ticketId, b.thread.ticketId));
  return threads.map((t) => t.thread);
}
