import type { FolderSyncState } from './syncTarget';

// Small named sync decisions, each pure and unit-tested (after emailengine's style).

/** What the server said when the folder was opened (SELECT/EXAMINE or STATUS). */
export interface ServerFolderStatus {
  uidValidity: number;
  uidNext: number;
  exists: number;
  /** null when the mailbox has no mod-sequences (no CONDSTORE, or NOMODSEQ). */
  highestModseq: string | null;
}

/** Extensions actually ENABLEd on the connection, not merely advertised. */
export interface ConnectionFeatures {
  condstore: boolean;
  qresync: boolean;
}

export type ResyncPlan =
  /** Never completed a pass: fetch whatever is missing, quietly (nothing is "new mail"). */
  | { kind: 'initial' }
  /** UIDVALIDITY changed: forget the folder's UIDs and rebuild it quietly. */
  | { kind: 'rebuild' }
  /** Nothing moved on the server since the last pass. */
  | { kind: 'unchanged' }
  /** New UIDs + UID FETCH (CHANGEDSINCE m VANISHED): flags and expunges in one round. */
  | { kind: 'qresync'; since: string }
  /** New UIDs + CHANGEDSINCE for flags; expunges by a UID SEARCH diff when the count says so. */
  | { kind: 'condstore'; since: string }
  /** No mod-sequences: new UIDs, every FLAGS compared, UID SEARCH diff for expunges. */
  | { kind: 'uidRange' };

export function hasUidValidityChanged(local: FolderSyncState | null, server: ServerFolderStatus): boolean {
  return local !== null && local.uidValidity !== server.uidValidity;
}

/** Same UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ: no message was added, changed or removed. */
export function canSkipSync(local: FolderSyncState | null, server: ServerFolderStatus): boolean {
  return local !== null
    && local.uidValidity === server.uidValidity
    && local.uidNext === server.uidNext
    && local.highestModseq !== null
    && server.highestModseq !== null
    && local.highestModseq === server.highestModseq;
}

export function canUseCondstore(features: ConnectionFeatures, local: FolderSyncState | null, server: ServerFolderStatus): boolean {
  return features.condstore && local !== null && local.highestModseq !== null && server.highestModseq !== null;
}

export function canUseQresync(features: ConnectionFeatures, local: FolderSyncState | null, server: ServerFolderStatus): boolean {
  return features.qresync && canUseCondstore(features, local, server);
}

export function planResync(local: FolderSyncState | null, server: ServerFolderStatus, features: ConnectionFeatures): ResyncPlan {
  if (local === null) return { kind: 'initial' };
  if (hasUidValidityChanged(local, server)) return { kind: 'rebuild' };
  if (canSkipSync(local, server)) return { kind: 'unchanged' };
  if (canUseQresync(features, local, server)) return { kind: 'qresync', since: local.highestModseq as string };
  if (canUseCondstore(features, local, server)) return { kind: 'condstore', since: local.highestModseq as string };
  return { kind: 'uidRange' };
}

/**
 * Known UIDs that still exist plus the new ones must add up to the server's count; when they do,
 * nothing was expunged and the UID SEARCH diff can be skipped.
 */
export function needsExpungeScan(knownAfterRemovals: number, newlyFetched: number, serverExists: number): boolean {
  return knownAfterRemovals + newlyFetched !== serverExists;
}

/** The server refused the credentials (as opposed to a network failure during login). */
export function isAuthFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { authenticationFailed?: unknown; serverResponseCode?: unknown; response?: unknown };
  if (e.authenticationFailed === true) return true;
  if (typeof e.serverResponseCode === 'string' && e.serverResponseCode.toUpperCase() === 'AUTHENTICATIONFAILED') return true;
  return typeof e.response === 'string' && /\[AUTHENTICATIONFAILED\]/i.test(e.response);
}

/** The server's own words, e.g. "Authentication failed." from "3 NO [AUTHENTICATIONFAILED] Authentication failed." */
export function serverReasonOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as { response?: unknown; responseText?: unknown; message?: unknown };
  const raw = typeof e.response === 'string' && e.response.trim() !== ''
    ? e.response
    : typeof e.responseText === 'string' && e.responseText.trim() !== '' ? e.responseText : null;
  if (raw !== null) {
    const text = raw.replace(/^\S+\s+(NO|BAD|BYE|OK)\s+/i, '').replace(/^\[[^\]]*\]\s*/, '').trim();
    return text === '' ? raw.trim() : text;
  }
  return typeof e.message === 'string' ? e.message : String(error);
}

/** What a FETCH of metadata plus sources may take when the link is not the limit: a round trip and the parsing. */
const FETCH_LATENCY_MS = 100;
const ROW_PARSE_MS = 0.1;
/** Below about 40 Mbit/s, sources in the metadata FETCH would delay the queue more than they save. */
const INLINE_MIN_LINK_BYTES_PER_MS = 5_000;

/**
 * Whether a FETCH of metadata plus sources went at the pace of the parsing (a fast link: keep
 * fetching sources with the metadata) rather than at the pace of the bytes (a slow link: don't).
 */
export function linkKeepsUp(readingMs: number, rows: number, sourceBytes: number): boolean {
  return readingMs <= FETCH_LATENCY_MS + rows * ROW_PARSE_MS + sourceBytes / INLINE_MIN_LINK_BYTES_PER_MS;
}

/** Start of the window whose bodies are prefetched. */
export function bodyWindowStart(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

/** Compact IMAP UID set ("1:5,7,9:12") for ascending or unsorted UIDs. */
export function toUidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i] as number;
    parts.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return parts.join(',');
}

/** Splits a list into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** UIDs the server has that we don't, and UIDs we have that the server dropped. */
export function diffUids(known: Iterable<number>, server: Iterable<number>): { missing: number[]; gone: number[] } {
  const k = new Set(known);
  const s = new Set(server);
  return {
    missing: [...s].filter((u) => !k.has(u)).sort((a, b) => a - b),
    gone: [...k].filter((u) => !s.has(u)).sort((a, b) => a - b),
  };
}

/** Same flags and keywords, order-free, system flags case-insensitive, \Recent (per session) ignored. */
export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  const norm = (x: readonly string[]) => [...new Set(x.map((f) => (f.startsWith('\\') ? f.toLowerCase() : f)))]
    .filter((f) => f !== '\\recent').sort().join(' ');
  return norm(a) === norm(b);
}
