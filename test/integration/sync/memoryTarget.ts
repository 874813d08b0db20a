import { writeFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderSyncState, SyncedMessage, SyncFolder, SyncTarget } from '../../../src/main/core/sync/syncTarget';

/** An in-memory SyncTarget; with bodyDir, bodies are written as .eml files (for the benchmark). */
export class MemoryTarget implements SyncTarget {
  readonly states = new Map<SyncFolder, FolderSyncState>();
  readonly messages = new Map<SyncFolder, Map<number, SyncedMessage>>();
  readonly bodies = new Map<string, Buffer>();
  private readonly bodyFiles = new Set<string>();
  private readonly madeDirs = new Map<string, Promise<unknown>>();
  /** Awaited inside each upsert: lets a test act at a precise point of a sync. */
  onUpsert: ((folder: SyncFolder, count: number) => Promise<void>) | null = null;

  constructor(private readonly bodyDir: string | null = null) {}

  folder(folder: SyncFolder): Map<number, SyncedMessage> {
    let m = this.messages.get(folder);
    if (!m) {
      m = new Map();
      this.messages.set(folder, m);
    }
    return m;
  }

  list(folder: SyncFolder): SyncedMessage[] {
    return [...this.folder(folder).values()].sort((a, b) => a.uid - b.uid);
  }

  async loadFolderState(folder: SyncFolder): Promise<FolderSyncState | null> {
    return this.states.get(folder) ?? null;
  }

  async saveFolderState(folder: SyncFolder, state: FolderSyncState): Promise<void> {
    this.states.set(folder, { ...state });
  }

  async upsert(folder: SyncFolder, messages: SyncedMessage[]): Promise<void> {
    const m = this.folder(folder);
    for (const msg of messages) m.set(msg.uid, msg);
    if (this.onUpsert) await this.onUpsert(folder, messages.length);
  }

  async expunge(folder: SyncFolder, uids: number[]): Promise<void> {
    const m = this.folder(folder);
    for (const uid of uids) {
      m.delete(uid);
      this.bodies.delete(`${folder}/${uid}`);
    }
  }

  async resetFolder(folder: SyncFolder, _newUidValidity: number): Promise<void> {
    this.messages.set(folder, new Map());
    this.states.delete(folder);
    for (const key of [...this.bodies.keys()]) if (key.startsWith(`${folder}/`)) this.bodies.delete(key);
  }

  async knownFlags(folder: SyncFolder): Promise<Map<number, string[]>> {
    return new Map([...this.folder(folder).values()].map((m) => [m.uid, [...m.flags, ...m.keywords]]));
  }

  async hasBody(folder: SyncFolder, uid: number): Promise<boolean> {
    return this.bodies.has(`${folder}/${uid}`) || this.bodyFiles.has(`${folder}/${uid}`);
  }

  async putBody(folder: SyncFolder, uid: number, raw: Buffer): Promise<void> {
    if (this.bodyDir === null) {
      this.bodies.set(`${folder}/${uid}`, raw);
      return;
    }
    const dir = join(this.bodyDir, folder);
    let made = this.madeDirs.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true });
      this.madeDirs.set(dir, made);
    }
    await made;
    // fs.writeFile (callback), not fs/promises: on Node 20 the FileHandle path costs 2-4x more per small file.
    await new Promise<void>((resolve, reject) => writeFile(join(dir, `${uid}.eml`), raw, (error) => (error ? reject(error) : resolve())));
    this.bodyFiles.add(`${folder}/${uid}`);
  }
}
