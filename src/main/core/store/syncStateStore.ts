import { promises as fs } from 'node:fs';
import { isMissing } from './durableFile';
import { documentOptions, JsonDocument, type DocumentContext } from './jsonDocument';
import { fromFileSafeName, layout } from './layout';
import { FolderSyncState, ServiceSyncState, SyncStateFile } from './schemas';

/** Per service, per folder: where incremental sync resumes. One small document per service. */
export class SyncStateStore {
  private readonly docs = new Map<string, JsonDocument<SyncStateFile>>();

  private constructor(
    private readonly dir: string,
    private readonly context: DocumentContext,
  ) {}

  static async open(dir: string, context: DocumentContext): Promise<SyncStateStore> {
    const store = new SyncStateStore(dir, context);
    let names: string[] = [];
    try {
      names = await fs.readdir(layout.syncStateDir(dir));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    for (const name of names.filter((entry) => entry.endsWith('.json'))) {
      const serviceId = fromFileSafeName(name.slice(0, -'.json'.length));
      const doc = await JsonDocument.open(layout.syncState(dir, serviceId), emptyState(serviceId), documentOptions(SyncStateFile, context));
      store.docs.set(serviceId, doc);
    }
    return store;
  }

  /** null when the service was never synced (or its state was lost): sync starts from scratch. */
  get(serviceId: string): ServiceSyncState | null {
    const doc = this.docs.get(serviceId);
    if (doc === undefined || Object.keys(doc.data.folders).length === 0) return null;
    return structuredClone(doc.data.folders);
  }

  async set(serviceId: string, folders: ServiceSyncState): Promise<void> {
    const valid = ServiceSyncState.parse(folders);
    this.docFor(serviceId).data.folders = valid;
    await this.docFor(serviceId).save();
  }

  async setFolder(serviceId: string, folder: string, state: FolderSyncState): Promise<void> {
    const valid = FolderSyncState.parse(state);
    const doc = this.docFor(serviceId);
    doc.data.folders = { ...doc.data.folders, [folder]: valid };
    await doc.save();
  }

  /** Forgets where sync was, so the next sync rebuilds the service from the server. */
  reset(serviceId: string): Promise<void> {
    return this.set(serviceId, {});
  }

  async flush(): Promise<void> {
    await Promise.all([...this.docs.values()].map((doc) => doc.flush()));
  }

  private docFor(serviceId: string): JsonDocument<SyncStateFile> {
    let doc = this.docs.get(serviceId);
    if (doc === undefined) {
      doc = JsonDocument.create(layout.syncState(this.dir, serviceId), emptyState(serviceId), documentOptions(SyncStateFile, this.context));
      this.docs.set(serviceId, doc);
    }
    return doc;
  }
}

function emptyState(serviceId: string): SyncStateFile {
  return { kind: 'sync-state', serviceId, folders: {} };
}
