import { TextDecoder } from 'node:util';
import { parseAddressHeader } from 'mailparser';
import type { EmailAddress } from 'mailparser';
import type { GuichetStamp, MailAddress, MailMessage } from '../../../shared/domain';

// Top-level header reading, shared by the normal path (mailparser's raw header lines) and the
// fallback path (a manual scan of the first bytes when MIME parsing failed), so both agree.

/** One raw header line: lowercase name and the unparsed line as a binary (latin1) string. */
export interface RawHeaderLine {
  key: string;
  line: string;
}

export type Envelope = Pick<
  MailMessage,
  'messageId' | 'inReplyTo' | 'references' | 'subject' | 'from' | 'to' | 'cc' | 'stamp' | 'resent'
> & { date: Date | null };

/** Longest header value kept by the fallback scan: enough for any real header. */
const FALLBACK_MAX_VALUE = 64 * 1024;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

// Node 20's TextDecoder decodes windows-1252 as plain latin1 (0x80-0x9f become C1 controls),
// so the 32 characters where they differ are mapped here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const LATIN1_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'iso_8859-1', 'ascii', 'us-ascii']);

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

/**
 * Raw header bytes (as a binary string) to text: UTF-8 when they are valid UTF-8 (RFC 6532),
 * otherwise Windows-1252, the usual charset of unencoded 8-bit headers from old clients.
 */
export function decodeRawHeaderBytes(binary: string): string {
  if (!/[\x80-\xff]/.test(binary)) return binary;
  const bytes = Buffer.from(binary, 'latin1');
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function decodeCharset(charset: string, bytes: Uint8Array): string {
  // RFC 2231 language suffix: =?utf-8*fr?Q?...?=
  const label = charset.split('*')[0]?.trim().toLowerCase() ?? '';
  if (LATIN1_LABELS.has(label)) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'b') {
    const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
    return Buffer.from(clean, 'base64');
  }
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words. Adjacent words separated only by whitespace are joined, and
 * adjacent words in the same charset are decoded together so a multibyte character split across
 * two words survives. A malformed word is left as it was written.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = (): void => {
    if (pending) out += decodeCharset(pending.charset, Buffer.concat(pending.bytes));
    pending = null;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const [whole, charset = '', encoding = '', text = ''] = match;
    const start = match.index;
    const between = value.slice(last, start);
    const bytes = wordBytes(encoding.toLowerCase(), text);
    const joinable = pending !== null && /^\s*$/.test(between);
    if (!joinable) {
      flush();
      out += between;
    }
    const current = pending as { charset: string; bytes: Buffer[] } | null;
    if (current && current.charset.toLowerCase() === charset.toLowerCase()) current.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = start + whole.length;
  }
  flush();
  return out + value.slice(last);
}

/** The value of a raw header line: name removed, folding undone, bytes decoded. */
export function rawHeaderValue(line: string): string {
  const colon = line.indexOf(':');
  const raw = colon >= 0 ? line.slice(colon + 1) : line;
  return decodeRawHeaderBytes(raw.replace(/\r?\n(?=[ \t])|\r(?=[ \t])/g, '').replace(/[\r\n]+/g, ' ')).trim();
}

/** Control characters that must never reach a subject line or a display name. */
export function withoutControlChars(value: string): string {
  return value.replace(/(?![\t\n])\p{Cc}/gu, '').replace(/[\t\n]+/g, ' ');
}

/**
 * Splits the first bytes of a message at the first empty line. `body` is null when no empty
 * line was found (headers only, or a header block longer than `head`).
 */
export function splitHead(head: Buffer): { header: string; body: Buffer | null } {
  const text = head.toString('latin1');
  const match = /\r\n\r\n|\n\n|\r\r|\r\n\n|\n\r\n/.exec(text);
  if (!match) return { header: text, body: null };
  return { header: text.slice(0, match.index), body: head.subarray(match.index + match[0].length) };
}

/** The boundary of a multipart Content-Type value, or null. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

export function headerValue(lines: readonly RawHeaderLine[], key: string): string | null {
  return firstValue(lines, key);
}

/**
 * Manual header scan used when MIME parsing failed: reads header lines from the first bytes of
 * the source up to the first empty line, accepting CRLF, LF or bare CR line endings.
 */
