// Initial sync of a 10,000-message service INBOX: the engine (queue ready, then full with bodies
// on disk) against a bare imapflow fetch (the floor) and mbsync (the peer), on one throwaway Dovecot.
// `npx tsx bench/sync.ts [--rounds N] [--messages N]`: best of N rounds per contender.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServiceSync } from '../src/main/core/sync/serviceSync';
import { METADATA_QUERY } from '../src/main/core/sync/messageMapping';
import { startMailServer, type MailServer, type MailUser } from '../test/harness/mailServer';
import { imapConnect } from '../test/harness/mailTools';
import { MemoryTarget } from '../test/integration/sync/memoryTarget';

const run = promisify(execFile);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg('messages', 10_000);
const ROUNDS = arg('rounds', 2);
const DAY = 24 * 3600_000;

/** Mixed sizes: mostly short text, some long text, one in ten with a 20–60 KB attachment. */
function corpus(n: number): Buffer[] {
  const out: Buffer[] = [];
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const date = new Date(now - Math.floor((i / n) * 80 * DAY) - 60_000);
    const head = [
      `From: =?utf-8?Q?Client_n=C2=B0${i}?= <client${i}@client.test>`,
      'To: Service technique <servicetechnique@guichet.test>',
      ...(i % 7 === 0 ? [`Cc: a${i}@client.test, "B, ${i}" <b${i}@client.test>`] : []),
      `Subject: Demande ${i} : panne lave-linge`,
      `Date: ${date.toUTCString()}`,
      `Message-ID: <bench-${i}@client.test>`,
      ...(i % 3 === 0 && i > 0 ? [`In-Reply-To: <bench-${i - 1}@client.test>`, `References: <bench-${i - 1}@client.test>`] : []),
      'MIME-Version: 1.0',
    ];
    const text = `Bonjour,\r\n${'Mon appareil affiche un code erreur E${i}. '.repeat(i % 10 === 1 ? 120 : 4 + (i % 12))}\r\nCordialement\r\n`;
    if (i % 10 === 5) {
      const attachment = Buffer.alloc(20_000 + (i % 5) * 10_000, i % 251).toString('base64').replace(/(.{76})/g, '$1\r\n');
      out.push(Buffer.from([...head,
        'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', text,
        '--b1', 'Content-Type: application/pdf; name="facture.pdf"', 'Content-Disposition: attachment; filename="facture.pdf"',
        'Content-Transfer-Encoding: base64', '', attachment, '--b1--', ''].join('\r\n')));
    } else {
      out.push(Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n')));
    }
  }
  return out;
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) n++;
  return n;
}

async function engineRound(server: MailServer, user: MailUser, work: string): Promise<{ queueReady: number; full: number }> {
  const bodyDir = join(work, `bodies-${Date.now()}`);
  const target = new MemoryTarget(bodyDir);
  const t0 = performance.now();
  let queueReady = -1;
  const engine = createServiceSync({
    serviceId: 'bench', target,
    imap: { host: server.host, port: server.imapPort, secure: false, user: user.user, password: user.password },
    onState: (s) => { if (queueReady < 0 && s.status === 'connected') queueReady = performance.now() - t0; },
  });
  engine.start();
  await engine.whenIdle();
  const full = performance.now() - t0;
  await engine.stop();
  const stored = target.list('inbox').length;
  const bodies = await countFiles(bodyDir);
  if (stored !== MESSAGES || bodies !== MESSAGES) throw new Error(`engine stored ${stored} messages and ${bodies} bodies, expected ${MESSAGES}`);
  await rm(bodyDir, { recursive: true, force: true });
  return { queueReady: queueReady / 1000, full: full / 1000 };
}

async function imapflowRound(server: MailServer, user: MailUser): Promise<number> {
  const t0 = performance.now();
  const client = await imapConnect(server, user, { extra: { disableAutoIdle: true } });
  await client.mailboxOpen('INBOX', { readOnly: true });
  let n = 0;
  let bytes = 0;
  for await (const m of client.fetch('1:*', { ...METADATA_QUERY, source: true }, { uid: true })) {
    n++;
    bytes += m.source?.length ?? 0;
  }
  await client.logout();
  if (n !== MESSAGES || bytes === 0) throw new Error(`imapflow fetched ${n}`);
  return (performance.now() - t0) / 1000;
}

