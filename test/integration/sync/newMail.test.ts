// New mail delivered by Postfix reaches the target through IDLE, once, and a restart keeps it once.
import { describe, expect, inject, it } from 'vitest';
import { attachMailServer } from '../../harness/mailServer';
import { imapConnect, sendMail } from '../../harness/mailTools';
import { MemoryTarget } from './memoryTarget';
import { rawMessage, startProbe, uniqueName } from './probe';

const shared = inject('mailServer');

describe('new mail', () => {
  it('appears through IDLE as an added change, and is stored once across restarts', async () => {
    const server = attachMailServer(shared);
    const name = uniqueName('nm');
    const user = await server.addUser(name, `${name}@guichet.test`);
    const first = startProbe(shared, user);
    try {
      await first.engine.whenIdle();
      expect(first.engine.state()).toMatchObject({ status: 'connected', reason: null, since: null });

      const sent = await sendMail(shared, { from: 'customer1', to: user.address, subject: 'Panne four', text: 'Le four chauffe plus.', headers: { 'X-Guichet-Ticket': 'T-1' } });
      await first.waitFor('the added change', () => first.changes.some((c) => c.added.some((m) => m.messageId === sent.messageId)));
      const change = first.changes.find((c) => c.added.length > 0);
      expect(change).toMatchObject({ folder: 'inbox', rebuild: false, removedUids: [] });
      const added = change?.added[0];
      expect(added).toMatchObject({ subject: 'Panne four', from: { address: 'customer1@client.test' }, headers: { 'x-guichet-ticket': 'T-1' } });
      expect(first.target.list('inbox').filter((m) => m.messageId === sent.messageId)).toHaveLength(1);
      // The new message's body is prefetched too (it is inside the window).
      await first.engine.whenIdle();
      expect(await first.target.hasBody('inbox', added?.uid ?? -1)).toBe(true);
    } finally {
      await first.engine.stop();
    }

    const second = startProbe(shared, user, {}, first.target);
    try {
      await second.engine.whenIdle();
      expect(second.target.list('inbox')).toHaveLength(1);
      expect(second.changes.flatMap((c) => c.added)).toEqual([]);
    } finally {
      await second.engine.stop();
    }
  });

  it('delivered while the first pass runs, arrives without anything else happening', async () => {
    // The IDLE connection opens INBOX while the first pass runs: mail landing between the two must not be lost.
    const server = attachMailServer(shared);
    const name = uniqueName('nd');
    const user = await server.addUser(name, `${name}@guichet.test`);
    await server.seedMaildir(name, 'INBOX', Array.from({ length: 600 }, (_, n) => rawMessage(n, { tag: name })));
    const other = await imapConnect(shared, user, { extra: { disableAutoIdle: true } });
    const target = new MemoryTarget();
    let appended = false;
    target.onUpsert = async () => {
      if (appended) return;
      appended = true;
      await other.append('INBOX', rawMessage(999, { tag: name }));
    };
    const probe = startProbe(shared, user, { batchSize: 100 }, target);
    try {
      await probe.waitFor('the message delivered during the pass', () => target.list('inbox').some((m) => m.messageId === `<${name}-999@client.test>`));
      await probe.engine.whenIdle();
      expect(target.list('inbox')).toHaveLength(601);
    } finally {
      await other.logout().catch(() => other.close());
      await probe.engine.stop();
    }
  });
});