export function scanHeaderLines(head: Buffer): RawHeaderLine[] {
  const block = splitHead(head).header;
  const lines: RawHeaderLine[] = [];
  for (const physical of block.split(/\r\n|\n|\r/)) {
    const previous = lines[lines.length - 1];
    if (/^[ \t]/.test(physical) && previous) {
      if (previous.line.length < FALLBACK_MAX_VALUE) previous.line += '\r\n' + physical;
      continue;
    }
    const match = /^([!-9;-~]+)[ \t]*:/.exec(physical);
    if (!match?.[1]) continue; // mbox "From " line, garbage
    lines.push({ key: match[1].toLowerCase(), line: physical.slice(0, FALLBACK_MAX_VALUE) });
  }
  return lines;
}

function valuesOf(lines: readonly RawHeaderLine[], key: string): string[] {
  return lines.filter((l) => l.key === key).map((l) => rawHeaderValue(l.line));
}

function firstValue(lines: readonly RawHeaderLine[], key: string): string | null {
  const line = lines.find((l) => l.key === key);
  return line ? rawHeaderValue(line.line) : null;
}

function flatten(addresses: EmailAddress[]): MailAddress[] {
  const out: MailAddress[] = [];
  for (const entry of addresses) {
    if (entry.group) out.push(...flatten(entry.group));
    else if (entry.address || entry.name) {
      out.push({ name: withoutControlChars(entry.name ?? '').trim(), address: withoutControlChars(entry.address ?? '').trim() });
    }
  }
  return out;
}

export function parseAddresses(values: string[]): MailAddress[] {
  if (values.length === 0) return [];
  try {
    return flatten(parseAddressHeader(values, { flatten: true }).value);
  } catch {
    return [];
  }
}

/** Every `<id>` in a header value; a bare id without angle brackets is accepted as well. */
export function messageIdsIn(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => `<${m[1]}>`);
  if (bracketed.length > 0) return bracketed;
  return value
    .split(/[\s,]+/)
    .filter((token) => /^[^\s<>()]+@[^\s<>()]+$/.test(token))
    .map((token) => `<${token}>`);
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}

function readStamp(lines: readonly RawHeaderLine[]): GuichetStamp | null {
  const ticket = firstValue(lines, 'x-guichet-ticket');
  if (!ticket) return null;
  const stamp: GuichetStamp = {
    ticket,
    action: firstValue(lines, 'x-guichet-action') ?? '',
    agent: firstValue(lines, 'x-guichet-agent') ?? '',
  };
  const target = firstValue(lines, 'x-guichet-target-service');
  if (target) stamp.targetService = target;
  return stamp;
}

function readResent(lines: readonly RawHeaderLine[]): MailMessage['resent'] {
  // Resent-* blocks are prepended, so the first of each is the latest transfer.
  const from = firstValue(lines, 'resent-from');
  const to = firstValue(lines, 'resent-to');
  const messageId = firstValue(lines, 'resent-message-id');
  if (from === null && to === null && messageId === null) return null;
  const addressText = (value: string | null): string => {
    if (value === null) return '';
    const parsed = parseAddresses([value]).map((a) => a.address).filter(Boolean);
    return parsed.length > 0 ? parsed.join(', ') : value;
  };
  const dateValue = firstValue(lines, 'resent-date');
  return {
    from: addressText(from),
    to: addressText(to),
    date: parseDate(dateValue)?.toISOString() ?? dateValue ?? '',
    messageId: messageId === null ? '' : (messageIdsIn(messageId)[0] ?? messageId),
  };
}

/** The top-level fields triage needs, from raw header lines. Never throws. */
export function readEnvelope(lines: readonly RawHeaderLine[]): Envelope {
  const subjectValue = firstValue(lines, 'subject');
  const messageIdValue = firstValue(lines, 'message-id');
  const inReplyToValue = firstValue(lines, 'in-reply-to');
  return {
    subject: subjectValue === null ? '' : withoutControlChars(decodeEncodedWords(subjectValue)).trim(),
    messageId: messageIdValue === null ? null : (messageIdsIn(messageIdValue)[0] ?? null),
    inReplyTo: inReplyToValue === null ? null : (messageIdsIn(inReplyToValue)[0] ?? null),
    references: valuesOf(lines, 'references').flatMap(messageIdsIn),
    from: parseAddresses(valuesOf(lines, 'from').slice(0, 1))[0] ?? { name: '', address: '' },
    to: parseAddresses(valuesOf(lines, 'to')),
    cc: parseAddresses(valuesOf(lines, 'cc')),
    date: parseDate(firstValue(lines, 'date')),
    stamp: readStamp(lines),
    resent: readResent(lines),
  };
}
