// A mailbox deleted and re-created (new UIDVALIDITY) is rebuilt quietly: rebuild: true, nothing
// reported as added, no duplicates.
import { describe, expect, inject, it } from 'vitest';
import { attachMailServer } from '../../harness/mailServer';
import { imapConnect } from '../../harness/mailTools';
import { rawMessage, serverIndex, startProbe, uniqueName } from './probe';

const shared = inject('mailServer');

describe('UIDVALIDITY change', () => {
  it('rebuilds the folder quietly', async () => {
    const server = attachMailServer(shared);
    const name = uniqueName('uv');
    const user = await server.addUser(name, `${name}@guichet.test`);
    const raws = [1, 2, 3, 4, 5].map((n) => rawMessage(n, { tag: name }));
    await server.seedMaildir(name, 'Archive', raws);
    const probe = startProbe(shared, user, { pollIntervalMs: 3_600_000 });
    const other = await imapConnect(shared, user, { extra: { disableAutoIdle: true } });
    try {
      await probe.engine.whenIdle();
      const before = probe.target.list('archive');
      expect(before).toHaveLength(5);
      const oldValidity = probe.target.states.get('archive')?.uidValidity;

      await other.mailboxDelete('Archive');
      // Dovecot auto-creates Archive (SPECIAL-USE, auto = subscribe) if the engine opens it in
      // between: then it already exists, empty, with its new UIDVALIDITY.
      await other.mailboxCreate('Archive').catch(async (error: unknown) => {
        if (!(await other.list()).some((box) => box.path === 'Archive')) throw error;
      });
      for (const raw of raws) await other.append('Archive', raw);
      const reported = probe.changes.length;
      // Our command connection may be dropped by Dovecot if it had Archive selected: either way
      // the next pass sees the new UIDVALIDITY.
      await probe.engine.syncNow().catch(() => {});
      await probe.waitFor('the rebuilt archive', () => probe.target.states.get('archive')?.uidValidity !== oldValidity
        && probe.target.list('archive').length === 5 && probe.engine.state().status === 'connected');

      const after = probe.changes.slice(reported).filter((c) => c.folder === 'archive');
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((c) => c.rebuild)).toBe(true);
      expect(after.flatMap((c) => c.added)).toEqual([]);
      const ids = probe.target.list('archive').map((m) => m.messageId);
      expect(new Set(ids).size).toBe(5);
      // Dovecot sometimes answers NO [SERVERBUG] on a mailbox re-created moments ago (its index is
      // still settling): read the server's view again on a fresh connection.
      const onServer = await serverIndex(other, 'Archive').catch(async () => {
        await new Promise((r) => setTimeout(r, 300));
        const fresh = await imapConnect(shared, user, { extra: { disableAutoIdle: true } });
        try {
          return await serverIndex(fresh, 'Archive');
        } finally {
          await fresh.logout().catch(() => fresh.close());
        }
      });
      expect(probe.target.list('archive').map((m) => m.uid)).toEqual([...onServer.keys()].sort((a, b) => a - b));
      expect(probe.target.list('archive').every((m) => m.uidValidity === probe.target.states.get('archive')?.uidValidity)).toBe(true);
    } finally {
      await other.logout().catch(() => other.close());
      await probe.engine.stop();
    }
  });
});
