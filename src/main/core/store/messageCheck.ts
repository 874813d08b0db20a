import type { ZodError } from 'zod';
import { StoredMessage } from './schemas';

// Loading a large store validated every message record with zod (about 40 µs a record: two
// seconds for 50,000 messages at every start). The shards are written by us from records that
// were fully validated on their way in (MessageStore.upsert), so on load a hand-written check of
// the very same shape is enough for the records that pass it; a record that fails it goes through
// the zod schema, which either accepts it (the check is only ever stricter) or explains why the
// shard must be set aside. Keep this in step with StoredMessage: test/unit/store/messageCheck.test.ts
// compares the two on valid and broken records.

type Rec = Record<string, unknown>;

const FOLDERS = new Set(['inbox', 'sent', 'archive']);
const MODSEQ = /^\d+$/;

const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isNonNegativeInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function isStringArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (typeof item !== 'string') return false;
  return true;
}

function isAddress(v: unknown): boolean {
  return isObject(v) && isString(v.name) && isString(v.address);
}

function isAddressArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!isAddress(item)) return false;
  return true;
}

function isAttachments(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const item of v) if (!isObject(item) || !isString(item.filename) || !isString(item.contentType) || !isNonNegativeInt(item.size)) return false;
  return true;
}

function isStamp(v: unknown): boolean {
  if (v === null) return true;
  return isObject(v) && isString(v.ticket) && isString(v.action) && isString(v.agent) && (v.targetService === undefined || isString(v.targetService));
}

function isResent(v: unknown): boolean {
  if (v === null) return true;
  return isObject(v) && isString(v.from) && isString(v.to) && isString(v.date) && isString(v.messageId);
}

function isUids(v: unknown): boolean {
  if (!isObject(v)) return false;
  for (const key of Object.keys(v)) {
    const uid = v[key];
    if (!FOLDERS.has(key) || typeof uid !== 'number' || !Number.isSafeInteger(uid) || uid <= 0) return false;
  }
  return true;
}

/** True when `v` has exactly the shape StoredMessage accepts (never true where zod would refuse it). */
export function looksLikeStoredMessage(v: unknown): v is StoredMessage {
  return (
    isObject(v) &&
    isString(v.id) && isString(v.serviceId) && typeof v.folder === 'string' && FOLDERS.has(v.folder) &&
    isNullableString(v.messageId) && isNullableString(v.inReplyTo) && isStringArray(v.references) &&
    isString(v.subject) && isAddress(v.from) && isAddressArray(v.to) && isAddressArray(v.cc) &&
    isString(v.date) && isStringArray(v.keywords) && isString(v.text) && isNullableString(v.html) &&
    isAttachments(v.attachments) && isStamp(v.stamp) && isResent(v.resent) && typeof v.incomplete === 'boolean' &&
    isUids(v.uids) && typeof v.modseq === 'string' && MODSEQ.test(v.modseq) && isStringArray(v.flags) &&
    isNonNegativeInt(v.size) && isString(v.internalDate)
  );
}

/**
 * A stored record as loaded from a shard: as is when the quick check passes, otherwise as zod
 * parses it. Returns the zod error when the record is invalid.
 */
export function readStoredMessage(v: unknown): { ok: true; record: StoredMessage } | { ok: false; error: ZodError } {
  if (looksLikeStoredMessage(v)) return { ok: true, record: v };
  const parsed = StoredMessage.safeParse(v);
  return parsed.success ? { ok: true, record: parsed.data } : { ok: false, error: parsed.error };
}
