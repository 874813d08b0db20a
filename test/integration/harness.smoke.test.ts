// Smoke test of the mail-server harness: real Postfix -> LMTP -> Dovecot, seen over IMAP.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { startMailServer, type MailServer } from '../harness/mailServer';
import { imapConnect, listMessages, sendMail, waitForMessage } from '../harness/mailTools';
import { procStat } from '../harness/procs';

const shared = inject('mailServer');
const uniq = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

describe('shared instance (globalSetup)', () => {
  it('customer mail arrives through IDLE, the threaded reply reaches the customer', async () => {
    const tag = uniq();
    const tech = await imapConnect(shared, 'technical', { extra: { disableAutoIdle: true } });
    try {
      await tech.mailboxOpen('INBOX');
      const arrived = new Promise<number>((resolve) => tech.on('exists', (e: { count: number }) => resolve(e.count)));
      const idling = tech.idle();

      const sent = await sendMail(shared, {
        from: 'customer1', to: 'technical', subject: `Panne lave-linge ${tag}`, text: 'Mon appareil ne démarre plus.',
      });
      expect(sent.accepted).toEqual([shared.users.technical?.address]);
      await expect(arrived).resolves.toBeGreaterThan(0); // the 'exists' event came through IDLE
      await tech.noop(); // ends IDLE
      await idling;

      const original = await waitForMessage(shared, 'technical', (m) => m.subject.endsWith(tag), { timeoutMs: 5000 });
      expect(original.messageId).toBe(sent.messageId);
      expect(original.from).toBe('customer1@client.test');

      const reply = await sendMail(shared, {
        from: 'technical', to: 'customer1', auth: 'technical', subject: `Re: ${original.subject}`,
        text: 'Bonjour, nous regardons.', inReplyTo: sent.messageId, references: [sent.messageId],
        headers: { 'X-Guichet-Ticket': tag },
      });
      const got = await waitForMessage(shared, 'customer1', (m) => m.messageId === reply.messageId, { timeoutMs: 5000 });
      expect(got.inReplyTo).toBe(sent.messageId);
      expect(got.references).toEqual([sent.messageId]);
      expect(got.subject).toBe(`Re: Panne lave-linge ${tag}`);
      expect(got.headers['x-guichet-ticket']).toEqual([tag]);
      const listed = await listMessages(shared, 'customer1', 'INBOX');
      expect(listed.some((m) => m.messageId === reply.messageId)).toBe(true);
    } finally {
      await tech.logout().catch(() => tech.close());
    }
  });

  it('a wrong password fails with Dovecot\'s text', async () => {
    const err = await imapConnect(shared, 'technical', { password: 'nope' }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' });
    expect(String((err as { response?: unknown }).response)).toMatch(/Authentication failed/);
  });

  it('SMTP AUTH with a wrong password is refused', async () => {
    const u = shared.users.consumer;
    expect(u).toBeDefined();
    const err = await sendMail(shared, { from: 'consumer', to: 'customer2', subject: 'x', text: 'x', auth: { ...u!, password: 'bad' } })
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ responseCode: 535 });
  });

  it('an unknown recipient is rejected with 550', async () => {
    const err = await sendMail(shared, { from: 'customer2', to: 'nobody@guichet.test', subject: 'x', text: 'x' })
      .then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ responseCode: 550 });
    expect(String((err as { response?: unknown }).response)).toMatch(/User unknown/i);
  });

  it('capabilities: CONDSTORE, QRESYNC, IDLE, MOVE, SPECIAL-USE; PERMANENTFLAGS has \\*', async () => {
    const c = await imapConnect(shared, 'consumer');
    try {
      for (const cap of ['CONDSTORE', 'QRESYNC', 'IDLE', 'MOVE', 'SPECIAL-USE', 'UIDPLUS']) expect(c.capabilities.has(cap), cap).toBe(true);
      const box = await c.mailboxOpen('INBOX');
      expect(box.permanentFlags?.has('\\*')).toBe(true);
      const special = new Map((await c.list()).map((b) => [b.specialUse, b.path]));
      expect(special.get('\\Sent')).toBe('Sent');
      expect(special.get('\\Archive')).toBe('Archive');
      expect(special.get('\\Drafts')).toBe('Drafts');
      expect(special.get('\\Trash')).toBe('Trash');
    } finally {
      await c.logout();
    }
  });

  it('TLS: IMAPS and STARTTLS work with the CA (the shared instance runs with tls: true)', async () => {
    expect(shared.ca).toContain('BEGIN CERTIFICATE');
    const c = await imapConnect(shared, 'consumer', { secure: true });
    expect(c.secureConnection).toBe(true);
    await c.logout();
    // Without the CA the certificate is refused.
    const bad = await new Promise<Error | null>((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port: shared.imapsPort as number, servername: 'localhost' }, () => { s.destroy(); resolve(null); });
      s.once('error', (e) => resolve(e));
    });
    expect(bad?.message).toMatch(/self-signed|unable to verify/i);
    const r = await sendMail(shared, { from: 'consumer', to: 'customer3', subject: 'tls', text: 'x', auth: 'consumer' });
    expect(r.response).toMatch(/^250/);
  });
});

