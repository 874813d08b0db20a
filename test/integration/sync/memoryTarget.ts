import { BodyCache } from '../../../src/main/core/store/bodyCache';
import type { FolderSyncState, SyncedMessage, SyncFolder, SyncTarget } from '../../../src/main/core/sync/syncTarget';

/** An in-memory SyncTarget; with bodyDir, bodies go to the store's body cache there (for the benchmark). */
export class MemoryTarget implements SyncTarget {
  readonly states = new Map<SyncFolder, FolderSyncState>();
  readonly messages = new Map<SyncFolder, Map<number, SyncedMessage>>();
  readonly bodies = new Map<string, Buffer>();
  /** `folder/uid` of the bodies that came in a batch with their metadata (putBodies), not one by one. */
  readonly batchedBodies = new Set<string>();
  private readonly cached = new Set<string>();
  /** The product's body cache (its pack), when bodies go to disk. */
  readonly bodyCache: BodyCache | null;
  /** Awaited inside each upsert: lets a test act at a precise point of a sync. */
  onUpsert: ((folder: SyncFolder, count: number) => Promise<void>) | null = null;

  constructor(bodyDir: string | null = null) {
    this.bodyCache = bodyDir === null ? null : new BodyCache(bodyDir);
  }

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
    return this.bodies.has(`${folder}/${uid}`) || this.cached.has(`${folder}/${uid}`);
  }

  async putBodies(folder: SyncFolder, bodies: ReadonlyArray<{ uid: number; raw: Buffer }>): Promise<void> {
    for (const { uid } of bodies) this.batchedBodies.add(`${folder}/${uid}`);
    await this.keep(folder, bodies);
  }

  async putBody(folder: SyncFolder, uid: number, raw: Buffer): Promise<void> {
    await this.keep(folder, [{ uid, raw }]);
  }

  private async keep(folder: SyncFolder, bodies: ReadonlyArray<{ uid: number; raw: Buffer }>): Promise<void> {
    if (this.bodyCache === null) {
      for (const { uid, raw } of bodies) this.bodies.set(`${folder}/${uid}`, raw);
      return;
    }
    await this.bodyCache.cacheBodies('bench', bodies.map(({ uid, raw }) => ({ messageId: `${folder}/${uid}`, raw })));
    for (const { uid } of bodies) this.cached.add(`${folder}/${uid}`);
  }
}
