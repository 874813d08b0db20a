// Undo, a refused recipient, and Postfix going away: what reaches the customer, and how often.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type Outbox } from '../../../src/main/core/outbox';
import { openStore, type Store } from '../../../src/main/core/store';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { ackSpec, anchorKeywords, connectionsFor, countByTicket, customerCounts, seedTickets, silentLog, tally, waitForCounts } from './support';

let server: MailServer;
const dirs: string[] = [];
const stores: Store[] = [];

beforeAll(async () => {
  server = await startMailServer();
});
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => {});
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  await server?.stop();
});

async function desktop(undoMs: number, extra: { retryBaseMs?: number } = {}): Promise<{ outbox: Outbox; store: Store; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gx-outbox-'));
  dirs.push(dir);
  const store = await openStore(dir);
  stores.push(store);
  const outbox = createOutbox({
    store: store.outbox, connections: connectionsFor(server), clock: () => new Date(), log: silentLog, undoMs,
    retry: { baseMs: extra.retryBaseMs ?? 200, maxMs: 2_000, factor: 2, jitter: 0, stableAfterMs: 0 },
    connectTimeoutMs: 2_000,
  });
  await outbox.start();
  return { outbox, store, dir };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox delivery', () => {
  it('undo inside the window: nothing sent, nothing in Sent; after the window: sent once', async () => {
    const [undone, kept] = await seedTickets(server, 'technical', 2);
    if (!undone || !kept) throw new Error('seed');
    const { outbox } = await desktop(300);
    const a = await outbox.enqueue(ackSpec(server, undone, 'Alice'));
    const b = await outbox.enqueue(ackSpec(server, kept, 'Alice'));
    expect(a.state).toBe('undoWindow');
    const cancelled = await outbox.undo(a.id);
    expect(cancelled.state).toBe('cancelled');
    await outbox.whenIdle();
    await expect(outbox.undo(b.id)).rejects.toThrow(/Too late/);

    const counts = await waitForCounts(server, [kept.ticketId], 10_000, 700);
    expect(counts.get(undone.ticketId) ?? 0).toBe(0);
    expect(counts.get(kept.ticketId)).toBe(1);
    const sent = await countByTicket(server, 'technical', 'Sent');
    expect(sent.get(undone.ticketId) ?? 0).toBe(0);
    expect(sent.get(kept.ticketId)).toBe(1);
    expect(outbox.list().find((t) => t.id === b.id)?.state).toBe('done');
  });

  it('a recipient refused with 550 fails with the server text and is not retried', async () => {
    const [ticket] = await seedTickets(server, 'technical', 1);
    if (!ticket) throw new Error('seed');
    const { outbox } = await desktop(0);
    const spec = ackSpec(server, ticket, 'Alice');
    spec.mail.to = [{ name: 'Nobody', address: 'nobody-here@client.test' }];
    const view = await outbox.enqueue(spec);
    await outbox.whenIdle();
    const failed = outbox.list().find((t) => t.id === view.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.retryable).toBe(false);
    expect(failed?.error).toMatch(/^550 .*nobody-here@client\.test/);
    expect(failed?.attempts).toBe(0);
    await sleep(600); // longer than the retry base: a retry would show here
    expect(outbox.list().find((t) => t.id === view.id)?.attempts).toBe(0);
    // The claim is released so someone else can answer.
    const kw = (await anchorKeywords(server, 'technical', [ticket.uid])).get(ticket.uid) ?? [];
    expect(kw).not.toContain('$GxClaim');
    expect(kw).not.toContain('$GxAck');
    const retried = await outbox.retry(view.id);
    expect(retried.id).not.toBe(view.id);
    expect(retried.messageId).not.toBe(view.messageId);
  });

  it('Postfix stopped: actions wait; started again: each is delivered exactly once', async () => {
    const tickets = await seedTickets(server, 'technical', 6);
    const { outbox } = await desktop(0, { retryBaseMs: 300 });
    await server.stopPostfix();
    try {
      const views = await Promise.all(tickets.map((t) => outbox.enqueue(ackSpec(server, t, 'Alice'))));
      const deadline = Date.now() + 15_000;
      while (outbox.list().filter((t) => views.some((v) => v.id === t.id) && t.attempts >= 2).length < views.length) {
        if (Date.now() > deadline) throw new Error('tasks never retried');
        await sleep(100);
      }
      const waiting = outbox.list().filter((t) => views.some((v) => v.id === t.id));
      expect(waiting.every((t) => t.state === 'sending' && t.retryable && t.error !== null)).toBe(true);
      const before = await customerCounts(server);
      expect(tickets.every((t) => (before.get(t.ticketId) ?? 0) === 0)).toBe(true);
    } finally {
      await server.startPostfix();
    }
    outbox.kick();
    await outbox.whenIdle();
    const ids = tickets.map((t) => t.ticketId);
    const counts = await waitForCounts(server, ids, 10_000, 700);
    const result = tally(ids, counts);
    console.log(`postfix down/up: tasks=${ids.length} delivered=${result.delivered} duplicates=${result.duplicates} lost=${result.lost}`);
    expect(result).toEqual({ delivered: 6, duplicates: 0, lost: 0 });
    expect(outbox.list().filter((t) => t.state === 'done')).toHaveLength(6);
  });
});
