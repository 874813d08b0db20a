import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ensureDirectory, isTempName, writeFileDurable } from './durableFile';
import { layout } from './layout';

/** Raw .eml sources, one file each, written with the same temp/fsync/rename as the documents. */
export class BodyCache {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Resolves with the file path once the raw message is durable. */
  async putBody(serviceId: string, messageId: string, raw: Buffer | Readable): Promise<string> {
    const file = layout.body(this.dir, serviceId, messageId);
    await ensureDirectory(path.dirname(file));
    await writeFileDurable(file, raw);
    return file;
  }

  /** Where the body is (or would be) cached; check with hasBody. */
  getBodyPath(serviceId: string, messageId: string): string {
    return layout.body(this.dir, serviceId, messageId);
  }

  async hasBody(serviceId: string, messageId: string): Promise<boolean> {
    try {
      return (await fs.stat(this.getBodyPath(serviceId, messageId))).isFile();
    } catch {
      return false;
    }
  }

  async removeBody(serviceId: string, messageId: string): Promise<void> {
    await fs.rm(this.getBodyPath(serviceId, messageId), { force: true });
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
