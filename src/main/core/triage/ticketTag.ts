import { ticketTagOf } from '../../../shared/ticket';
// The ticket id Guichet writes in its subjects, `[GX-XXXXXX]`: 6 Crockford base32 characters
// (30 bits) of a hash of the ticket's root Message-ID, so every desktop computes the same id.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TAG_LENGTH = 6;

/** Any `[GX-......]` in a subject; spaces tolerated because some clients insert them. */
const TAG_IN_SUBJECT = /\[\s*GX\s*-\s*([0-9A-Z]{6})\s*\]/gi;

/** `<Abc@Host>` and ` abc@host ` are the same Message-ID for threading and tagging. */
export function normaliseMessageId(messageId: string): string {
  let start = 0;
  let end = messageId.length;
  // Index scanning rather than regexes: this runs several times per message at 100k messages.
  while (start < end && (messageId.charCodeAt(start) <= 32 || messageId[start] === '<')) start++;
  while (end > start && (messageId.charCodeAt(end - 1) <= 32 || messageId[end - 1] === '>')) end--;
  return messageId.slice(start, end).toLowerCase();
}

/** cyrb53: a fast, well-mixed 53-bit string hash; crypto hashes cost 3 µs each at 100k messages. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `GX-7K2M9Q` for a root Message-ID. */
export function ticketIdFor(rootMessageId: string): string {
  let value = hash53(normaliseMessageId(rootMessageId));
  let chars = '';
  for (let i = 0; i < TAG_LENGTH; i++) {
    chars = CROCKFORD.charAt(value % 32) + chars;
    value = Math.floor(value / 32);
  }
  return `GX-${chars}`;
}

/** `[GX-7K2M9Q]` for a ticket id (the desk derives it the same way). */
export const tagOf = ticketTagOf;

/** `[GX-7K2M9Q]` for a root Message-ID. */
export function ticketTagFor(rootMessageId: string): string {
  return tagOf(ticketIdFor(rootMessageId));
}

/** Crockford decoding is forgiving: O reads as 0, I and L as 1; U is not in the alphabet. */
function canonicalChars(chars: string): string | null {
  const upper = chars.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const ch of upper) if (!CROCKFORD.includes(ch)) return null;
  return upper;
}

/** Every ticket id tagged in a subject, in order of appearance, without duplicates. */
export function findTicketTags(subject: string): string[] {
  const found: string[] = [];
  if (!subject.includes('[')) return found; // most subjects: no tag, no regex
  for (const match of subject.matchAll(TAG_IN_SUBJECT)) {
    const chars = canonicalChars(match[1] ?? '');
    if (chars === null) continue;
    const id = `GX-${chars}`;
    if (!found.includes(id)) found.push(id);
  }
  return found;
}

/** The first ticket id tagged in a subject, e.g. `GX-7K2M9Q`, or null. */
export function findTicketTag(subject: string): string | null {
  return findTicketTags(subject)[0] ?? null;
}

/** What `\s` matches in a regex (and trim() removes). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** True when stripping would change nothing: no '[', and only single inner ASCII spaces. */
function isAlreadyStripped(subject: string): boolean {
  const last = subject.length - 1;
  for (let i = 0; i <= last; i++) {
    const code = subject.charCodeAt(i);
    if (code === 91 /* [ */) return false;
    if (isSpace(code) && (code !== 32 || i === 0 || i === last || subject.charCodeAt(i + 1) === 32)) return false;
  }
  return true;
}

/** The subject without any `[GX-......]` tag. */
export function stripTicketTags(subject: string): string {
  // Most subjects have nothing to strip: checked in one scan, without the two regexes.
  if (isAlreadyStripped(subject)) return subject;
  return subject.replace(TAG_IN_SUBJECT, ' ').replace(/\s+/g, ' ').trim();
}

/** The subject for an outbound mail: the ticket's tag appended once. */
export function withTicketTag(subject: string, ticketId: string): string {
  if (findTicketTags(subject).includes(ticketId)) return subject;
  const bare = stripTicketTags(subject);
  return bare === '' ? tagOf(ticketId) : `${bare} ${tagOf(ticketId)}`;
}
