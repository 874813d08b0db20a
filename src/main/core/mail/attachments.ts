import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** An attachment written to disk by the parser. */
export interface SavedAttachment {
  /** Safe file name inside the attachment directory, also what the UI shows. */
  filename: string;
  /** The name the message gave, decoded, or null when it gave none. */
  originalName: string | null;
  path: string;
  contentType: string;
  size: number;
  sha256: string;
  contentId: string | null;
  /** False when the content stream failed or was cut short (broken MIME, timeout, disk error). */
  complete: boolean;
  /** Why the file could not be written, if it could not. */
  writeError: string | null;
}

const MAX_NAME_BYTES = 120;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
};

function truncateUtf8(value: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of value) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * A file name that is safe on every desktop OS: no directory part, no control or bidi
 * characters, no reserved characters or device names, bounded length, extension kept.
 */
export function safeAttachmentName(name: string | null | undefined, contentType: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    // control chars, bidi overrides/isolates, zero-width chars, BOM
    .replace(/[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  if (!clean) clean = `attachment.${EXTENSIONS[contentType.toLowerCase()] ?? 'bin'}`;
  if (Buffer.byteLength(clean) > MAX_NAME_BYTES) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = truncateUtf8(clean.slice(0, clean.length - ext.length), MAX_NAME_BYTES - Buffer.byteLength(ext)).trimEnd() + ext;
  }
  return clean;
}

function numbered(name: string, n: number): string {
  if (n === 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/**
 * Opens a new file for `safeName` in `dir` without ever overwriting: "a.pdf", "a (2).pdf", …
 * The exclusive flag also refuses a planted symlink.
 */
async function openUnique(dir: string, safeName: string): Promise<{ handle: FileHandle; filename: string; filePath: string }> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; ; n++) {
    const filename = numbered(safeName, n);
    const filePath = path.join(dir, filename);
    if (path.dirname(filePath) !== path.resolve(dir)) throw new Error(`unsafe attachment path ${filePath}`);
    try {
      return { handle: await open(filePath, 'wx'), filename, filePath };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 10_000) throw err;
    }
  }
}

export interface AttachmentTarget {
  dir: string;
  name: string | null;
  contentType: string;
  contentId: string | null;
}

/**
 * Streams `content` to a new file, hashing as it goes; memory stays at one chunk.
 * Always drains `content` to its end, even when the disk fails, so the MIME parser can go on.
 * `abort()` (from the parser's failure path) settles it with what was written.
 */
export function saveAttachment(content: Readable, target: AttachmentTarget): { done: Promise<SavedAttachment>; abort: () => void } {
  const hash = createHash('sha256');
  let size = 0;
  let writeError: Error | null = null;
  let aborted = false;
  let settle: (complete: boolean) => void = () => undefined;
  const ended = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  const filePromise = openUnique(target.dir, safeAttachmentName(target.name, target.contentType));
  filePromise.catch((err: unknown) => {
    writeError = err instanceof Error ? err : new Error(String(err));
  });

  let writing: Promise<unknown> = filePromise;
  content.on('data', (chunk: Buffer) => {
    size += chunk.length;
    hash.update(chunk);
    content.pause();
    writing = writing
      .then(async () => {
        if (!writeError) await (await filePromise).handle.write(chunk);
      })
      .catch((err: unknown) => {
        writeError ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => {
        if (!aborted) content.resume();
      });
  });
  content.once('end', () => settle(true));
  content.once('error', () => settle(false));

  const done = (async (): Promise<SavedAttachment> => {
    const complete = await ended;
    await writing.catch(() => undefined);
    let filename = safeAttachmentName(target.name, target.contentType);
    let filePath = path.join(target.dir, filename);
    try {
      const file = await filePromise;
      filename = file.filename;
      filePath = file.filePath;
      await file.handle.close();
    } catch {}
    return {
      filename,
      originalName: target.name,
      path: filePath,
      contentType: target.contentType,
      size,
      sha256: hash.digest('hex'),
      contentId: target.contentId,
      complete: complete && !aborted && writeError === null,
      writeError: (writeError as Error | null)?.message ?? null,
    };
  })();
  return {
    done,
    abort: () => {
      aborted = true;
      settle(false);
    },
  };
}
