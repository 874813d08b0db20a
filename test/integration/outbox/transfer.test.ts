// A transfer keeps the customer's bytes: the target gets them under Resent-* headers, the customer one notice.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuichetKeyword } from '../../../src/shared/keywords';
import { createOutbox, type Outbox } from '../../../src/main/core/outbox';
import type { OutboxTaskSpec } from '../../../src/main/core/outbox/taskSpec';
import { openStore, type Store } from '../../../src/main/core/store';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { listMessages } from '../../harness/mailTools';
import { ackSpec, anchorKeywords, connectionsFor, seedTickets, silentLog, waitForCounts, type SeededTicket } from './support';

let server: MailServer;
let dir: string;
let store: Store;
let outbox: Outbox;

beforeAll(async () => {
  server = await startMailServer();
  dir = await mkdtemp(path.join(tmpdir(), 'gx-outbox-'));
  store = await openStore(dir);
  outbox = createOutbox({ store: store.outbox, connections: connectionsFor(server), clock: () => new Date(), log: silentLog, undoMs: 0 });
  await outbox.start();
});
afterAll(async () => {
  await outbox?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
  await server?.stop();
});

async function transferSpec(ticket: SeededTicket, targetServiceId: string | null, targetAddress: string): Promise<OutboxTaskSpec> {
  const rawSource = path.join(dir, `${ticket.ticketId}.eml`);
  await writeFile(rawSource, ticket.raw);
  const spec = ackSpec(server, ticket, 'Alice', 'transfer');
  spec.mail.text = `Bonjour,\n\nVotre demande a été transmise à ${targetAddress}, qui vous répondra.\n`;
  spec.keywords = { add: [GuichetKeyword.transferred], remove: [GuichetKeyword.acknowledged, GuichetKeyword.waiting, GuichetKeyword.resolved] };
  spec.transfer = { targetServiceId, targetAddress, rawSource };
  return spec;
}

function splitResent(raw: Buffer, original: Buffer): string {
  expect(raw.length).toBeGreaterThan(original.length);
  const below = raw.subarray(raw.length - original.length);
  expect(below.equals(original)).toBe(true);
  return raw.subarray(0, raw.length - original.length).toString('utf8');
}

describe('outbox transfer', () => {
  it('to a configured service: APPENDed to its INBOX, bytes intact, one notice, source marked', async () => {
    const [ticket] = await seedTickets(server, 'technical', 1);
    if (!ticket) throw new Error('seed');
    const target = server.users.consumer?.address ?? '';
    const view = await outbox.enqueue(await transferSpec(ticket, 'consumer', target));
    await outbox.whenIdle();
    expect(outbox.list().find((t) => t.id === view.id)?.state).toBe('done');

    const copies = (await listMessages(server, 'consumer')).filter((m) => m.messageId === ticket.messageId);
    expect(copies).toHaveLength(1);
    const copy = copies[0];
    if (!copy) throw new Error('no copy');
    const top = splitResent(copy.raw, ticket.raw);
    expect(top).toMatch(/^Resent-From: servicetechnique@guichet\.test\r\nResent-To: serviceconso@guichet\.test\r\nResent-Date: .+\r\nResent-Message-ID: <[^>]+@guichet\.test>\r\n$/);
    expect(copy.keywords.filter((k) => k.startsWith('$Gx'))).toEqual([]);

    const counts = await waitForCounts(server, [ticket.ticketId], 10_000, 700);
    expect(counts.get(ticket.ticketId)).toBe(1);
    const notice = (await listMessages(server, ticket.customer)).find((m) => m.headers['x-guichet-ticket']?.[0] === ticket.ticketId);
    expect(notice?.text).toContain(target);
    expect(notice?.headers['x-guichet-action']).toEqual(['transfer']);
    expect(notice?.headers['x-guichet-target-service']).toEqual([target]);
    const kw = (await anchorKeywords(server, 'technical', [ticket.uid])).get(ticket.uid);
    expect(kw).toContain('$GxTransferred');
    expect(kw).not.toContain('$GxClaim');
  });

  it('to any other address: redirected over SMTP with the same Resent-* headers', async () => {
    const [ticket] = await seedTickets(server, 'technical', 1);
    if (!ticket) throw new Error('seed');
    const outside = server.users.customer4?.address ?? '';
    const view = await outbox.enqueue(await transferSpec(ticket, null, outside));
    await outbox.whenIdle();
    expect(outbox.list().find((t) => t.id === view.id)?.state).toBe('done');
    const deadline = Date.now() + 10_000;
    let copies: Awaited<ReturnType<typeof listMessages>> = [];
    while (Date.now() < deadline) {
      copies = (await listMessages(server, 'customer4')).filter((m) => m.messageId === ticket.messageId);
      if (copies.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(copies).toHaveLength(1);
    const raw = copies[0]?.raw ?? Buffer.alloc(0);
    // Delivery adds Return-Path/Delivered-To/Received on top; the Resent-* block and the bytes follow.
    const at = raw.indexOf('Resent-From: ');
    expect(at).toBeGreaterThanOrEqual(0);
    const top = splitResent(raw.subarray(at), ticket.raw);
    expect(top).toMatch(/^Resent-From: servicetechnique@guichet\.test\r\nResent-To: customer4@client\.test\r\n/);
    const kw = (await anchorKeywords(server, 'technical', [ticket.uid])).get(ticket.uid);
    expect(kw).toContain('$GxTransferred');
  });
});
