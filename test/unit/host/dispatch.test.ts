import { describe, expect, it } from 'vitest';
import type { ContractHandlers } from '../../../src/shared/api';
import { GuichetError } from '../../../src/main/core/errors';
import { createDispatch } from '../../../src/main/host/dispatch';
import { partialHandlers } from '../../support/partialHandlers';
import { card } from '../renderer/cardFixture';

const message = { id: 'm1', serviceId: 'technical', folder: 'inbox' as const, subject: 'Crash', from: { name: 'Ana', address: 'ana@example.fr' }, to: [], receivedAt: '2026-11-20T09:00:00.000Z', text: 'hello', html: null, attachments: [], incomplete: false, fromTeam: false };

function handlers(overrides: Partial<ContractHandlers> = {}): ContractHandlers {
  return partialHandlers({
    'workspace.get': async () => ({ demo: true, agentName: 'Démo', services: [], secretWarning: null, frozenNow: null }),
    'outbox.list': async () => ({ tasks: [] }),
    'message.get': async ({ id }) => ({ ...message, id }),
    ...overrides,
  });
}

describe('dispatch', () => {
  it('answers a valid call with the validated output', async () => {
    const result = await createDispatch(handlers())('message.get', { id: 'm7' });
    expect(result).toEqual({ ok: true, value: { ...message, id: 'm7' } });
  });

  it('refuses an unknown method by name', async () => {
    const result = await createDispatch(handlers())('mail.deleteEverything', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown method "mail.deleteEverything".' } });
  });

  it.each([
    ['a number where a string is expected', 'tickets.list', { serviceId: 5 }, 'serviceId'],
    ['an empty id', 'message.get', { id: '' }, 'id'],
    ['an unexpected key', 'workspace.get', { admin: true }, '(input)'],
    ['no input at all for a method that needs one', 'message.get', undefined, 'id'],
    ['a template preview for an action that does not exist (was previewed as a proposal)', 'tickets.previewTemplate', { ticketId: 'GX-1', template: 'transferNotice' }, 'template'],
  ])('gives a clear validation error for %s', async (_label, method, input, path) => {
    const result = await createDispatch(handlers())(method, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain(`Invalid input for ${method}: ${path}:`);
    expect(result.error.issues?.[0]?.path).toBe(path);
  });

  it('never lets an invalid output reach the UI', async () => {
    const broken = handlers({ 'message.get': async () => ({ ...message, subject: 42 }) as never });
    const logged: string[] = [];
    const result = await createDispatch(broken, (l) => logged.push(l))('message.get', { id: 'm1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_output');
    expect(logged[0]).toContain('message.get returned an invalid output');
  });

  const page = <T,>(tickets: T[]) => ({ tickets, total: tickets.length, cursor: null, provisional: false });

  it('answers tickets.list through its quick exact check, and still catches an invalid card', async () => {
    const cards = [card({ ticketId: 'GX-000001' }), card({ ticketId: 'GX-000002' })];
    const good = await createDispatch(handlers({ 'tickets.list': async () => page(cards) }))('tickets.list', {});
    expect(good).toEqual({ ok: true, value: page(cards) });
    const broken = [...cards, { ...card({ ticketId: 'GX-000003' }), state: 'lost' }];
    const bad = await createDispatch(handlers({ 'tickets.list': async () => page(broken as never) }))('tickets.list', {});
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.path).toBe('tickets.2.state');
  });

  it('strips an unknown key from a card as the schema does (the quick check refuses it, zod decides)', async () => {
    const extra = { ...card({ ticketId: 'GX-000001' }), history: [] };
    const result = await createDispatch(handlers({ 'tickets.list': async () => page([extra]) }))('tickets.list', {});
    expect(result).toEqual({ ok: true, value: page([card({ ticketId: 'GX-000001' })]) });
  });

  it('passes a GuichetError through with its code, and wraps anything else', async () => {
    const notFound = handlers({ 'message.get': async () => { throw new GuichetError('not_found', 'No message x.'); } });
    expect(await createDispatch(notFound)('message.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No message x.' } });
    const crash = handlers({ 'message.get': async () => { throw new Error('disk on fire'); } });
    expect(await createDispatch(crash)('message.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'failed', message: 'message.get failed: disk on fire' } });
  });
});
