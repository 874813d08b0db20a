import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { fileTimestamp, fsyncDirectory, isMissing, removeTempLeftovers, writeFileDurable } from './durableFile';

export interface DurableJsonAdapterOptions<T> {
  /** Validates the parsed file and may transform it to the in-memory shape. */
  schema: z.ZodType<T>;
  /**
   * Turns the data into file text. Must take its snapshot synchronously when called:
   * the chunks may be consumed across several event-loop turns while the data changes.
   */
  serialize?: (data: T) => Iterable<string | Uint8Array>;
  /** Told when the file was unreadable and has been set aside; the caller rebuilds from the server. */
  onCorrupt?: (file: string, error: Error) => void;
  now?: () => Date;
  /** False when the caller has swept the directory's temp leftovers already (one listing, not one per file). */
  sweepTempOnRead?: boolean;
}

/**
 * lowdb adapter with crash-safe writes (see writeFileDurable). A file that fails to parse or
 * fails its schema is moved to `<name>.corrupt-<timestamp>` and read as absent, never thrown.
 */
export class DurableJsonAdapter<T> implements Adapter<T> {
  readonly file: string;
  private readonly options: DurableJsonAdapterOptions<T>;

  constructor(file: string, options: DurableJsonAdapterOptions<T>) {
    this.file = file;
    this.options = options;
  }

  async read(): Promise<T | null> {
    if (this.options.sweepTempOnRead !== false) await removeTempLeftovers(path.dirname(this.file), path.basename(this.file));
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      await this.setAside(toError(error));
      return null;
    }
    const result = this.options.schema.safeParse(parsed);
    if (!result.success) {
      await this.setAside(new Error(`${path.basename(this.file)} does not match its schema: ${result.error.message}`));
      return null;
    }
    return result.data;
  }

  async write(data: T): Promise<void> {
    const chunks = this.options.serialize ? this.options.serialize(data) : [JSON.stringify(data)];
    await writeFileDurable(this.file, chunks);
  }

  private async setAside(error: Error): Promise<void> {
    const now = (this.options.now ?? (() => new Date()))();
    await fs.rename(this.file, `${this.file}.corrupt-${fileTimestamp(now)}`);
    await fsyncDirectory(path.dirname(this.file));
    this.options.onCorrupt?.(this.file, error);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
