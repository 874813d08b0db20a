import type { ImapFlow } from 'imapflow';
import { createServiceSync, type ServiceSync, type ServiceSyncOptions, type ServiceSyncState } from '../../../src/main/core/sync/serviceSync';
import type { SyncChange } from '../../../src/main/core/sync/syncTarget';
import type { MailServerInfo, MailUser } from '../../harness/mailServer';
import { MemoryTarget } from './memoryTarget';

/** An engine plus everything it reported, with waits that re-check on each report (no sleeps). */
export interface Probe {
  engine: ServiceSync;
  target: MemoryTarget;
  changes: SyncChange[];
  states: ServiceSyncState[];
  waitFor(what: string, test: () => boolean, timeoutMs?: number): Promise<void>;
}

export function startProbe(server: MailServerInfo, user: MailUser, extra: Partial<ServiceSyncOptions> = {}, target = new MemoryTarget()): Probe {
  const changes: SyncChange[] = [];
  const states: ServiceSyncState[] = [];
  const waiters = new Set<() => void>();
  const poke = () => { for (const w of [...waiters]) w(); };
  const engine = createServiceSync({
    serviceId: user.address,
    imap: { host: server.host, port: server.imapPort, secure: false, user: user.user, password: user.password, ...(server.ca ? { ca: server.ca } : {}) },
    target,
    backoff: { baseMs: 50, maxMs: 200, factor: 2, jitter: 0.5, stableAfterMs: 60_000 },
    ...extra,
    onChange: (c) => { changes.push(c); extra.onChange?.(c); poke(); },
    onState: (s) => { states.push(s); extra.onState?.(s); poke(); },
  });
  const waitFor = (what: string, test: () => boolean, timeoutMs = 15_000) => new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!test()) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`timed out waiting for ${what}; last state ${JSON.stringify(engine.state())}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
  engine.start();
  return { engine, target, changes, states, waitFor };
}

/** UID -> Message-ID and flags of a folder, straight from the server. */
export async function serverIndex(client: ImapFlow, path: string): Promise<Map<number, { messageId: string | null; flags: string[] }>> {
  const box = await client.mailboxOpen(path, { readOnly: true });
  const out = new Map<number, { messageId: string | null; flags: string[] }>();
  if (box.exists === 0) return out;
  for await (const m of client.fetch('1:*', { uid: true, envelope: true, flags: true }, { uid: true })) {
    out.set(m.uid, { messageId: m.envelope?.messageId ?? null, flags: [...(m.flags ?? [])] });
  }
  return out;
}

let counter = 0;
/** A distinct mailbox user per test on the shared server, so tests never see each other's mail. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A small RFC 5322 message. */
export function rawMessage(n: number, opts: { tag?: string; date?: Date; to?: string; bodyBytes?: number } = {}): Buffer {
  const date = opts.date ?? new Date();
  const tag = opts.tag ?? 'seed';
  const body = opts.bodyBytes ? 'x'.repeat(opts.bodyBytes).replace(/(.{76})/g, '$1\r\n') : `Message ${n} body.`;
  return Buffer.from([
    `From: Client ${n} <client${n}@client.test>`,
    `To: ${opts.to ?? 'service@guichet.test'}`,
    `Subject: ${tag} message ${n}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${tag}-${n}@client.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n'));
}