describe('own instances', () => {
  let server: MailServer;
  beforeAll(async () => {
    server = await startMailServer({ users: { extra: { address: 'extra@autre.test', password: 'pw' } } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('seeds Maildir with flags and keywords; addUser works at once', async () => {
    const msg = (n: number) => Buffer.from(`From: a@client.test\r\nTo: servicetechnique@guichet.test\r\nSubject: seed ${n}\r\nMessage-ID: <seed-${n}@client.test>\r\nDate: Mon, 02 Mar 2026 09:00:00 +0100\r\n\r\nbody ${n}\r\n`);
    await server.seedMaildir('technical', 'INBOX', [msg(1), { raw: msg(2), flags: ['\\Seen', 'gx-claimed'] }]);
    await server.seedMaildir('technical', 'Sent', [msg(3)]);
    const inbox = await listMessages(server, 'technical', 'INBOX');
    expect(inbox.map((m) => m.subject)).toEqual(['seed 1', 'seed 2']);
    expect(inbox[1]?.keywords).toEqual(['gx-claimed']);
    expect(inbox[1]?.flags).toContain('\\Seen');
    expect(inbox[0]?.internalDate?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect((await listMessages(server, 'technical', 'Sent')).map((m) => m.subject)).toEqual(['seed 3']);

    const u = await server.addUser('late', 'late@nouveau.test');
    await sendMail(server, { from: 'customer4', to: u.address, subject: 'hello late', text: 'x' });
    await waitForMessage(server, 'late', (m) => m.subject === 'hello late', { timeoutMs: 5000 });
    await sendMail(server, { from: 'customer4', to: 'extra@autre.test', subject: 'hello extra', text: 'x' });
    await waitForMessage(server, 'extra', (m) => m.subject === 'hello extra', { timeoutMs: 5000 });
  });

  it('Dovecot restart keeps mail; mail sent while it is down arrives after', async () => {
    await server.stopDovecot();
    await expect(imapConnect(server, 'consumer')).rejects.toThrow();
    await sendMail(server, { from: 'customer1', to: 'consumer', subject: 'while down', text: 'x' });
    await server.startDovecot();
    await waitForMessage(server, 'consumer', (m) => m.subject === 'while down', { timeoutMs: 8000 });
    expect((await listMessages(server, 'technical', 'INBOX')).length).toBe(2);
    await server.stopPostfix();
    await expect(sendMail(server, { from: 'customer1', to: 'consumer', subject: 'x', text: 'x' })).rejects.toThrow();
    await server.startPostfix();
    await sendMail(server, { from: 'customer1', to: 'consumer', subject: 'after postfix restart', text: 'x' });
    await waitForMessage(server, 'consumer', (m) => m.subject === 'after postfix restart', { timeoutMs: 5000 });
  });

  it('two more instances run side by side, and stop() leaves no process behind', async () => {
    const [a, b] = await Promise.all([startMailServer({ tls: true }), startMailServer()]);
    const all = [a, b];
    try {
      expect(new Set([a.imapPort, a.smtpPort, a.imapsPort, b.imapPort, b.smtpPort, server.imapPort]).size).toBe(6);
      await sendMail(a, { from: 'customer1', to: 'technical', subject: 'on a', text: 'x' });
      await waitForMessage(a, 'technical', (m) => m.subject === 'on a');
      expect(await listMessages(b, 'technical')).toEqual([]);
    } finally {
      for (const s of all) {
        const pids = s.processes();
        expect(pids.length).toBeGreaterThanOrEqual(4);
        const dir = s.dir;
        await s.stop();
        for (const pid of pids) {
          const st = procStat(pid);
          // Gone, or a zombie waiting for PID 1 to reap it; either way not running.
          expect(st === null || st.state === 'Z' || st.state === 'X', `pid ${pid} state ${st?.state}`).toBe(true);
          if (st) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(dir);
        }
        expect(() => readFileSync(`${dir}/harness.json`)).toThrow();
      }
    }
  });
});
