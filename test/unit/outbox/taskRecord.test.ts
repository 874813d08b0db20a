import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { buildMime } from '../../../src/main/core/outbox/buildMime';
import { mintMessageId, newTask, OutboxTask, toView } from '../../../src/main/core/outbox/taskRecord';
import { spec } from './fixtures';
import { OutboxTaskView } from '../../../src/shared/views';


describe('task records', () => {
  it('mints <uuid@service-domain> Message-IDs, unique per task', () => {
    expect(mintMessageId('Service@Guichet.Test')).toMatch(/^<[0-9a-f-]{36}@guichet\.test>$/);
    const a = newTask(spec, new Date('2026-11-22T10:00:00Z'), 10_000);
    const b = newTask(spec, new Date('2026-11-22T10:00:00Z'), 0);
    expect(a.messageId).not.toBe(b.messageId);
    expect(a.resentMessageId).toMatch(/@guichet\.test>$/);
    expect(a).toMatchObject({ state: 'undoWindow', undoUntil: '2026-11-22T10:00:10.000Z', phase: 'created' });
    expect(b).toMatchObject({ state: 'queued', undoUntil: null });
  });

  it('round-trips through JSON and matches the view the UI shows', () => {
    const task = newTask(spec, new Date('2026-11-22T10:00:00Z'), 0);
    expect(OutboxTask.parse(JSON.parse(JSON.stringify(task)))).toEqual(task);
    const view = OutboxTaskView.parse(toView(task));
    expect(view).toMatchObject({ ticketId: 'GX-7K2M9Q', action: 'transfer', recipient: 'autre@partner.test', messageId: task.messageId });
    expect(toView({ ...task, state: 'lostClaim', lostTo: 'Bob' }).error).toBe('Claimed by Bob');
  });

  it('builds the mail with the fixed Message-ID, threading and X-Guichet-* headers', async () => {
    const task = newTask(spec, new Date('2026-11-22T10:00:00Z'), 0);
    const raw = await buildMime(spec, task.messageId, new Date('2026-11-22T10:00:05Z'));
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(task.messageId);
    expect(parsed.inReplyTo).toBe('<c2@client.test>');
    expect(parsed.references).toEqual(['<root@client.test>', '<c2@client.test>']);
    expect(parsed.headers.get('x-guichet-ticket')).toBe('GX-7K2M9Q');
    expect(parsed.headers.get('x-guichet-action')).toBe('transfer');
    // Non-ASCII names travel as RFC 2047 encoded-words: readers must decode the header.
    expect(parsed.headers.get('x-guichet-agent')).toBe('=?UTF-8?Q?=C3=89lodie?=');
    expect(parsed.headers.get('x-guichet-target-service')).toBe('autre@partner.test');
    expect(parsed.replyTo?.value[0]?.address).toBe('servicetechnique@guichet.test');
    expect(parsed.text?.trim()).toBe('Bonjour, votre demande est transmise.');
    expect(parsed.html).toContain('<p>Bonjour</p>');
    expect(Buffer.from(raw, 'utf8').every((byte) => byte < 0x80)).toBe(true); // safe to persist as a string
  });
});
