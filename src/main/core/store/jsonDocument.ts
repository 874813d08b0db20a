import path from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { CoalescingWriter } from './coalescingWriter';
import { ensureDirectory } from './durableFile';
import { DurableJsonAdapter, type DurableJsonAdapterOptions } from './durableJsonAdapter';

/** What every document of one store shares. */
export interface DocumentContext {
  now: () => Date;
  onCorrupt: (file: string, error: Error) => void;
  isClosed: () => boolean;
}

export interface DocumentOptions<T> extends DurableJsonAdapterOptions<T> {
  isClosed?: () => boolean;
}

export function documentOptions<T>(schema: z.ZodType<T>, context: DocumentContext): DocumentOptions<T> {
  return { schema, onCorrupt: context.onCorrupt, now: context.now, isClosed: context.isClosed };
}

/** Coalescing window: long enough to merge a burst of changes, short against the 30 ms persist budget. */
export const SAVE_DELAY_MS = 2;

/** One lowdb document on its own file, saved durably and coalesced. */
export class JsonDocument<T> {
  readonly db: Low<T>;
  readonly file: string;
  private readonly writer: CoalescingWriter;
  private directoryReady = false;
  private readonly isClosed: () => boolean;

  private constructor(file: string, db: Low<T>, isClosed: () => boolean) {
    this.file = file;
    this.db = db;
    this.isClosed = isClosed;
    this.writer = new CoalescingWriter(() => this.writeNow(), SAVE_DELAY_MS);
  }

  /** Reads the file (absent or corrupt: `defaults`). */
  static async open<T>(file: string, defaults: T, options: DocumentOptions<T>): Promise<JsonDocument<T>> {
    const doc = JsonDocument.create(file, defaults, options);
    await doc.db.read();
    return doc;
  }

  /** A document known not to exist on disk yet: usable at once, written on first save. */
  static create<T>(file: string, defaults: T, options: DocumentOptions<T>): JsonDocument<T> {
    return new JsonDocument(file, new Low<T>(new DurableJsonAdapter(file, options), defaults), options.isClosed ?? (() => false));
  }

  get data(): T {
    return this.db.data;
  }

  set data(value: T) {
    this.db.data = value;
  }

  /** Resolves once the in-memory state as of this call is on disk. */
  save(): Promise<void> {
    if (this.isClosed()) return Promise.reject(new Error(`The store is closed: ${path.basename(this.file)} was not saved.`));
    return this.writer.request();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  private async writeNow(): Promise<void> {
    if (!this.directoryReady) {
      await ensureDirectory(path.dirname(this.file));
      this.directoryReady = true;
    }
    await this.db.write();
  }
}
