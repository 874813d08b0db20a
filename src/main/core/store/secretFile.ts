import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FILE_SECRET_WARNING, type SecretStore } from '../secrets/secretStore';
import { ensureDirectory, writeFileDurable } from './durableFile';

const SecretFile = z.record(z.string(), z.string());

/**
 * Fallback secret store: a JSON file with mode 0600 in the data folder, written like every
 * store file (temp, fsync, rename). The UI shows FILE_SECRET_WARNING while it is in use.
 * `protect`/`reveal` let the Electron shell wrap each secret with safeStorage.
 */
export async function openFileSecretStore(
  dir: string,
  options: { kind?: SecretStore['kind']; warning?: string | null; protect?: (s: string) => string; reveal?: (s: string) => string } = {},
): Promise<SecretStore> {
  // A 0700 folder: the file is never readable by others, not even between write and chmod.
  const folder = join(dir, 'secrets');
  await ensureDirectory(folder);
  await chmod(folder, 0o700);
  const path = join(folder, 'secrets.json');
  const protect = options.protect ?? ((s: string) => s);
  const reveal = options.reveal ?? ((s: string) => s);
  const load = async (): Promise<Record<string, string>> => {
    try {
      return SecretFile.parse(JSON.parse(await readFile(path, 'utf8')));
    } catch {
      return {};
    }
  };
  let secrets = await load();
  const save = async (): Promise<void> => {
    await writeFileDurable(path, JSON.stringify(secrets));
    await chmod(path, 0o600);
  };
  return {
    kind: options.kind ?? 'file',
    warning: options.warning === undefined ? FILE_SECRET_WARNING : options.warning,
    async get(key) {
      const stored = secrets[key];
      return stored === undefined ? null : reveal(stored);
    },
    async set(key, secret) {
      secrets = { ...secrets, [key]: protect(secret) };
      await save();
    },
    async delete(key) {
      const { [key]: _gone, ...rest } = secrets;
      secrets = rest;
      await save();
    },
  };
}
