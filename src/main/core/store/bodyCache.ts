import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BodyPack } from './bodyPack';
import { ensureDirectory, isMissing, isTempName, writeFileDurable } from './durableFile';
import { fileSafeName, layout } from './layout';

/** Where a service's body packs live: beside its .eml buckets, under bodies/<service>/. */
export function bodyPackDir(storeDir: string, serviceId: string): string {
  return path.join(layout.bodiesDir(storeDir), fileSafeName(serviceId));
}

/**
 * Raw sources. Sync caches them in one append-only pack per service (cacheBody: cheap, checked
 * when read, refetched when lost, see bodyPack.ts); a body that must exist as a file of its own
 * (putBody, bodyFile) is written as an .eml with the same temp/fsync/rename as the documents.
 */
export class BodyCache {
  private readonly dir: string;
  private readonly packs = new Map<string, Promise<BodyPack>>();
  private knownId: (serviceId: string, id: string) => string | undefined = () => undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Where packs opened from now on find the id strings already in memory (BodyPackOptions.sameId). */
  shareIds(knownId: (serviceId: string, id: string) => string | undefined): void {
    this.knownId = knownId;
  }

  /** The service's pack, opened (and its index recovered) on first use. */
  private pack(serviceId: string): Promise<BodyPack> {
    let pack = this.packs.get(serviceId);
    if (pack === undefined) {
      pack = BodyPack.open(bodyPackDir(this.dir, serviceId), { sameId: (id) => this.knownId(serviceId, id) ?? id });
      this.packs.set(serviceId, pack);
      pack.catch(() => this.packs.delete(serviceId)); // a failed open is tried again next time
    }
    return pack;
  }

  /** Resolves with the file path once the raw message is durable. */
  async putBody(serviceId: string, messageId: string, raw: Buffer | Readable): Promise<string> {
    const file = layout.body(this.dir, serviceId, messageId);
    await ensureDirectory(path.dirname(file));
    await writeFileDurable(file, raw);
    return file;
  }

  /** Appends the raw message to the service's pack; resolves once written (not fsynced: a cache). */
  async cacheBody(serviceId: string, messageId: string, raw: Buffer): Promise<void> {
    await (await this.pack(serviceId)).append(messageId, raw);
  }

  /** Several at once: one append to the pack. */
  async cacheBodies(serviceId: string, bodies: ReadonlyArray<{ messageId: string; raw: Buffer }>): Promise<void> {
    await (await this.pack(serviceId)).appendMany(bodies.map((b) => ({ id: b.messageId, body: b.raw })));
  }

  /** The raw message from the pack or its .eml file; null when not cached (or found damaged). */
  async readBody(serviceId: string, messageId: string): Promise<Buffer | null> {
    const packed = await (await this.pack(serviceId)).read(messageId);
    if (packed !== null) return packed;
    try {
      return await fs.readFile(this.getBodyPath(serviceId, messageId));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** A file holding the raw message (a packed one is written out as .eml first); null when not cached. */
  async bodyFile(serviceId: string, messageId: string): Promise<string | null> {
    const file = this.getBodyPath(serviceId, messageId);
    if (await isFile(file)) return file;
    const packed = await (await this.pack(serviceId)).read(messageId);
    return packed === null ? null : this.putBody(serviceId, messageId, packed);
  }

  /** Where the body's own .eml file is (or would be); packed bodies have none: see bodyFile. */
  getBodyPath(serviceId: string, messageId: string): string {
    return layout.body(this.dir, serviceId, messageId);
  }

  async hasBody(serviceId: string, messageId: string): Promise<boolean> {
    if ((await this.pack(serviceId)).has(messageId)) return true;
    return isFile(this.getBodyPath(serviceId, messageId));
  }

  async removeBody(serviceId: string, messageId: string): Promise<void> {
    await this.removeBodies(serviceId, [messageId]);
  }

  async removeBodies(serviceId: string, messageIds: readonly string[]): Promise<void> {
    await (await this.pack(serviceId)).remove(messageIds);
    for (const id of messageIds) await fs.rm(this.getBodyPath(serviceId, id), { force: true });
  }

  /** Forgets a service's bodies (the service was removed): its packs and its .eml files. */
  async dropService(serviceId: string): Promise<void> {
    const pack = this.packs.get(serviceId);
    this.packs.delete(serviceId);
    // Writes under way end first, or they would make the folder again once it is gone.
    await pack?.then((p) => p.flush(), () => {});
    await fs.rm(bodyPackDir(this.dir, serviceId), { recursive: true, force: true });
  }

  /** Writes what the packs have queued and checkpoints their indexes. */
  async flush(): Promise<void> {
    await Promise.all([...this.packs.values()].map(async (pack) => (await pack).flush()));
  }

  /** Deletes temp files a crash left among the bodies; returns how many. */
  async removeTempLeftovers(): Promise<number> {
    const root = layout.bodiesDir(this.dir);
    let entries: string[];
    try {
      entries = await fs.readdir(root, { recursive: true });
    } catch {
      return 0;
    }
    const leftovers = entries.filter((entry) => isTempName(path.basename(entry)));
    for (const entry of leftovers) await fs.rm(path.join(root, entry), { force: true });
    return leftovers.length;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
