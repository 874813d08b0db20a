import type { FetchMessageObject, FetchQueryObject } from 'imapflow';
import type { MailAddress } from '../../../shared/domain';
import { decodeEncodedWords, messageIdsIn, parseAddresses, rawHeaderValue, withoutControlChars } from '../mail/headers';
import type { SyncedMessage, SyncFolder } from './syncTarget';

// From an imapflow FETCH row to SyncedMessage. The header block arrives as one literal
// (BODY.PEEK[HEADER]): much cheaper for imapflow and Dovecot than ENVELOPE or HEADER.FIELDS, and
// read here with the decoding helpers of mail/headers. Bodies are parsed elsewhere (mail/parse).

/** X-Guichet-* and Resent-* headers, kept in SyncedMessage.headers. */
export const KEPT_HEADERS: ReadonlySet<string> = new Set([
  'x-guichet-ticket', 'x-guichet-action', 'x-guichet-agent', 'x-guichet-target-service',
  'resent-from', 'resent-to', 'resent-date', 'resent-message-id',
]);

const READ_HEADERS: ReadonlySet<string> = new Set([
  'message-id', 'in-reply-to', 'references', 'subject', 'from', 'to', 'cc', 'date', ...KEPT_HEADERS,
]);

export const METADATA_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  internalDate: true,
  size: true,
  headers: true,
};

/** Lower-case name -> every raw (folded) line of the headers we read, in order. */
export function headerLines(block: Buffer): Map<string, string[]> {
  const text = block.toString('latin1');
  const out = new Map<string, string[]>();
  for (const line of text.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!READ_HEADERS.has(name)) continue;
    const list = out.get(name);
    if (list) list.push(line);
    else out.set(name, [line]);
  }
  return out;
}

const SIMPLE_NAME_ADDR = /^(?:"((?:[^"\\]|\\.)*)"|([^<>",;:()\\]*?))\s*<([^<>\s,;:()"]+)>$/;
const SIMPLE_ADDR = /^<?([^<>\s,;:()"]+@[^<>\s,;:()"]+)>?$/;

/** "Name <a@b>", "a@b" and "<a@b>" quickly; anything else (lists, groups, comments) through mail/headers. */
export function addressesOf(values: readonly string[]): MailAddress[] {
  if (values.length === 1) {
    const v = (values[0] as string).trim();
    const named = SIMPLE_NAME_ADDR.exec(v);
    if (named) {
      const name = named[1] !== undefined ? named[1].replace(/\\(.)/g, '$1') : (named[2] ?? '');
      return [{ name: withoutControlChars(decodeEncodedWords(name)).trim(), address: named[3] as string }];
    }
    const bare = SIMPLE_ADDR.exec(v);
    if (bare) return [{ name: '', address: bare[1] as string }];
  }
  return parseAddresses([...values]);
}

function isoOf(value: Date | string | undefined | null, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  const d = value instanceof Date ? value : new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(d.getTime()) ? fallback : d.toISOString();
}

export function splitFlags(all: Iterable<string> | undefined): { flags: string[]; keywords: string[] } {
  const flags: string[] = [];
  const keywords: string[] = [];
  for (const f of all ?? []) {
    if (f.toLowerCase() === '\\recent') continue; // per session, not a property of the message
    if (f.startsWith('\\')) flags.push(f);
    else keywords.push(f);
  }
  return { flags, keywords };
}

export function toSyncedMessage(row: FetchMessageObject, folder: SyncFolder, uidValidity: number): SyncedMessage {
  const lines = row.headers ? headerLines(row.headers) : new Map<string, string[]>();
  const values = (name: string): string[] => (lines.get(name) ?? []).map(rawHeaderValue);
  const first = (name: string): string | null => {
    const line = lines.get(name)?.[0];
    return line === undefined ? null : rawHeaderValue(line);
  };
  const internalDate = isoOf(row.internalDate, new Date(0).toISOString());
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = first(name);
    if (v !== null) headers[name] = v;
  }
  const subject = first('subject');
  const messageId = first('message-id');
  const inReplyTo = first('in-reply-to');
  const from = values('from');
  return {
    folder,
    uid: row.uid,
    uidValidity,
    messageId: messageId === null ? null : (messageIdsIn(messageId)[0] ?? null),
    inReplyTo: inReplyTo === null ? null : (messageIdsIn(inReplyTo)[0] ?? null),
    references: values('references').flatMap(messageIdsIn),
    subject: subject === null ? '' : withoutControlChars(decodeEncodedWords(subject)).trim(),
    from: from.length > 0 ? (addressesOf(from.slice(0, 1))[0] ?? { name: '', address: '' }) : { name: '', address: '' },
    to: lines.has('to') ? addressesOf(values('to')) : [],
    cc: lines.has('cc') ? addressesOf(values('cc')) : [],
    date: isoOf(first('date'), internalDate),
    internalDate,
    ...splitFlags(row.flags),
    modseq: row.modseq !== undefined ? row.modseq.toString() : null,
    size: row.size ?? 0,
    headers,
  };
}