async function mbsyncRound(server: MailServer, user: MailUser, work: string): Promise<number> {
  const dir = join(work, `mbsync-${Date.now()}`);
  const rc = join(work, 'mbsyncrc');
  await mkdir(dir, { recursive: true });
  await writeFile(rc, [
    'FSync no', '',
    'IMAPAccount bench', `Host ${server.host}`, `Port ${server.imapPort}`, `User ${user.user}`, `Pass ${user.password}`,
    'SSLType None', 'AuthMechs LOGIN', '',
    'IMAPStore remote', 'Account bench', '',
    'MaildirStore local', `Path ${dir}/`, `Inbox ${dir}/INBOX`, '',
    'Channel bench', 'Far :remote:', 'Near :local:', 'Patterns INBOX', 'Create Near', 'Sync Pull', 'SyncState *', '',
  ].join('\n'));
  const t0 = performance.now();
  await run('mbsync', ['-c', rc, '-q', 'bench']);
  const seconds = (performance.now() - t0) / 1000;
  const files = (await readdir(join(dir, 'INBOX', 'cur'))).length + (await readdir(join(dir, 'INBOX', 'new'))).length;
  if (files !== MESSAGES) throw new Error(`mbsync pulled ${files}`);
  await rm(dir, { recursive: true, force: true });
  return seconds;
}

const server = await startMailServer();
// --work DIR: where bodies and mbsync's Maildir go (default: the OS temp dir, on disk here).
const workIndex = process.argv.indexOf('--work');
const work = await mkdtemp(join(workIndex > 0 ? (process.argv[workIndex + 1] as string) : tmpdir(), 'gx-bench-'));
try {
  const user = server.users.technical as MailUser;
  const mails = corpus(MESSAGES);
  const megabytes = mails.reduce((n, m) => n + m.length, 0) / 1e6;
  await server.seedMaildir('technical', 'INBOX', mails);
  // Dovecot builds its index and cache on first access: pay that once, for everyone.
  const cold = await imapflowRound(server, user);

  const rows: Array<{ round: number; queueReady: number; full: number; imapflowRaw: number; mbsync: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const e = await engineRound(server, user, work);
    const raw = await imapflowRound(server, user);
    const mb = await mbsyncRound(server, user, work);
    rows.push({ round, queueReady: e.queueReady, full: e.full, imapflowRaw: raw, mbsync: mb });
  }
  const best = (k: 'queueReady' | 'full' | 'imapflowRaw' | 'mbsync') => Math.min(...rows.map((r) => r[k]));
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  const result = {
    messages: MESSAGES,
    megabytes: r3(megabytes),
    queueReadySeconds: r3(best('queueReady')),
    fullSeconds: r3(best('full')),
    imapflowRawSeconds: r3(best('imapflowRaw')),
    mbsyncSeconds: r3(best('mbsync')),
    coldFirstFetchSeconds: r3(cold),
    rounds: ROUNDS,
  };
  console.log(`messages ${MESSAGES} (${megabytes.toFixed(1)} MB), rounds ${ROUNDS}, best of each; cold first fetch ${cold.toFixed(3)} s`);
  console.log('round | queue ready s | full s | imapflow raw s | mbsync s');
  for (const r of rows) console.log(`${r.round} | ${r.queueReady.toFixed(3)} | ${r.full.toFixed(3)} | ${r.imapflowRaw.toFixed(3)} | ${r.mbsync.toFixed(3)}`);
  console.log(`targets: queueReady <= 0.5 x mbsync: ${result.queueReadySeconds <= 0.5 * result.mbsyncSeconds ? 'met' : 'MISSED'} (${(result.queueReadySeconds / result.mbsyncSeconds).toFixed(2)}); ` +
    `full <= 1.0 x mbsync: ${result.fullSeconds <= result.mbsyncSeconds ? 'met' : 'MISSED'} (${(result.fullSeconds / result.mbsyncSeconds).toFixed(2)}); ` +
    `full <= 1.3 x imapflow raw: ${result.fullSeconds <= 1.3 * result.imapflowRawSeconds ? 'met' : 'MISSED'} (${(result.fullSeconds / result.imapflowRawSeconds).toFixed(2)})`);
  console.log(JSON.stringify(result));
} finally {
  await rm(work, { recursive: true, force: true });
  await server.stop();
}
