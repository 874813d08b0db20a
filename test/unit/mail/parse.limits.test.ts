import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { deeplyNestedMessage, hugeHeaderMessage, longTextMessage } from '../../fixtures/broken-mime/generate';
import { UNREADABLE_SUBJECT, parseMessage, stableMessageId } from '../../../src/main/core/mail/parse';
import type { ParseOptions } from '../../../src/main/core/mail/parse';
import { MAX_TEXT_CHARS } from '../../../src/main/core/mail/plainText';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '../../fixtures/broken-mime');
const work = mkdtempSync(path.join(tmpdir(), 'guichet-parse-limits-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const opts = (extra: Partial<ParseOptions> = {}): ParseOptions => ({ serviceId: 'consumer', folder: 'inbox', attachmentDir: path.join(work, 'att'), ...extra });

function chunked(buffer: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
  return Readable.from(chunks, { objectMode: false });
}

describe('stableMessageId', () => {
  it.each([
    ['<a@b>', 'ABCDEF0123456789ffff', 'a@b#abcdef0123456789'],
    [' <a@b> ', 'abcdef0123456789', 'a@b#abcdef0123456789'],
    [null, '0123456789abcdef0123', '#0123456789abcdef'],
  ])('%j + %s', (messageId, sha, expected) => {
    expect(stableMessageId(messageId, sha)).toBe(expected);
  });
});

describe('huge headers', () => {
  it('a 2 MB header line parses completely', async () => {
    const parsed = await parseMessage(hugeHeaderMessage(2 * 1024 * 1024), opts());
    expect(parsed.message.incomplete).toBe(false);
    expect(parsed.message.subject).toBe('Huge header line');
    expect(parsed.message.from).toEqual({ name: 'Quentin', address: 'quentin@example.com' });
    expect(parsed.message.text).toBe('Body after a huge header.\n');
  });

  it('a 6 MB header is refused, and the fallback scan still finds the headers before it', async () => {
    const parsed = await parseMessage(hugeHeaderMessage(6 * 1024 * 1024), opts());
    expect(parsed.message.incomplete).toBe(true);
    expect(parsed.problems).toEqual(['MIME: Max header size for a MIME node exceeded']);
    expect(parsed.message.subject).toBe('Huge header line');
    expect(parsed.message.messageId).toBe('<huge-header@example.com>');
    expect(parsed.message.from).toEqual({ name: '', address: '' });
    expect(parsed.sourceSize).toBe(hugeHeaderMessage(6 * 1024 * 1024).length);
  });
});

describe('deeply nested multiparts', () => {
  it('500 levels parse to the innermost text', async () => {
    const parsed = await parseMessage(deeplyNestedMessage(500), opts());
    expect(parsed.message.incomplete).toBe(false);
    expect(parsed.message.text).toBe('Deep inside.');
  });

  it.each([1000, 5000])('%i levels stop at the part limit without blowing the stack', async (depth) => {
    const parsed = await parseMessage(deeplyNestedMessage(depth), opts());
    expect(parsed.message.incomplete).toBe(true);
    expect(parsed.problems).toEqual(['MIME: Max allowed child nodes exceeded']);
    expect(parsed.message.subject).toBe('Deeply nested');
    expect(parsed.message.from).toEqual({ name: '', address: 'rita@example.com' });
  });
});

describe('size limits', () => {
  it('keeps the first 256 K characters of a long text body', async () => {
    const parsed = await parseMessage(longTextMessage(300_000), opts());
    expect(parsed.message.text.length).toBe(MAX_TEXT_CHARS);
    expect(parsed.textClipped).toBe(true);
    expect(parsed.message.incomplete).toBe(false);
  });
});

describe('streams', () => {
  it.each(['12-bare-cr.eml', '19-hostile-attachment-names.eml', '04-latin1-raw-headers.eml'])(
    '%s: a stream in 1-byte and 7-byte chunks gives the same message as a Buffer',
    async (file) => {
      const raw = readFileSync(path.join(FIXTURES, file));
      const fromBuffer = await parseMessage(raw, opts({ attachmentDir: path.join(work, 'b', file) }));
      for (const size of [1, 7]) {
        const fromStream = await parseMessage(chunked(raw, size), opts({ attachmentDir: path.join(work, `s${size}`, file) }));
        expect(fromStream.message).toEqual(fromBuffer.message);
        expect(fromStream.sourceSha256).toBe(fromBuffer.sourceSha256);
      }
    },
  );

  it('a source that fails midway still comes back, incomplete', async () => {
    const raw = readFileSync(path.join(FIXTURES, '18-encoded-words.eml'));
    const source = new Readable({ read() {} });
    source.push(raw.subarray(0, 200));
    setImmediate(() => source.destroy(new Error('connection reset')));
    const parsed = await parseMessage(source, opts());
    expect(parsed.message.incomplete).toBe(true);
    expect(parsed.sourceComplete).toBe(false);
    expect(parsed.problems).toContain('source: connection reset');
    expect(parsed.message.subject).toBe('Remboursement demandé pour la référence 42');
  });

  it('a source that stalls is given up after timeoutMs', async () => {
    const source = new Readable({ read() {} });
    source.push('From: a@b\r\nSubj');
    const parsed = await parseMessage(source, opts({ timeoutMs: 50 }));
    expect(parsed.message.incomplete).toBe(true);
    expect(parsed.problems).toEqual(['gave up after 50 ms', 'source ended early or could not be read to its end']);
    expect(parsed.message.subject).toBe(UNREADABLE_SUBJECT);
    expect(parsed.message.from).toEqual({ name: '', address: 'a@b' });
    expect(source.destroyed).toBe(false);
    source.destroy();
  });
});

describe('message fields', () => {
  it('uses internalDate and keywords from the caller', async () => {
    const raw = readFileSync(path.join(FIXTURES, '18-encoded-words.eml'));
    const parsed = await parseMessage(raw, opts({ internalDate: new Date('2026-11-07T08:00:00Z'), keywords: ['$guichet_ack'], folder: 'archive' }));
    expect(parsed.message.date).toBe('2026-11-07T08:00:00.000Z');
    expect(parsed.message.keywords).toEqual(['$guichet_ack']);
    expect(parsed.message.folder).toBe('archive');
    expect(parsed.message.serviceId).toBe('consumer');
  });

  it('falls back to the Date header, then to the epoch', async () => {
    const withDate = await parseMessage(readFileSync(path.join(FIXTURES, '18-encoded-words.eml')), opts());
    expect(withDate.message.date).toBe('2026-11-05T10:00:00.000Z');
    const withoutDate = await parseMessage(Buffer.from('Subject: x\r\n\r\ny'), opts());
    expect(withoutDate.message.date).toBe('1970-01-01T00:00:00.000Z');
  });
});
