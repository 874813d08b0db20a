// Dovecot stops in the middle of an initial sync of 2,000 messages and comes back: the sync
// completes with exactly the server's messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { imapConnect } from '../../harness/mailTools';
import { MemoryTarget } from './memoryTarget';
import { rawMessage, serverIndex, startProbe } from './probe';

let server: MailServer;
beforeAll(async () => { server = await startMailServer(); });
afterAll(async () => { await server?.stop(); });

describe('reconnect', () => {
  it('an initial sync cut by a Dovecot stop completes after restart: none missing, none duplicated', async () => {
    const user = server.users.technical;
    if (!user) throw new Error('no technical user');
    const base = Date.now() - 200 * 24 * 3600_000;
    await server.seedMaildir('technical', 'INBOX', Array.from({ length: 2000 }, (_, n) => rawMessage(n, { tag: 'big', date: new Date(base + n * 60_000) })));

    const target = new MemoryTarget();
    let stored = 0;
    let cutAt = -1;
    // Stop Dovecot from inside the sync, after a few batches are stored: deterministic, no sleep.
    target.onUpsert = async (_folder, count) => {
      stored += count;
      if (cutAt < 0 && stored >= 400) {
        cutAt = stored;
        await server.stopDovecot();
      }
    };
    const probe = startProbe(server, user, { batchSize: 100, bodyWindowDays: 1 }, target);
    try {
      await probe.waitFor('offline after the cut', () => cutAt >= 0 && probe.engine.state().status === 'offline');
      expect(cutAt).toBeGreaterThanOrEqual(400);
      expect(target.list('inbox').length).toBeLessThan(2000);
      expect(probe.engine.state().since).not.toBeNull();
      expect(target.states.get('inbox')).toBeUndefined(); // a cut pass saves no resume point

      await server.startDovecot();
      await probe.engine.whenIdle();
      expect(probe.engine.state()).toMatchObject({ status: 'connected', since: null, reason: null });

      const other = await imapConnect(server, user);
      const onServer = await serverIndex(other, 'INBOX');
      await other.logout();
      const local = target.list('inbox');
      expect(local.map((m) => m.uid)).toEqual([...onServer.keys()].sort((a, b) => a - b));
      const ids = local.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(2000);
      expect(ids.sort()).toEqual([...onServer.values()].map((v) => v.messageId).sort());
      expect(probe.changes.flatMap((c) => c.added)).toEqual([]); // an initial sync is never "new mail"
    } finally {
      await probe.engine.stop();
    }
  });
});
