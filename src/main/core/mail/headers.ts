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

/** Charset as written in an encoded word -> its decoder (a TextDecoder without `stream` keeps no state). */
const charsetDecoders = new Map<string, (bytes: Uint8Array) => string>();

function decodeCharset(charset: string, parts: Buffer[]): string {
  let decode = charsetDecoders.get(charset);
  if (decode === undefined) {
    // RFC 2231 language suffix: =?utf-8*fr?Q?...?=
    const label = charset.split('*')[0]?.trim().toLowerCase() ?? '';
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder('utf-8');
    }
    decode = LATIN1_LABELS.has(label) ? decodeWindows1252 : (bytes) => decoder.decode(bytes);
    if (charsetDecoders.size < 64) charsetDecoders.set(charset, decode);
  }
  return decode(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'b') {
    const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
    return Buffer.from(clean, 'base64');
  }
  const bytes = Buffer.allocUnsafe(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const high = code === 0x3d ? hexValue(text.charCodeAt(i + 1)) : -1;
    const low = high >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (low >= 0) {
      bytes[length++] = high * 16 + low;
      i += 2;
    } else bytes[length++] = code === 0x5f ? 0x20 : code & 0xff;
  }
  return bytes.subarray(0, length);
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
  // Words waiting to be decoded together (same charset, only whitespace between them).
  let charset: string | null = null;
  let pending: Buffer[] = [];
  ENCODED_WORD.lastIndex = 0;
  for (let match = ENCODED_WORD.exec(value); match !== null; match = ENCODED_WORD.exec(value)) {
    const [whole, wordCharset = '', encoding = '', text = ''] = match;
    const between = value.slice(last, match.index);
    const bytes = wordBytes(encoding.toLowerCase(), text);
    if (charset !== null && !/^\s*$/.test(between)) {
      out += decodeCharset(charset, pending);
      charset = null;
    }
    if (charset === null) out += between;
    if (charset !== null && charset.toLowerCase() === wordCharset.toLowerCase()) pending.push(bytes);
    else {
      if (charset !== null) out += decodeCharset(charset, pending);
      charset = wordCharset;
      pending = [bytes];
    }
    last = match.index + whole.length;
  }
  if (charset !== null) out += decodeCharset(charset, pending);
  return out + value.slice(last);
}

/** The value of a raw header line: name removed, folding undone, bytes decoded. */
export function rawHeaderValue(line: string): string {
  const colon = line.indexOf(':');
  let raw = colon >= 0 ? line.slice(colon + 1) : line;
  // Most lines are not folded: skip the two replaces (sync maps thousands of headers per second).
  if (raw.includes('\n') || raw.includes('\r')) raw = raw.replace(/\r?\n(?=[ \t])|\r(?=[ \t])/g, '').replace(/[\r\n]+/g, ' ');
  return decodeRawHeaderBytes(raw).trim();
}

/** \p{Cc}: U+0000-U+001F and U+007F-U+009F. */
function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Control characters that must never reach a subject line or a display name. */
export function withoutControlChars(value: string): string {
  // Most values have none: a scan is much cheaper than the two replaces.
  if (!hasControlChars(value)) return value;
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
  const single = value.trim();
  // The usual case, one `<id>`: what the scan below would return, without it.
  if (single.length > 2 && single.charCodeAt(0) === 0x3c && single.indexOf('>') === single.length - 1 && single.indexOf('<', 1) === -1 && !/\s/.test(single)) {
    return [single];
  }
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
