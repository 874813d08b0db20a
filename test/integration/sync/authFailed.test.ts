// A wrong password: authFailed with Dovecot's words, one login attempt, and no retry until
// updateCredentials().
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { attachMailServer } from '../../harness/mailServer';
import type { SyncTimers } from '../../../src/main/core/sync/serviceSync';
import { startProbe, uniqueName } from './probe';

const shared = inject('mailServer');

async function failedLogins(address: string): Promise<number> {
  const text = await readFile(join(shared.dir, 'log', 'dovecot.log'), 'utf8');
  return text.split('\n').filter((l) => l.includes(address) && /Password mismatch/i.test(l)).length;
}

describe('authentication failure', () => {
  it('stops retrying, reports the server text, and tries again only with new credentials', async () => {
    const server = attachMailServer(shared);
    const name = uniqueName('af');
    const user = await server.addUser(name, `${name}@guichet.test`);
    const pending = new Set<unknown>();
    const timers: SyncTimers = {
      set: (fn, ms) => {
        const h = setTimeout(() => { pending.delete(h); fn(); }, ms);
        pending.add(h);
        return h;
      },
      clear: (h) => { clearTimeout(h as ReturnType<typeof setTimeout>); pending.delete(h); },
    };
    const probe = startProbe(shared, { ...user, password: 'wrong-password' }, { timers, pollIntervalMs: 3_600_000 });
    try {
      await probe.waitFor('authFailed', () => probe.engine.state().status === 'authFailed');
      const state = probe.engine.state();
      expect(state.reason).toBe('Authentication failed.');
      expect(state.since).not.toBeNull();
      expect(pending.size).toBe(0); // no reconnect is scheduled at all
      expect(await failedLogins(user.address)).toBe(1);
      expect(probe.states.filter((s) => s.status === 'authFailed')).toHaveLength(1);

      probe.engine.updateCredentials({ password: user.password });
      await probe.engine.whenIdle();
      expect(probe.engine.state()).toMatchObject({ status: 'connected', reason: null, since: null });
      expect(await failedLogins(user.address)).toBe(1);
    } finally {
      await probe.engine.stop();
    }
  });
});
