// Syncing never sets \Seen: metadata, prefetched bodies and an on-demand body all leave it alone.
import { describe, expect, inject, it } from 'vitest';
import { attachMailServer } from '../../harness/mailServer';
import { imapConnect } from '../../harness/mailTools';
import { rawMessage, serverIndex, startProbe, uniqueName } from './probe';

const shared = inject('mailServer');

describe('\\Seen', () => {
  it('is never set by syncing or by fetching bodies', async () => {
    const server = attachMailServer(shared);
    const name = uniqueName('sn');
    const user = await server.addUser(name, `${name}@guichet.test`);
    const old = new Date(Date.now() - 400 * 24 * 3600_000); // outside the prefetch window
    await server.seedMaildir(name, 'INBOX', [
      ...[1, 2, 3].map((n) => rawMessage(n, { tag: name })),
      { raw: rawMessage(4, { tag: name, date: old }), internalDate: old },
      { raw: rawMessage(5, { tag: name }), flags: ['\\Seen'] },
    ]);
    const probe = startProbe(shared, user);
    const other = await imapConnect(shared, user, { extra: { disableAutoIdle: true } });
    try {
      await probe.engine.whenIdle();
      const local = probe.target.list('inbox');
      expect(local).toHaveLength(5);
      const oldOne = local.find((m) => m.messageId === `<${name}-4@client.test>`);
      if (!oldOne) throw new Error('old message missing');
      expect(await probe.target.hasBody('inbox', oldOne.uid)).toBe(false); // outside the window
      expect(local.filter((m) => m.uid !== oldOne.uid).every((m) => probe.target.bodies.has(`inbox/${m.uid}`))).toBe(true);

      const raw = await probe.engine.fetchBody('inbox', oldOne.uid);
      expect(raw.toString()).toContain(`Message-ID: <${name}-4@client.test>`);
      expect(await probe.target.hasBody('inbox', oldOne.uid)).toBe(true);

      const flags = [...(await serverIndex(other, 'INBOX')).values()].map((m) => ({ id: m.messageId, seen: m.flags.includes('\\Seen') }));
      expect(flags.filter((f) => f.seen).map((f) => f.id)).toEqual([`<${name}-5@client.test>`]);
      expect(local.find((m) => m.messageId === `<${name}-5@client.test>`)?.flags).toEqual(['\\Seen']);
    } finally {
      await other.logout().catch(() => other.close());
      await probe.engine.stop();
    }
  });
});
