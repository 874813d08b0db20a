import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/api';
import type { EventName } from '../../../src/shared/contractNames';
import { createCore, type Core } from '../../../src/main/core/core';

// The demo workspace through the contract handlers: the real triage rules over resources/demo.

let core: Core;
let emitted: Array<{ name: EventName; payload: unknown }>;

function nextEvent<E extends EventName>(name: E, predicate: (p: EventPayload<E>) => boolean): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const hit = emitted.find((e) => e.name === name && predicate(e.payload as EventPayload<E>));
      if (hit) {
        clearInterval(timer);
        resolve(hit.payload as EventPayload<E>);
      }
    }, 5);
  });
}

beforeEach(async () => {
  emitted = [];
  core = await createCore({
    dataDir: mkdtempSync(join(tmpdir(), 'gx-core-')),
    resourcesDir: join(process.cwd(), 'resources'),
    events: { emit: (name, payload) => emitted.push({ name, payload }) },
  });
  return () => core.close();
});

describe('demo workspace core', () => {
  it('lists the two services and one ticket per customer request, with clocks and hints', async () => {
    const workspace = await core.handlers['workspace.get']({});
    expect(workspace.demo).toBe(true);
    expect(workspace.services.map((s) => s.id)).toEqual(['technical', 'consumer']);
    const { tickets } = await core.handlers['tickets.list']({});
    // 40 mails: 4 follow-ups join their thread and one mail went to both services.
    expect(tickets.length).toBe(35);
    expect(tickets.filter((t) => t.clock?.status === 'overdue').length).toBeGreaterThan(0);
    const misrouted = tickets.filter((t) => t.misroute !== null);
    expect(misrouted.length).toBeGreaterThanOrEqual(6);
    const chargedTwice = tickets.find((t) => t.subject.toLowerCase().includes('charged twice'));
    expect(chargedTwice?.serviceId).toBe('technical');
    expect(chargedTwice?.misroute?.suggestedServiceId).toBe('consumer');
    expect(new Set(tickets.map((t) => t.serialStatus))).toEqual(new Set(['verified', 'unknown', 'none']));
  });

  it('gives an attachment’s exact bytes for saving, and a clear error for one that does not exist', async () => {
    const { tickets } = await core.handlers['tickets.list']({});
    const withLog = tickets.find((t) => t.hasAttachments);
    if (!withLog) throw new Error('the demo has a mail with an attachment');
    const view = await core.handlers['tickets.get']({ ticketId: withLog.ticketId });
    const message = view.messages.find((m) => m.attachments.length > 0);
    if (!message) throw new Error('the thread holds the attachment');
    const file = await core.handlers['message.attachment']({ id: message.id, index: 0 });
    expect(file.filename).toBe('crash.log');
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.length).toBe(1208);
    expect(bytes.toString('utf8').startsWith("=== Les Chroniques d'Orbis - crash report ===")).toBe(true);
    await expect(core.handlers['message.attachment']({ id: message.id, index: 5 })).rejects.toThrow('This mail has no attachment number 6.');
  });

  it('acknowledges after the undo window, and the ticket state follows', async () => {
    await core.handlers['settings.update']({ undoSeconds: 0 });
    const { tickets } = await core.handlers['tickets.list']({ serviceId: 'technical' });
    const target = tickets.find((t) => t.state === 'new' && t.actingAgent === null);
    if (!target) throw new Error('the demo has a new technical ticket');
    const { task } = await core.handlers['tickets.acknowledge']({ ticketId: target.ticketId });
    expect(task.action).toBe('acknowledge');
    await nextEvent('outbox.changed', (p) => p.task.id === task.id && p.task.state === 'done');
    const view = await core.handlers['tickets.get']({ ticketId: target.ticketId });
    expect(view.card.state).toBe('acknowledged');
    expect(view.card.clock?.kind).toBe('update');
    const answer = view.messages.find((m) => m.fromTeam);
    expect(answer?.subject).toContain(`[${target.ticketId}]`);
    await expect(core.handlers['tickets.acknowledge']({ ticketId: target.ticketId })).rejects.toThrow('alreadyAcknowledged');
  });

  it('undo inside the window cancels: nothing recorded, state unchanged', async () => {
    await core.handlers['settings.update']({ undoSeconds: 30 });
    const { tickets } = await core.handlers['tickets.list']({ serviceId: 'consumer' });
    const target = tickets.find((t) => t.state === 'new' && t.actingAgent === null);
    if (!target) throw new Error('the demo has a new consumer ticket');
    const { task } = await core.handlers['tickets.acknowledge']({ ticketId: target.ticketId });
    expect(task.state).toBe('undoWindow');
    const undone = await core.handlers['outbox.undo']({ taskId: task.id });
    expect(undone.task.state).toBe('cancelled');
    const view = await core.handlers['tickets.get']({ ticketId: target.ticketId });
    expect(view.card.state).toBe('new');
    expect(view.messages.some((m) => m.fromTeam)).toBe(false);
  });

  it('a transfer moves the ticket to the other service with its own transfer clock', async () => {
    await core.handlers['settings.update']({ undoSeconds: 0 });
    const { tickets } = await core.handlers['tickets.list']({});
    const misrouted = tickets.find((t) => t.misroute?.suggestedServiceId === 'technical' && t.serviceId === 'consumer');
    if (!misrouted) throw new Error('the demo has a technical mail in the consumer queue');
    const { task } = await core.handlers['tickets.transferAndNotify']({ ticketId: misrouted.ticketId, targetServiceId: 'technical' });
    await nextEvent('outbox.changed', (p) => p.task.id === task.id && p.task.state === 'done');
    const view = await core.handlers['tickets.get']({ ticketId: misrouted.ticketId });
    expect(view.card.serviceId).toBe('technical');
    expect(view.history.find((entry) => entry.action === 'transfer')?.serviceId).toBe('consumer');
    expect(view.card.clock?.kind).toBe('transfer');
    const notice = view.messages.find((m) => m.fromTeam);
    expect(notice?.text).toContain('servicetechnique@demo.guichet.test');
    // The board keeps no history; the view derives it for this ticket: the customer's mail, then the transfer.
    expect(view.history.map((entry) => entry.action)).toEqual(['customerMessage', 'transfer']);
  });
});
