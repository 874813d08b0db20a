// Another desktop sets a keyword and expunges a message: both show up locally, with and without
// CONDSTORE/QRESYNC (the fallback path is forced by not enabling them on our connection).
import { describe, expect, inject, it } from 'vitest';
import { attachMailServer } from '../../harness/mailServer';
import { imapConnect } from '../../harness/mailTools';
import { rawMessage, serverIndex, startProbe, uniqueName } from './probe';

const shared = inject('mailServer');

describe.each([
  { mode: 'QRESYNC', extensions: {}, plan: 'qresync' },
  { mode: 'no CONDSTORE (UID ranges)', extensions: { condstore: false }, plan: 'uidRange' },
])('changes by another IMAP client, $mode', ({ extensions, plan }) => {
  it('a keyword and an expunge show up locally', async () => {
    const server = attachMailServer(shared);
    const name = uniqueName('oc');
    const user = await server.addUser(name, `${name}@guichet.test`);
    await server.seedMaildir(name, 'INBOX', [1, 2, 3, 4].map((n) => rawMessage(n, { tag: name })));
    const logs: string[] = [];
    const probe = startProbe(shared, user, { extensions, log: (line) => logs.push(line) });
    const other = await imapConnect(shared, user, { extra: { disableAutoIdle: true } });
    try {
      await probe.engine.whenIdle();
      const local = probe.target.list('inbox');
      expect(local.map((m) => m.messageId)).toEqual([1, 2, 3, 4].map((n) => `<${name}-${n}@client.test>`));
      const [, second, third] = local;
      if (!second || !third) throw new Error('seed missing');

      await other.mailboxOpen('INBOX');
      await other.messageFlagsAdd(String(second.uid), ['gx_claimed'], { uid: true });
      await probe.waitFor('the keyword', () => probe.target.folder('inbox').get(second.uid)?.keywords.includes('gx_claimed') === true);
      const changed = probe.changes.findLast((c) => c.changed.some((m) => m.uid === second.uid));
      expect(changed).toMatchObject({ folder: 'inbox', rebuild: false, added: [] });

      await other.messageDelete(String(third.uid), { uid: true });
      await probe.waitFor('the expunge', () => !probe.target.folder('inbox').has(third.uid));
      expect(probe.changes.some((c) => c.removedUids.includes(third.uid) && !c.rebuild)).toBe(true);

      expect(logs).toContain(`sync ${user.address}: inbox ${plan}`);
      const onServer = await serverIndex(other, 'INBOX');
      expect(probe.target.list('inbox').map((m) => m.uid)).toEqual([...onServer.keys()].sort((a, b) => a - b));
    } finally {
      await other.logout().catch(() => other.close());
      await probe.engine.stop();
    }
  });
});
