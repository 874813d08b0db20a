// Agent A acknowledges, agent B's core shows it: two cores (two desktops, own data folders)
// on the same real mailboxes; timed from A's click to B's tickets.changed with the new state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../src/main/core/core';
import { openFileSecretStore } from '../src/main/core/store/secretFile';
import type { TicketCard } from '../src/shared/api';
import type { MailServer } from '../test/harness/mailServer';
import { sendMail } from '../test/harness/mailTools';

interface Desktop { core: Core; dir: string; changes: Array<{ at: number; card: TicketCard }> }

async function desktop(server: MailServer, agentName: string): Promise<Desktop> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gx-bench-desk-'));
  const changes: Desktop['changes'] = [];
  const core = await createCore({
    dataDir: dir, resourcesDir: path.join(process.cwd(), 'resources'), secrets: await openFileSecretStore(dir),
    events: { emit: (name, payload) => {
      if (name !== 'tickets.changed') return;
      const at = performance.now();
      for (const card of (payload as { upserted: TicketCard[] }).upserted) changes.push({ at, card });
    } },
  });
  for (const name of ['technical', 'consumer'] as const) {
    const user = server.users[name];
    if (!user) throw new Error(`no ${name} user`);
    const endpoint = { host: '127.0.0.1', tls: 'none' as const, user: user.user };
    await core.handlers['services.add']({
      id: name, name, kind: name, address: user.address, colour: '#888888', defaultLanguage: 'fr',
      imap: { ...endpoint, port: server.imapPort }, smtp: { ...endpoint, port: server.smtpPort }, imapPassword: user.password, smtpPassword: user.password,
    });
  }
  await core.handlers['settings.update']({ agentName, undoSeconds: 0 });
  return { core, dir, changes };
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Milliseconds from A's acknowledge call to B seeing the ticket acknowledged, one per ticket. */
export async function crossDesktopLatencies(server: MailServer, count: number): Promise<number[]> {
  const a = await desktop(server, 'Agent A');
  const b = await desktop(server, 'Agent B');
  try {
    const subjects = Array.from({ length: count }, (_, i) => `Cross-desktop ${Date.now()} #${i}`);
    for (const subject of subjects) await sendMail(server, { from: 'customer3', to: 'technical', subject, text: 'Le jeu plante au lancement.' });
    const tickets: TicketCard[] = [];
    for (const subject of subjects) {
      const card = await until(async () => (await a.core.handlers['tickets.list']({})).tickets.find((t) => t.subject === subject));
      await until(async () => (await b.core.handlers['tickets.list']({})).tickets.find((t) => t.ticketId === card.ticketId));
      tickets.push(card);
    }
    const latencies: number[] = [];
    for (const ticket of tickets) {
      const clicked = performance.now();
      await a.core.handlers['tickets.acknowledge']({ ticketId: ticket.ticketId });
      const seen = await until(() => b.changes.find((c) => c.at >= clicked && c.card.ticketId === ticket.ticketId && c.card.state === 'acknowledged'));
      latencies.push(seen.at - clicked);
    }
    return latencies;
  } finally {
    await a.core.close();
    await b.core.close();
    await rm(a.dir, { recursive: true, force: true });
    await rm(b.dir, { recursive: true, force: true });
  }
}
