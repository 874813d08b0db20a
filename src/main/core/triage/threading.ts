import type { MailMessage } from '../../../shared/domain';
import { findTicketTags, normaliseMessageId, stripTicketTags, tagOf, ticketIdFor } from './ticketTag';

// Groups messages into tickets. Pure and order-independent: the same messages give the same
// tickets on every desktop, whatever order sync delivered them in.

export interface TicketThread {
  ticketId: string;
  /** `[GX-XXXXXX]` */
  tag: string;
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

/** Union-find over dense integer nodes, with path halving and union by size. */
class DisjointSets {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];

  add(): number {
    const node = this.parent.length;
    this.parent.push(node);
    this.size.push(1);
    return node;
  }

  find(node: number): number {
    let current = node;
    for (;;) {
      const parent = this.parent[current] ?? current;
      if (parent === current) return current;
      const grandparent = this.parent[parent] ?? parent;
      this.parent[current] = grandparent;
      current = grandparent;
    }
  }

  union(a: number, b: number): void {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return;
    if ((this.size[rootA] ?? 1) < (this.size[rootB] ?? 1)) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA] = (this.size[rootA] ?? 1) + (this.size[rootB] ?? 1);
  }
}

interface Prepared {
  message: MailMessage;
  /** Normalised Message-ID, or `id:<stable id>` when the message has none. */
  identity: string;
  time: number;
  refs: string[];
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

function prepare(message: MailMessage): Prepared {
  const refs = new Set<string>();
  for (const ref of message.references) refs.add(normaliseMessageId(ref));
  if (message.inReplyTo !== null) refs.add(normaliseMessageId(message.inReplyTo));
  const identity = message.messageId === null ? `id:${message.id}` : normaliseMessageId(message.messageId);
  refs.delete(identity);
  refs.delete('');
  return { message, identity, time: timeOf(message), refs: [...refs] };
}

function stampedTicketId(message: MailMessage): string | null {
  const ticket = message.stamp?.ticket.trim().toUpperCase() ?? '';
  return /^GX-[0-9A-Z]{6}$/.test(ticket) ? ticket : null;
}

/** A ticket keeps the id it was first stamped with, so tags already sent stay valid. */
function ticketIdOf(sorted: Prepared[]): { ticketId: string; rootMessageId: string } {
  const root = sorted[0];
  const rootMessageId = root === undefined ? '' : (root.message.messageId ?? root.identity);
  for (const item of sorted) {
    const stamped = stampedTicketId(item.message);
    if (stamped !== null) return { ticketId: stamped, rootMessageId };
  }
  return { ticketId: ticketIdFor(rootMessageId), rootMessageId };
}

/**
 * Threads messages into tickets, in this order of evidence:
 * 1. the same Message-ID (copies in both INBOXes, transferred copies) and References/In-Reply-To;
 * 2. the X-Guichet-Ticket stamp on the team's mail, and the `[GX-…]` tag in an unlinked subject;
 * 3. for a message still alone: the same normalised subject from the same customer, at most
 *    14 days after that customer's previous message on it (or before the next, for the first).
 */
export function threadTickets(messages: readonly MailMessage[]): TicketThread[] {
  const items = messages.map(prepare);
  const sets = new DisjointSets();
  for (let i = 0; i < items.length; i++) sets.add();
  // Message-IDs and ticket ids live in separate maps so neither needs a prefix string.
  const messageIdNodes = new Map<string, number>();
  const ticketIdNodes = new Map<string, number>();
  const nodeFor = (keys: Map<string, number>, key: string): number => {
    let node = keys.get(key);
    if (node === undefined) {
      node = sets.add();
      keys.set(key, node);
    }
    return node;
  };

  // Step 1: identity and references. A key shared by two identities links them.
  const identitiesByKey = new Map<string, string | null>(); // null once two identities share it
  items.forEach((item, i) => {
    for (const key of [item.identity, ...item.refs]) {
      sets.union(i, nodeFor(messageIdNodes, key));
      const seen = identitiesByKey.get(key);
      if (seen === undefined) identitiesByKey.set(key, item.identity);
      else if (seen !== null && seen !== item.identity) identitiesByKey.set(key, null);
    }
  });
  const linkedByReference = items.map((item) =>
    [item.identity, ...item.refs].some((key) => identitiesByKey.get(key) === null),
  );

  // Step 2: Guichet's own stamps are authoritative; subject tags count only on unlinked mail.
  const rootsByTicketId = new Map<string, number[]>();
  items.forEach((item, i) => {
    if (item.refs.length > 0) return;
    const id = ticketIdFor(item.message.messageId ?? item.identity);
    const roots = rootsByTicketId.get(id);
    if (roots) roots.push(i);
    else rootsByTicketId.set(id, [i]);
  });
  const tagLinks: Array<{ index: number; ticketId: string }> = [];
  items.forEach((item, i) => {
    const stamped = stampedTicketId(item.message);
    if (stamped !== null) tagLinks.push({ index: i, ticketId: stamped });
    if (!linkedByReference[i]) {
      for (const tagged of findTicketTags(item.message.subject)) tagLinks.push({ index: i, ticketId: tagged });
    }
  });
  const stampedComponents = new Set<number>();
  items.forEach((item, i) => {
    if (stampedTicketId(item.message) !== null) stampedComponents.add(sets.find(i));
  });
  // Decided before any tag union, so the result does not depend on the order of links.
  const rootIsStamped = items.map((_, i) => stampedComponents.has(sets.find(i)));
  for (const link of tagLinks) {
    sets.union(link.index, nodeFor(ticketIdNodes, link.ticketId));
    // A root whose ticket is already stamped keeps its own id: protects against id collisions.
    for (const root of rootsByTicketId.get(link.ticketId) ?? []) {
      if (!rootIsStamped[root]) sets.union(link.index, root);
    }
  }

  // Step 3: a customer writing again without replying, on the same subject, within 14 days.
  const identitiesByComponent = new Map<number, string | null>();
  items.forEach((item, i) => {
    const component = sets.find(i);
    const seen = identitiesByComponent.get(component);
    if (seen === undefined) identitiesByComponent.set(component, item.identity);
    else if (seen !== null && seen !== item.identity) identitiesByComponent.set(component, null);
  });
  // Per customer and subject, the earliest copy of each message.
  const buckets = new Map<string, Map<string, number>>();
  items.forEach((item, i) => {
    if (item.message.folder === 'sent') return;
    const subject = normaliseSubject(item.message.subject);
    const customer = item.message.from.address.trim().toLowerCase();
    if (subject === '' || customer === '') return;
    const bucketKey = `${customer}\u0000${subject}`;
    let bucket = buckets.get(bucketKey);
    if (!bucket) {
      bucket = new Map();
      buckets.set(bucketKey, bucket);
    }
    const earliest = bucket.get(item.identity);
    if (earliest === undefined || compareChronologically(item, items[earliest] as Prepared) < 0) bucket.set(item.identity, i);
  });
  const lonely = items.map((_, i) => identitiesByComponent.get(sets.find(i)) !== null);
  for (const bucket of buckets.values()) {
    const ordered = [...bucket.values()].sort((a, b) => compareChronologically(items[a] as Prepared, items[b] as Prepared));
    const within = (earlier: number | undefined, later: number | undefined): boolean =>
      earlier !== undefined && later !== undefined &&
      (items[later] as Prepared).time - (items[earlier] as Prepared).time <= SUBJECT_THREADING_WINDOW_MS;
    for (let k = 0; k < ordered.length; k++) {
      const index = ordered[k] as number;
      if (!lonely[index]) continue;
      // Join the previous message on this subject; the first one of a run joins the next instead.
      const previous = ordered[k - 1];
      const next = ordered[k + 1];
      if (within(previous, index)) sets.union(index, previous as number);
      else if (within(index, next)) sets.union(index, next as number);
    }
  }

  return collect(items, sets);
}

function collect(items: Prepared[], sets: DisjointSets): TicketThread[] {
  const groups = new Map<number, Prepared[]>();
  items.forEach((item, i) => {
    const component = sets.find(i);
    const group = groups.get(component);
    if (group) group.push(item);
    else groups.set(component, [item]);
  });
  const threads: Array<TicketThread & { firstTime: number }> = [];
  for (const group of groups.values()) {
    group.sort(compareChronologically);
    const { ticketId, rootMessageId } = ticketIdOf(group);
    threads.push({
      ticketId,
      tag: tagOf(ticketId),
      rootMessageId,
      messages: group.map((item) => item.message),
      firstTime: group[0]?.time ?? 0,
    });
  }
  threads.sort((a, b) => a.firstTime - b.firstTime || compareText(a.rootMessageId, b.rootMessageId) || compareText(a.ticketId, b.ticketId));
  return threads.map(({ firstTime: _firstTime, ...thread }) => thread);
}
