import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/api';
import type { EventName } from '../../../src/shared/contractNames';
import type { ServiceInput } from '../../../src/shared/views';
import { createCore, type Core } from '../../../src/main/core/core';
import { openFileSecretStore } from '../../../src/main/core/store/secretFile';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { imapConnect, listMessages, sendMail } from '../../harness/mailTools';

// Core with real service mailboxes: Dovecot + Postfix from the harness, the real store on disk.

let server: MailServer;
let dataDir: string;
let emitted: Array<{ name: EventName; payload: unknown }> = [];

async function openCore(): Promise<Core> {
  return createCore({
    dataDir,
    resourcesDir: join(process.cwd(), 'resources'),
    events: { emit: (name, payload) => emitted.push({ name, payload }) },
    secrets: await openFileSecretStore(dataDir),
  });
}

function serviceInput(name: 'technical' | 'consumer', password?: string): ServiceInput {
  const user = server.users[name];
  if (!user) throw new Error(`harness has no ${name} user`);
  const endpoint = { host: '127.0.0.1', tls: 'none' as const, user: user.user };
  return {
    name: name === 'technical' ? 'Service technique' : 'Service consommateurs', kind: name, address: user.address,
    colour: name === 'technical' ? '#2f6fde' : '#d9822b', defaultLanguage: 'fr',
    imap: { ...endpoint, port: server.imapPort }, smtp: { ...endpoint, port: server.smtpPort },
    imapPassword: password ?? user.password, smtpPassword: password ?? user.password,
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const events = <E extends EventName>(name: E): Array<EventPayload<E>> => emitted.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>);

beforeAll(async () => {
  server = await startMailServer();
  dataDir = mkdtempSync(join(tmpdir(), 'gx-live-'));
});

afterAll(async () => {
  await server.stop();
});

describe('live workspace', () => {
  let core: Core;
  let subject: string;

  it('starts in the demo, tests a service with the server’s own error, then leaves the demo when a service is added', async () => {
    core = await openCore();
    expect((await core.handlers['workspace.get']({})).demo).toBe(true);
    const refused = await core.handlers['services.test'](serviceInput('technical', 'wrong-password'));
    expect(refused.imap.ok).toBe(false);
    expect(refused.imap.message).toMatch(/Authentication failed/i);
    expect(refused.smtp.ok).toBe(false);
    const accepted = await core.handlers['services.test'](serviceInput('technical'));
    expect(accepted.imap.ok).toBe(true);
    expect(accepted.imap.capabilities).toEqual(expect.arrayContaining(['CONDSTORE', 'IDLE', 'QRESYNC']));
    expect(accepted.smtp.ok).toBe(true);

    await core.handlers['services.add'](serviceInput('technical'));
    const workspace = await core.handlers['workspace.get']({});
    expect(workspace.demo).toBe(false);
    expect(workspace.services.map((s) => s.address)).toEqual([server.users.technical?.address]);
    await core.handlers['services.add'](serviceInput('consumer'));
    expect(events('notice').some((n) => n.code === 'workspaceChanged')).toBe(true);
    const listed = await core.handlers['services.list']({});
    expect(JSON.stringify(listed)).not.toContain('secret-'); // passwords never come back out
  });

  it('a mail delivered through Postfix appears as a ticket and as an event, once', async () => {
    subject = `Écran noir au lancement ${Date.now()}`;
    await sendMail(server, { from: 'customer1', to: 'technical', subject, text: 'Bonjour, le jeu affiche un écran noir au lancement. Version du produit : 1.3' });
    const card = await until('the ticket event', () => events('tickets.changed').flatMap((c) => c.upserted).find((t) => t.subject === subject));
    expect(card.state).toBe('new');
    expect(card.clock?.kind).toBe('firstResponse');
    const { tickets } = await core.handlers['tickets.list']({});
    expect(tickets.filter((t) => t.subject === subject)).toHaveLength(1);
    await until('the connected state', () => events('sync.state').find((s) => s.status === 'connected'));
  });

  it('a keyword set by another desktop shows up as the ticket’s new state', async () => {
    const other = await imapConnect(server, 'technical');
    const lock = await other.getMailboxLock('INBOX');
    try {
      const uids = await other.search({ subject }, { uid: true });
      expect(uids).toHaveLength(1);
      await other.messageFlagsAdd(uids as number[], ['$GxAck'], { uid: true });
    } finally {
      lock.release();
      await other.logout();
    }
    await until('the acknowledged state', async () => {
      const { tickets } = await core.handlers['tickets.list']({});
      return tickets.find((t) => t.subject === subject && t.state === 'acknowledged');
    });
  });

  it('acknowledge: the customer receives one threaded, stamped reply, and the ticket becomes acknowledged', async () => {
    await core.handlers['settings.update']({ undoSeconds: 0, agentName: 'Marie' });
    const ackSubject = `Sauvegarde corrompue ${Date.now()}`;
    const sent = await sendMail(server, { from: 'customer2', to: 'technical', subject: ackSubject, text: 'Ma sauvegarde ne se charge plus.' });
    const card = await until('the new ticket', async () => (await core.handlers['tickets.list']({})).tickets.find((t) => t.subject === ackSubject));
    const { task } = await core.handlers['tickets.acknowledge']({ ticketId: card.ticketId });
    const reply = await until('the acknowledgement in the customer INBOX', async () =>
      (await listMessages(server, 'customer2', 'INBOX')).find((m) => m.subject.includes(card.ticketId)));
    expect(reply.inReplyTo).toBe(sent.messageId);
    expect(reply.headers['x-guichet-action']).toEqual(['acknowledge']);
    expect(reply.headers['x-guichet-ticket']).toEqual([card.ticketId]);
    expect(reply.messageId).toBe(task.messageId);
    await until('the acknowledged state', async () => (await core.handlers['tickets.list']({})).tickets.find((t) => t.ticketId === card.ticketId && t.state === 'acknowledged'));
    const sentFolder = await listMessages(server, 'technical', 'Sent');
    expect(sentFolder.filter((m) => m.messageId === task.messageId)).toHaveLength(1);
    expect((await listMessages(server, 'customer2', 'INBOX')).filter((m) => m.subject.includes(card.ticketId))).toHaveLength(1);
  });

  it('after a restart with the server down, the queue is still there from the store, without duplicates', async () => {
    await core.close();
    await server.stopDovecot();
    emitted = [];
    core = await openCore();
    try {
      const { tickets } = await core.handlers['tickets.list']({});
      expect(tickets.filter((t) => t.subject === subject)).toHaveLength(1);
      await until('the offline state', () => events('sync.state').find((s) => s.status === 'offline'));
    } finally {
      await server.startDovecot();
    }
    await until('reconnection', () => events('sync.state').find((s) => s.status === 'connected'), 30_000);
    const { tickets } = await core.handlers['tickets.list']({});
    expect(tickets.filter((t) => t.subject === subject)).toHaveLength(1);
  });

  it('removing a service forgets the copies of its mail on this computer, and keeps the other service\'s', async () => {
    const { services } = await core.handlers['services.list']({});
    const technical = services.find((s) => s.address === server.users.technical?.address);
    const consumer = services.find((s) => s.address === server.users.consumer?.address);
    if (!technical || !consumer) throw new Error('services missing');
    const stored = (folder: string, id: string) => existsSync(join(dataDir, 'store', folder, id));
    expect(stored('messages', technical.id) && stored('bodies', technical.id)).toBe(true);
    // An acknowledgement still in its undo window when the service goes: it must end, not retry forever.
    await core.handlers['settings.update']({ undoSeconds: 3 });
    const waitingSubject = `Manette non reconnue ${Date.now()}`;
    await sendMail(server, { from: 'customer1', to: 'technical', subject: waitingSubject, text: 'Ma manette n’est plus reconnue.' });
    const card = await until('the new ticket', async () => (await core.handlers['tickets.list']({})).tickets.find((t) => t.subject === waitingSubject));
    const { task } = await core.handlers['tickets.acknowledge']({ ticketId: card.ticketId });

    await core.handlers['services.remove']({ id: technical.id });
    const ended = await until('the waiting acknowledgement to fail', async () =>
      (await core.handlers['outbox.list']({})).tasks.find((t) => t.id === task.id && t.state === 'failed'), 20_000);
    expect(ended.error).toContain('was removed from this computer: nothing was sent');
    expect((await listMessages(server, 'customer1', 'INBOX')).filter((m) => m.subject.includes(card.ticketId))).toHaveLength(0);
    expect(stored('messages', technical.id) || stored('bodies', technical.id) || stored('analysis', technical.id)).toBe(false);
    await until('its tickets to leave the board', async () => {
      const { tickets } = await core.handlers['tickets.list']({});
      return tickets.some((t) => t.subject === subject) ? undefined : true;
    });
    expect((await core.handlers['workspace.get']({})).services.map((s) => s.id)).toEqual([consumer.id]);
    // Nothing of it comes back with the next start either.
    await core.close();
    core = await openCore();
    expect(stored('messages', technical.id)).toBe(false);
    expect((await core.handlers['tickets.list']({})).tickets.filter((t) => t.subject === subject)).toHaveLength(0);
    await core.close();
  });
});
