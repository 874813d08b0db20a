import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_SECRET_WARNING, secretKey } from '../../src/main/core/secrets/secretStore';
import { openFileSecretStore } from '../../src/main/core/store/secretFile';

describe('file secret store (fallback when there is no OS keychain)', () => {
  it('keeps secrets across reopen, in a folder only the user can read, and warns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-secrets-'));
    const store = await openFileSecretStore(dir);
    expect(store.warning).toBe(FILE_SECRET_WARNING);
    await store.set(secretKey('technical', 'imap'), 'p@ss');
    await store.set(secretKey('technical', 'smtp'), 'other');
    await store.delete(secretKey('technical', 'smtp'));
    const again = await openFileSecretStore(dir);
    expect(await again.get('service:technical:imap')).toBe('p@ss');
    expect(await again.get('service:technical:smtp')).toBeNull();
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'secrets', 'secrets.json')).mode & 0o077).toBe(0);
  });

  it('stores only what protect() returns (how Electron wraps secrets with safeStorage)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-secrets-'));
    const reverse = (s: string): string => [...s].reverse().join('');
    const store = await openFileSecretStore(dir, { kind: 'electron-safe-storage', warning: null, protect: reverse, reveal: reverse });
    await store.set('k', 'abc');
    expect(readFileSync(join(dir, 'secrets', 'secrets.json'), 'utf8')).toBe('{"k":"cba"}');
    expect(await store.get('k')).toBe('abc');
    expect(store.warning).toBeNull();
  });
});
