import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** What a durable write accepts: whole content, or chunks produced lazily (a stream is an AsyncIterable). */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const TEMP_MARK = '.tmp-';

/** Temp files live next to their target so the rename stays on one filesystem. */
export function tempPathFor(target: string): string {
  return `${target}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
}

export function isTempName(name: string): boolean {
  return name.includes(TEMP_MARK);
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** mkdir -p, then fsync every directory that gained an entry, so the new path survives a power cut. */
async function createDirectory(dir: string): Promise<void> {
  const created = await fs.mkdir(dir, { recursive: true });
  if (created === undefined) return;
  const first = path.resolve(created);
  const gained: string[] = [];
  for (let entry = path.resolve(dir); entry !== first && entry !== path.dirname(entry); entry = path.dirname(entry)) gained.push(path.dirname(entry));
  gained.push(path.dirname(first));
  await Promise.all(gained.map(fsyncDirectory));
}

const creating = new Set<Promise<void>>();

/**
 * Makes `dir` exist durably. Calls can race: when another call has just created part of the
 * path, this one waits until that call's entries are durable too before a file goes in.
 */
export async function ensureDirectory(dir: string): Promise<void> {
  const own = createDirectory(dir);
  creating.add(own);
  try {
    await own;
  } finally {
    creating.delete(own);
  }
  if (creating.size > 0) await Promise.allSettled([...creating]);
}

/** Names in `dir`; none when it does not exist (or is not a directory). */
export async function listDirectory(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

function toChunks(content: FileContent): Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array> {
  return typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
}

/** Chunks are gathered up to this size and handed to the kernel in one writev. */
const WRITE_BATCH_BYTES = 1 << 20;

async function writeAll(handle: fs.FileHandle, buffers: Uint8Array[]): Promise<void> {
  const total = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const { bytesWritten } = await handle.writev(buffers);
  if (bytesWritten === total) return;
  const rest = Buffer.concat(buffers).subarray(bytesWritten);
  let offset = 0;
  while (offset < rest.byteLength) offset += (await handle.write(rest, offset, rest.byteLength - offset)).bytesWritten;
}

/**
 * Replace `target` so that a crash at any instant leaves either the old or the new content:
 * temp file in the same directory -> write -> fsync file -> rename -> fsync directory.
 */
export async function writeFileDurable(target: string, content: FileContent): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'wx');
  try {
    try {
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      for await (const chunk of toChunks(content)) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        batch.push(bytes);
        batchBytes += bytes.byteLength;
        if (batchBytes >= WRITE_BATCH_BYTES) {
          await writeAll(handle, batch);
          batch = [];
          batchBytes = 0;
        }
      }
      if (batch.length > 0) await writeAll(handle, batch);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(target));
}

/** Remove temp files a crash left in `dir` (only those belonging to `baseName` when given). */
export async function removeTempLeftovers(dir: string, baseName?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const prefix = baseName === undefined ? null : `${baseName}${TEMP_MARK}`;
  const leftovers = names.filter((name) => (prefix === null ? isTempName(name) : name.startsWith(prefix)));
  for (const name of leftovers) await fs.rm(path.join(dir, name), { force: true });
  return leftovers;
}

export function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** File-name friendly form of a clock reading, e.g. 2026-11-22T10-15-00-123Z. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}
