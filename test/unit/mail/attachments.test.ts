import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { safeAttachmentName, saveAttachment } from '../../../src/main/core/mail/attachments';
import { parseMessage } from '../../../src/main/core/mail/parse';

const work = mkdtempSync(path.join(tmpdir(), 'guichet-attachments-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('safeAttachmentName', () => {
  it.each([
    ['../../etc/passwd', 'text/plain', 'passwd'],
    ['C:\\evil.exe', 'application/octet-stream', 'evil.exe'],
    ['..\\..\\Windows\\System32\\drivers\\etc\\hosts', 'text/plain', 'hosts'],
    ['invoice\u202Efdp.exe', 'application/pdf', 'invoicefdp.exe'],
    ['a\x00b\nc\r.pdf', 'application/pdf', 'abc.pdf'],
    ['  .hidden.  ', 'text/plain', 'hidden'],
    ['what?<>:"|*.txt', 'text/plain', 'what_______.txt'],
    ['CON', 'text/plain', '_CON'],
    ['lpt1.txt', 'text/plain', '_lpt1.txt'],
    ['..', 'application/pdf', 'attachment.pdf'],
    ['', 'image/png', 'attachment.png'],
    [null, 'application/x-whatever', 'attachment.bin'],
    ['é'.repeat(100) + '.pdf', 'application/pdf', 'é'.repeat(58) + '.pdf'],
  ])('%j -> %j', (name, contentType, expected) => {
    expect(safeAttachmentName(name, contentType)).toBe(expected);
  });
});

describe('saveAttachment', () => {
  it('never overwrites a file or follows a planted symlink', async () => {
    const dir = path.join(work, 'planted');
    const outside = path.join(work, 'outside.txt');
    writeFileSync(outside, 'keep me');
    const save1 = saveAttachment(Readable.from([Buffer.from('new')]), { dir, name: 'a.txt', contentType: 'text/plain', contentId: null });
    const first = await save1.done;
    symlinkSync(outside, path.join(dir, 'b.txt'));
    const second = await saveAttachment(Readable.from([Buffer.from('x')]), { dir, name: 'b.txt', contentType: 'text/plain', contentId: null }).done;
    const third = await saveAttachment(Readable.from([Buffer.from('y')]), { dir, name: 'a.txt', contentType: 'text/plain', contentId: null }).done;
    expect([first.filename, second.filename, third.filename]).toEqual(['a.txt', 'b (2).txt', 'a (2).txt']);
    expect(readFileSync(outside, 'utf8')).toBe('keep me');
    expect(readFileSync(third.path, 'utf8')).toBe('y');
    expect(third.sha256).toBe('a1fce4363854ff888cff4b8e7875d600c2682390412a8cf79b37d0b11148b0fa');
  });

  it('drains the content and reports the error when the directory cannot be created', async () => {
    const blocker = path.join(work, 'blocker');
    writeFileSync(blocker, '');
    const content = Readable.from([Buffer.from('abc'), Buffer.from('def')]);
    const saved = await saveAttachment(content, { dir: path.join(blocker, 'sub'), name: 'x.bin', contentType: 'application/octet-stream', contentId: null }).done;
    expect(saved.complete).toBe(false);
    expect(saved.size).toBe(6);
    expect(saved.writeError).toMatch(/ENOTDIR|EEXIST/);
    expect(content.readableEnded).toBe(true);
  });
});

describe('parseMessage with hostile attachment names', () => {
  it('saves every attachment under a safe, unique name inside attachmentDir', async () => {
    const dir = path.join(work, 'hostile');
    const fixture = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/broken-mime/19-hostile-attachment-names.eml');
    const parsed = await parseMessage(readFileSync(fixture), { serviceId: 's', folder: 'inbox', attachmentDir: dir });
    expect(parsed.attachments.map((a) => [a.filename, a.originalName])).toEqual([
      ['passwd', '../../etc/passwd'],
      ['evil.exe', 'C:\\evil.exe'],
      ['nullinefdp.exe', '../../nul\nline\u202Efdp.exe'],
      ['report.pdf', 'report.pdf'],
      ['report (2).pdf', 'report.pdf'],
      ['_CON', 'CON'],
      ['attachment.bin', '...'],
    ]);
    for (const attachment of parsed.attachments) {
      expect(path.dirname(attachment.path)).toBe(dir);
    }
    expect(readdirSync(dir).sort()).toEqual(['_CON', 'attachment.bin', 'evil.exe', 'nullinefdp.exe', 'passwd', 'report (2).pdf', 'report.pdf']);
    expect(readFileSync(path.join(dir, 'passwd'), 'utf8')).toBe('root:x:0:0');
    expect(readFileSync(path.join(dir, 'report (2).pdf'), 'utf8')).toBe('two');
    expect(parsed.message.attachments[0]).toEqual({ filename: 'passwd', contentType: 'text/plain', size: 10 });
  });
});
