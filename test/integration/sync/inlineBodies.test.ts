// A first pass takes the small bodies of the window in the same FETCH as their metadata; a large
// one comes after, through the prefetch; one older than the window stays on the server until asked.
import { describe, expect, inject, it } from 'vitest';
import { attachMailServer } from '../../harness/mailServer';
import { imapConnect } from '../../harness/mailTools';
import { rawMessage, startProbe, uniqueName } from './probe';

const shared = inject('mailServer');

describe('bodies of a first pass', () => {
  it('come with the metadata when small and recent, through the prefetch when large, never when old', async () => {
    const server = attachMailServer(shared);
    const name = uniqueName('ib');
    const user = await server.addUser(name, `${name}@guichet.test`);
    const old = new Date(Date.now() - 400 * 24 * 3600_000);
    await server.seedMaildir(name, 'INBOX', [
      ...[1, 2, 3, 4].map((n) => rawMessage(n, { tag: name })),
      rawMessage(5, { tag: name, bodyBytes: 400 * 1024 }), // over the inline limit
      { raw: rawMessage(6, { tag: name }), internalDate: old },
    ]);
    const probe = startProbe(shared, user);
    try {
      await probe.engine.whenIdle();
      const uidOf = (n: number) => probe.target.list('inbox').find((m) => m.messageId === `<${name}-${n}@client.test>`)?.uid ?? -1;
      for (const n of [1, 2, 3, 4]) {
        expect(probe.target.batchedBodies.has(`inbox/${uidOf(n)}`)).toBe(true);
        expect(probe.target.bodies.get(`inbox/${uidOf(n)}`)?.toString()).toContain(`Message-ID: <${name}-${n}@client.test>`);
      }
      expect(probe.target.batchedBodies.has(`inbox/${uidOf(5)}`)).toBe(false);
      expect(probe.target.bodies.get(`inbox/${uidOf(5)}`)?.length).toBeGreaterThan(400 * 1024);
      expect(await probe.target.hasBody('inbox', uidOf(6))).toBe(false);
      expect(probe.engine.state().bodies).toEqual({ done: 5, total: 5 });
      // The inline FETCH does not ask for RFC822.SIZE: the size kept is the source's length, which
      // must be what the server itself reports.
      const client = await imapConnect(shared, user, { extra: { disableAutoIdle: true } });
      try {
        await client.mailboxOpen('INBOX', { readOnly: true });
        for await (const row of client.fetch('1:*', { uid: true, size: true }, { uid: true })) {
          expect(probe.target.list('inbox').find((m) => m.uid === row.uid)?.size).toBe(row.size);
        }
      } finally {
        await client.logout();
      }
    } finally {
      await probe.engine.stop();
    }
  });
});
