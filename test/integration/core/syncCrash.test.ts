import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/store';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { listMessages } from '../../harness/mailTools';
import { mulberry32 } from '../../support/seededRandom';

// kill -9 of a process syncing into the store, 20 times at random moments: the store always
// loads, and after a complete resync it holds exactly the server's messages, once each, each
// with its own body.

const KILLS = 20;
const MESSAGES = 1_200;
let server: MailServer;
let dir: string;

function message(i: number): Buffer {
  const date = new Date(Date.now() - (i % 50) * 3_600_000).toUTCString();
  return Buffer.from(`From: Client ${i} <client${i % 40}@client.test>\r\nTo: servicetechnique@guichet.test\r\nSubject: Panne ${i}\r\nDate: ${date}\r\nMessage-ID: <crash-${i}@client.test>\r\n\r\nLe jeu plante au lancement (${i}). ${'détails '.repeat(40)}\r\n`);
}

function runner(): { child: ReturnType<typeof spawn>; ready: Promise<void>; idle: Promise<void> } {
  const user = server.users.technical;
  if (!user) throw new Error('no technical user');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/sync-crash-runner.ts', dir, '127.0.0.1', String(server.imapPort), user.user, user.password], { cwd: process.cwd() });
  let out = '';
  const seen = (word: string) => new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(word)) resolve();
    };
    child.stdout.on('data', onData);
    child.on('exit', () => (out.includes(word) ? resolve() : reject(new Error(`runner exited before "${word}": ${out}`))));
  });
  child.stderr.on('data', () => {});
  const idle = seen('idle');
  idle.catch(() => {}); // a killed runner never gets there; only the last one is awaited
  return { child, ready: seen('running'), idle };
}

beforeAll(async () => {
  server = await startMailServer();
  await server.seedMaildir('technical', 'INBOX', Array.from({ length: MESSAGES }, (_, i) => message(i)));
  dir = join(mkdtempSync(join(tmpdir(), 'gx-synccrash-')), 'store');
});

afterAll(async () => {
  await server.stop();
});

describe('sync under kill -9', () => {
  it(`survives ${KILLS} kills at random moments, then equals the server after a resync`, async () => {
    const random = mulberry32(2026);
    let killedMidSync = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const run = runner();
      await run.ready;
      await new Promise((r) => setTimeout(r, 50 + random() * 900));
      const exited = new Promise((r) => run.child.once('exit', r));
      run.child.kill('SIGKILL');
      await exited;
      // Whatever moment it died at, the store opens.
      const store = await openStore(dir);
      const count = store.messages.count('technical');
      if (count < MESSAGES || store.syncState.get('technical')?.inbox === undefined) killedMidSync++;
      await store.close();
    }
    // The kills must have hit the sync while it was working, not only after it finished.
    expect(killedMidSync).toBeGreaterThan(0);
    const last = runner();
    await last.idle;
    const exited = new Promise((r) => last.child.once('exit', r));
    last.child.kill('SIGTERM');
    await exited;

    const server_ = await listMessages(server, 'technical', 'INBOX');
    const store = await openStore(dir);
    const stored = [...store.messages.all('technical')];
    // Every body is there and is its own message: a body torn by a kill is never served.
    const wrongBodies: string[] = [];
    for (const m of stored) {
      const raw = await store.bodies.readBody('technical', m.id);
      if (raw === null || !raw.includes(`Message-ID: ${m.messageId ?? '?'}\r\n`)) wrongBodies.push(m.id);
    }
    await store.close();
    expect(wrongBodies).toEqual([]);
    expect(stored.length).toBe(MESSAGES);
    expect(new Set(stored.map((m) => m.id)).size).toBe(MESSAGES);
    expect(new Set(stored.map((m) => m.uids.inbox)).size).toBe(MESSAGES);
    expect(stored.map((m) => m.uids.inbox).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(server_.map((m) => m.uid).sort((a, b) => a - b));
    expect(new Set(stored.map((m) => m.messageId))).toEqual(new Set(server_.map((m) => m.messageId)));
  }, 180_000);
});
