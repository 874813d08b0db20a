// Outbox benchmark: 100 acknowledgements, each timed from enqueue (undo window 0) to the moment the
// answer is visible in the customer's INBOX over IMAP; then 30 acknowledgements by agent A timed
// until agent B's core shows them. Real Dovecot + Postfix on loopback.
// Run: npx tsx bench/actions.ts   (last line: JSON summary)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { createOutbox } from '../src/main/core/outbox';
import { openStore } from '../src/main/core/store';
import { startMailServer, type MailServer } from '../test/harness/mailServer';
import { imapConnect } from '../test/harness/mailTools';
import { crossDesktopLatencies } from './_crossDesktop';
import { ackSpec, connectionsFor, seedTickets, silentLog, type SeededTicket } from '../test/integration/outbox/support';

const COUNT = 100;
const PACE_MS = 50;
const CUSTOMERS = ['customer1', 'customer2', 'customer3', 'customer4'];

/** Watches customer INBOXes with a fast NOOP poll and records when each ticket's answer appears. */
async function watchArrivals(server: MailServer): Promise<{ arrivals: Map<string, number>; stop: () => Promise<void> }> {
  const arrivals = new Map<string, number>();
  let running = true;
  const clients: ImapFlow[] = [];
  const loops = CUSTOMERS.map(async (customer) => {
    const client = await imapConnect(server, customer, { extra: { disableAutoIdle: true } });
    clients.push(client);
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    let seen = box.exists;
    while (running) {
      await client.noop();
      const exists = client.mailbox ? client.mailbox.exists : seen;
      if (exists > seen) {
        const now = performance.now();
        for await (const m of client.fetch(`${seen + 1}:${exists}`, { headers: ['x-guichet-ticket'] })) {
          const ticket = /x-guichet-ticket:\s*(\S+)/i.exec(m.headers?.toString('utf8') ?? '')?.[1];
          if (ticket && !arrivals.has(ticket)) arrivals.set(ticket, now);
        }
        seen = exists;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  });
  return {
    arrivals,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      for (const c of clients) await c.logout().catch(() => c.close());
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Run { delivered: number[]; segments: Record<string, number[]> }

const SEGMENTS: Array<[string, string, string]> = [
  ['enqueue -> claim starts', 'enqueue', 'claiming'],
  ['claim -> won (SMTP starts)', 'claiming', 'sending'],
  ['SMTP -> accepted', 'sending', 'appending'],
  ['accepted -> Sent + keywords', 'appending', 'done'],
];

async function scenario(server: MailServer, tickets: SeededTicket[], paceMs: number): Promise<Run> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gx-bench-outbox-'));
  const store = await openStore(dir);
  const marks = new Map<string, Map<string, number>>();
  const mark = (ticketId: string, state: string) => {
    const m = marks.get(ticketId) ?? new Map<string, number>();
    marks.set(ticketId, m);
    if (!m.has(state)) m.set(state, performance.now());
  };
  const outbox = createOutbox({
    store: store.outbox, connections: connectionsFor(server), clock: () => new Date(), log: silentLog, undoMs: 0,
    onTaskChange: (v) => mark(v.ticketId, v.state),
  });
  await outbox.start();
  const watcher = await watchArrivals(server);
  const started = new Map<string, number>();
  const pending: Array<Promise<unknown>> = [];
  for (const t of tickets) {
    started.set(t.ticketId, performance.now());
    mark(t.ticketId, 'enqueue');
    pending.push(outbox.enqueue(ackSpec(server, t, 'Bench')));
    if (paceMs > 0) await new Promise((r) => setTimeout(r, paceMs));
  }
  await Promise.all(pending);
  await outbox.whenIdle();
  const deadline = Date.now() + 30_000;
  while (watcher.arrivals.size < tickets.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await watcher.stop();
  await outbox.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
  const failed = outbox.list().filter((t) => t.state !== 'done').length;
  if (failed > 0 || watcher.arrivals.size < tickets.length) throw new Error(`not all delivered: ${watcher.arrivals.size}/${tickets.length}, ${failed} not done`);
  const segments: Record<string, number[]> = {};
  for (const [name, from, to] of SEGMENTS) {
    segments[name] = tickets.map((t) => (marks.get(t.ticketId)?.get(to) ?? NaN) - (marks.get(t.ticketId)?.get(from) ?? NaN)).filter((x) => !Number.isNaN(x));
  }
  return { delivered: tickets.map((t) => (watcher.arrivals.get(t.ticketId) ?? NaN) - (started.get(t.ticketId) ?? NaN)), segments };
}

const server = await startMailServer();
try {
  const paced = await scenario(server, await seedTickets(server, 'technical', COUNT), PACE_MS);
  const burst = await scenario(server, await seedTickets(server, 'technical', COUNT), 0);
  const cross = await crossDesktopLatencies(server, 30);
  const row = (name: string, v: number[]) =>
    `${name.padEnd(34)} ${String(v.length).padStart(5)} ${percentile(v, 50).toFixed(0).padStart(8)} ${percentile(v, 95).toFixed(0).padStart(8)} ${Math.max(...v).toFixed(0).padStart(8)}`;
  console.log(`${'scenario'.padEnd(34)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  console.log(row(`paced (one click every ${PACE_MS} ms)`, paced.delivered));
  for (const [name] of SEGMENTS) console.log(row(`  ${name}`, paced.segments[name] ?? []));
  console.log(row('burst (100 clicks at once)', burst.delivered));
  for (const [name] of SEGMENTS) console.log(row(`  ${name}`, burst.segments[name] ?? []));
  console.log(row('agent A acks -> agent B sees it', cross));
  console.log(JSON.stringify({
    crossDesktopP95Ms: Math.round(percentile(cross, 95)),
    crossDesktopP50Ms: Math.round(percentile(cross, 50)),
    actionDeliveredP95Ms: Math.round(percentile(paced.delivered, 95)),
    actionDeliveredP50Ms: Math.round(percentile(paced.delivered, 50)),
    burstDeliveredP95Ms: Math.round(percentile(burst.delivered, 95)),
    actions: COUNT,
    targetP95Ms: 1000,
    crossDesktopTargetP95Ms: 2000,
  }));
} finally {
  await server.stop();
}
