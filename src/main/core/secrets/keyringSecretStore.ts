import { Entry } from '@napi-rs/keyring';
import type { SecretStore } from './secretStore';

const SERVICE = 'Guichet';

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
 * Returns null when there is none reachable, for example a Linux session without a Secret Service.
 */
export function openKeyringSecretStore(): SecretStore | null {
  try {
    const probe = new Entry(SERVICE, 'probe');
    probe.setPassword('ok');
    if (probe.getPassword() !== 'ok') return null;
    probe.deletePassword();
  } catch {
    return null;
  }
  return {
    kind: 'os-keychain',
    warning: null,
    async get(key) {
      try {
        return new Entry(SERVICE, key).getPassword() ?? null;
      } catch {
        return null;
      }
    },
    async set(key, secret) {
      new Entry(SERVICE, key).setPassword(secret);
    },
    async delete(key) {
      try {
        new Entry(SERVICE, key).deletePassword();
      } catch {}
    },
  };
}
