import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

// One record of a body pack: a 16-byte header, the message id, then the raw source.
//   0  magic "GXB1"   4  kind (1 body, 2 removed)   5  0   6  id length (u16)
//   8  body length (u32)   12  CRC-32 of bytes 4-11, the id and the body
// The CRC covers the lengths too: a torn or half-written record never reads as a valid one.

export const RECORD_HEADER_BYTES = 16;
const MAGIC = 0x31425847; // "GXB1" read as a little-endian u32

export type RecordKind = 'body' | 'removed';

export interface PackRecord {
  kind: RecordKind;
  id: string;
  /** Header, id and body: what one record occupies in the pack. */
  length: number;
  body: Buffer;
}

/** The parts of one record, ready for writev (the body is not copied). */
export function encodeRecord(kind: RecordKind, id: string, body: Buffer): [header: Buffer, id: Buffer, body: Buffer] {
  const idBytes = Buffer.from(id, 'utf8');
  if (idBytes.length > 0xffff) throw new Error(`A message id of ${idBytes.length} bytes is too long for the body pack.`);
  if (body.length > 0xffffffff) throw new Error('A body over 4 GB cannot be packed.');
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt8(kind === 'body' ? 1 : 2, 4);
  header.writeUInt16LE(idBytes.length, 6);
  header.writeUInt32LE(body.length, 8);
  header.writeUInt32LE(crc32(body, crc32(idBytes, crc32(header.subarray(4, 12)))), 12);
  return [header, idBytes, body];
}

/** Total length announced by the header at `at`, or null when there is no record header there. */
export function recordLengthAt(buffer: Buffer, at: number): number | null {
  if (at + RECORD_HEADER_BYTES > buffer.length || buffer.readUInt32LE(at) !== MAGIC) return null;
  const kind = buffer.readUInt8(at + 4);
  if ((kind !== 1 && kind !== 2) || buffer.readUInt8(at + 5) !== 0) return null;
  return RECORD_HEADER_BYTES + buffer.readUInt16LE(at + 6) + buffer.readUInt32LE(at + 8);
}

/** The record at `at` if it is whole and its CRC matches; null otherwise (torn, zeroed, garbage). */
export function decodeRecord(buffer: Buffer, at: number): PackRecord | null {
  const length = recordLengthAt(buffer, at);
  if (length === null || at + length > buffer.length) return null;
  const idLength = buffer.readUInt16LE(at + 6);
  const idBytes = buffer.subarray(at + RECORD_HEADER_BYTES, at + RECORD_HEADER_BYTES + idLength);
  const body = buffer.subarray(at + RECORD_HEADER_BYTES + idLength, at + length);
  const expected = crc32(body, crc32(idBytes, crc32(buffer.subarray(at + 4, at + 12))));
  if (expected !== buffer.readUInt32LE(at + 12)) return null;
  return { kind: buffer.readUInt8(at + 4) === 1 ? 'body' : 'removed', id: idBytes.toString('utf8'), length, body };
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** One record read from `handle` at `offset`, verified; null when it is not there whole. */
export async function readRecord(handle: FileHandle, offset: number, length: number): Promise<PackRecord | null> {
  const record = decodeRecord(await readAt(handle, offset, length), 0);
  return record !== null && record.length === length ? record : null;
}

const SCAN_CHUNK_BYTES = 1 << 20;

/**
 * Reads records from `from` to `size` in large chunks, handing each valid one to `onRecord` with its
 * offset. Returns where the valid records end: `size`, or the start of the first torn one.
 */
export async function scanRecords(handle: FileHandle, from: number, size: number, onRecord: (record: PackRecord, offset: number) => void): Promise<number> {
  let chunk: Buffer = Buffer.alloc(0);
  let chunkStart = from;
  let position = from;
  while (position < size) {
    let at = position - chunkStart;
    let length = recordLengthAt(chunk, at);
    if (length === null || at + length > chunk.length) {
      // The record runs past the chunk (or its header does): read again from its start.
      chunk = await readAt(handle, position, Math.min(size - position, Math.max(SCAN_CHUNK_BYTES, length ?? 0)));
      chunkStart = position;
      at = 0;
      length = recordLengthAt(chunk, 0);
    }
    const record = length === null ? null : decodeRecord(chunk, at);
    if (record === null) return position;
    onRecord(record, position);
    position += record.length;
  }
  return position;
}

export async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  const total = buffers.reduce((sum, b) => sum + b.length, 0);
  const { bytesWritten } = await handle.writev(buffers);
  if (bytesWritten === total) return;
  const rest = Buffer.concat(buffers).subarray(bytesWritten);
  for (let done = 0; done < rest.length;) done += (await handle.write(rest, done, rest.length - done)).bytesWritten;
}

/** fdatasync of a whole file. */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
