// Two desktops acknowledge the same tickets at the same moment: each customer gets exactly one answer,
// and every agent who lost the claim is told.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type Outbox } from '../../../src/main/core/outbox';
import { openStore, type Store } from '../../../src/main/core/store';
import type { OutboxTaskView } from '../../../src/shared/views';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { ackSpec, anchorKeywords, connectionsFor, countByTicket, seedTickets, silentLog, tally, waitForCounts } from './support';

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

async function desktop(undoMs: number, onChange?: (v: OutboxTaskView) => void): Promise<{ outbox: Outbox; store: Store }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gx-outbox-'));
  dirs.push(dir);
  const store = await openStore(dir);
  stores.push(store);
  const outbox = createOutbox({
    store: store.outbox, connections: connectionsFor(server), clock: () => new Date(), log: silentLog, undoMs,
    ...(onChange ? { onTaskChange: onChange } : {}),
  });
  await outbox.start();
  return { outbox, store };
}

describe('outbox race between two desktops', () => {
  it('50 tickets acknowledged by two agents at once: 50 answers, every lost claim reported', async () => {
    const tickets = await seedTickets(server, 'technical', 50);
    const alice = await desktop(0);
    const bob = await desktop(0);
    const [aViews, bViews] = await Promise.all([
      Promise.all(tickets.map((t) => alice.outbox.enqueue(ackSpec(server, t, 'Alice')))),
      Promise.all(tickets.map((t) => bob.outbox.enqueue(ackSpec(server, t, 'Bob')))),
    ]);
    expect(aViews).toHaveLength(50);
    expect(bViews).toHaveLength(50);
    await Promise.all([alice.outbox.whenIdle(), bob.outbox.whenIdle()]);

    const ids = tickets.map((t) => t.ticketId);
    const counts = await waitForCounts(server, ids, 20_000);
    const { delivered, duplicates, lost } = tally(ids, counts);
    const all = [...alice.outbox.list(), ...bob.outbox.list()];
    const done = all.filter((t) => t.state === 'done');
    const lostClaims = all.filter((t) => t.state === 'lostClaim');
    console.log(`race: tickets=50 delivered=${delivered} duplicates=${duplicates} lost=${lost} done=${done.length} lostClaim=${lostClaims.length} (alice done ${alice.outbox.list().filter((t) => t.state === 'done').length})`);
    expect({ delivered, duplicates, lost }).toEqual({ delivered: 50, duplicates: 0, lost: 0 });
    expect(done).toHaveLength(50);
    expect(lostClaims).toHaveLength(50);
    for (const t of lostClaims) expect(t.error).toMatch(/^Claimed by /);
    // Each ticket: one done and one lostClaim, on different desktops.
    for (const id of ids) expect(all.filter((t) => t.ticketId === id).map((t) => t.state).sort()).toEqual(['done', 'lostClaim']);

    const sent = await countByTicket(server, 'technical', 'Sent');
    expect(ids.every((id) => sent.get(id) === 1)).toBe(true);
    const keywords = await anchorKeywords(server, 'technical', tickets.map((t) => t.uid));
    for (const t of tickets) {
      const kw = keywords.get(t.uid) ?? [];
      expect(kw).toContain('$GxAck');
      expect(kw).not.toContain('$GxClaim');
    }
  });

  it('a ticket someone already answered: the claim is lost and the winner named', async () => {
    const [ticket] = await seedTickets(server, 'technical', 1);
    if (!ticket) throw new Error('no ticket');
    const alice = await desktop(0);
    await alice.outbox.enqueue(ackSpec(server, ticket, 'Alice'));
    await alice.outbox.whenIdle();
    const bob = await desktop(0);
    const view = await bob.outbox.enqueue(ackSpec(server, ticket, 'Bob'));
    await bob.outbox.whenIdle();
    const final = bob.outbox.list().find((t) => t.id === view.id);
    expect(final?.state).toBe('lostClaim');
    expect(final?.error).toBe('Claimed by Alice');
  });
});
