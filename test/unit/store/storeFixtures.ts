import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messageBucketOf, type StoredMessage, type StoredService } from '../../../src/main/core/store';

export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'guichet-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** File name of the bucket shard that holds message `id` within its month. */
export function bucketFile(id: string): string {
  return `${String(messageBucketOf(id)).padStart(2, '0')}.json`;
}

export function makeMessage(serviceId: string, id: string, date: string, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id,
    serviceId,
    folder: 'inbox',
    messageId: `<${id}@customer.example>`,
    inReplyTo: null,
    references: [],
    subject: `Panne ${id}`,
    from: { name: 'Client', address: 'client@customer.example' },
    to: [{ name: 'SAV', address: 'sav@guichet.example' }],
    cc: [],
    date,
    keywords: [],
    text: `Bonjour, mon appareil ${id} ne démarre plus.`,
    html: null,
    attachments: [],
    stamp: null,
    resent: null,
    incomplete: false,
    uids: { inbox: 1 },
    modseq: '1',
    flags: [],
    size: 1200,
    internalDate: date,
    ...overrides,
  };
}

export function makeService(id: string): StoredService {
  return {
    id,
    name: `Service ${id}`,
    kind: 'technical',
    address: `${id}@guichet.example`,
    imap: { host: 'imap.guichet.example', port: 993, tls: 'tls', user: `${id}@guichet.example` },
    smtp: { host: 'smtp.guichet.example', port: 587, tls: 'starttls', user: `${id}@guichet.example` },
    colour: '#336699',
    defaultLanguage: 'fr',
  };
}

export const CRASH_SERVICES = ['tech', 'conso'] as const;

/** Record number `n` of the crash writer: a pure function of `n`, so a reader can check completeness. */
export function crashRecord(n: number): StoredMessage {
  const serviceId = CRASH_SERVICES[n % 2] ?? 'tech';
  const month = String(1 + (Math.floor(n / 2) % 6)).padStart(2, '0');
  const id = `m${n}`;
  return makeMessage(serviceId, id, `2026-${month}-10T09:00:00.000Z`, {
    text: `begin ${id} ${'é'.repeat(40)} end ${id}`,
    uids: { inbox: n + 1 },
    modseq: String(1000 + n),
  });
}
