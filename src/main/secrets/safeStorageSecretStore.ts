import { safeStorage } from 'electron';
import { openFileSecretStore } from '../core/store/secretFile';
import type { SecretStore } from '../core/secrets/secretStore';

/** In the Electron shell: each secret encrypted with the OS-backed safeStorage key. */
export async function openSafeStorageSecretStore(dataDir: string): Promise<SecretStore | null> {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return openFileSecretStore(dataDir, {
    kind: 'electron-safe-storage',
    warning: null,
    protect: (s) => safeStorage.encryptString(s).toString('base64'),
    reveal: (s) => safeStorage.decryptString(Buffer.from(s, 'base64')),
  });
}
