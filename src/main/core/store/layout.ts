import { createHash } from 'node:crypto';
import path from 'node:path';

/** Where each document lives under the store directory (schema version 2). */
export const layout = {
  meta: (dir: string) => path.join(dir, 'meta.json'),
  settings: (dir: string) => path.join(dir, 'settings.json'),
  services: (dir: string) => path.join(dir, 'services.json'),
  outbox: (dir: string) => path.join(dir, 'outbox.json'),
  routingExamples: (dir: string) => path.join(dir, 'routing-examples.json'),
  serialRegistry: (dir: string) => path.join(dir, 'serial-registry.json'),
  syncStateDir: (dir: string) => path.join(dir, 'sync'),
  syncState: (dir: string, serviceId: string) => path.join(dir, 'sync', `${fileSafeName(serviceId)}.json`),
  messagesDir: (dir: string) => path.join(dir, 'messages'),
  messageServiceDir: (dir: string, serviceId: string) => path.join(dir, 'messages', fileSafeName(serviceId)),
  messageMonthDir: (dir: string, serviceId: string, month: string) => path.join(dir, 'messages', fileSafeName(serviceId), month),
  messageShard: (dir: string, serviceId: string, month: string, bucket: number) =>
    path.join(dir, 'messages', fileSafeName(serviceId), month, messageBucketFile(bucket)),
  analysisDir: (dir: string) => path.join(dir, 'analysis'),
  analysisServiceDir: (dir: string, serviceId: string) => path.join(dir, 'analysis', fileSafeName(serviceId)),
  analysisShard: (dir: string, serviceId: string, shard: number) =>
    path.join(dir, 'analysis', fileSafeName(serviceId), `${String(shard).padStart(2, '0')}.json`),
  bodiesDir: (dir: string) => path.join(dir, 'bodies'),
  body: (dir: string, serviceId: string, messageId: string) => {
    const name = fileSafeName(messageId);
    return path.join(dir, 'bodies', fileSafeName(serviceId), bodyBucket(name), `${name}.eml`);
  },
};

/** First two characters of the id; ids starting with punctuation (`<…`) are spread by hash instead. */
function bodyBucket(name: string): string {
  const head = name.slice(0, 2).toLowerCase();
  return /^[a-z0-9]{2}$/.test(head) ? head : createHash('sha1').update(name).digest('hex').slice(0, 2);
}

/** A month directory of message shards (schema v2), and the whole-month file of schema v1. */
export const MONTH_DIR = /^(\d{4}-\d{2}|undated)$/;
export const MONTH_FILE_V1 = /^(\d{4}-\d{2}|undated)\.json$/;
export const BUCKET_FILE = /^(\d{2})\.json$/;

/**
 * Message shards per service and month: a keyword change rewrites one bucket (about 300 KB for
 * 4,000 messages a month) instead of the whole month. Changing it needs a migration.
 */
export const MESSAGE_BUCKETS = 16;

export function messageBucketFile(bucket: number): string {
  return `${String(bucket).padStart(2, '0')}.json`;
}

/** FNV-1a (32-bit) of a string: spreads ids evenly over buckets and shards. */
export function fnv1a(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A month's messages spread evenly over its buckets by their id. */
export function messageBucketOf(id: string): number {
  return fnv1a(id) % MESSAGE_BUCKETS;
}

/**
 * Month shard of a message date, in UTC so every desktop shards alike.
 * An unparsable date goes to `undated` rather than failing the write.
 */
export function monthOf(isoDate: string): string {
  const time = Date.parse(isoDate);
  if (Number.isNaN(time)) return 'undated';
  return new Date(time).toISOString().slice(0, 7);
}

const MAX_NAME = 180;

/**
 * Portable file name for an id (Message-ID based ids carry <, >, /, …): keeps [A-Za-z0-9_@+-]
 * and inner dots, writes every other byte as %XX. Over-long names end in a hash of the id.
 */
export function fileSafeName(id: string): string {
  if (id.length === 0) throw new Error('An empty id cannot name a file.');
  const bytes = Buffer.from(id, 'utf8');
  let out = '';
  bytes.forEach((byte, index) => {
    const ch = String.fromCharCode(byte);
    const innerDot = ch === '.' && index > 0 && index < bytes.length - 1;
    out += /[A-Za-z0-9_@+-]/.test(ch) || innerDot ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  });
  if (out.length <= MAX_NAME) return out;
  return `${out.slice(0, MAX_NAME - 41)}~${createHash('sha1').update(id).digest('hex')}`;
}

/** Inverse of fileSafeName for names that were not shortened (service ids are short). */
export function fromFileSafeName(name: string): string {
  return decodeURIComponent(name);
}
