// The direct reading of simple text/plain messages (mail/simpleText.ts) gives exactly what
// mailparser gives: the whole ParsedMessage is compared, path against path, on generated variants
// (transfer encodings, charsets, line endings, headers) and on every committed .eml we have.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/main/core/mail/parse';
import { simplePlainText } from '../../../src/main/core/mail/simpleText';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const work = mkdtempSync(path.join(tmpdir(), 'guichet-simple-text-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
async function bothPaths(source: Buffer) {
  const opts = (only: boolean) => ({ serviceId: 'technical', folder: 'inbox' as const, attachmentDir: path.join(work, String(runs++)), mailparserOnly: only });
  return { direct: await parseMessage(source, opts(false)), mailparser: await parseMessage(source, opts(true)) };
}

const head = (extra: string[], eol = '\r\n') => [
  'From: =?utf-8?Q?Ren=C3=A9e_Martin?= <renee@client.test>',
  'To: Service technique <technique@guichet.test>',
  'Subject: =?utf-8?B?TGF2ZS1saW5nZSBlbiBwYW5uZQ==?=',
  'Date: Mon, 16 Nov 2026 10:12:00 +0100',
  'Message-ID: <variant@client.test>',
  ...extra,
].join(eol);

const utf8Text = 'Bonjour,\r\nMon lave-linge affiche « E21 » depuis lundi — série LX-4402.\r\n\r\nMerci d’avance,\r\nRenée\r\n';
const qp = (s: string) => Buffer.from(s, 'utf8').toString('latin1').replace(/[^\x20-\x3c\x3e-\x7e\r\n]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

const VARIANTS: Record<string, Buffer> = {
  'utf-8, 8bit': Buffer.from(`${head(['MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'])}\r\n\r\n${utf8Text}`),
  'utf-8, quoted charset, no CTE': Buffer.from(`${head(['Content-Type: text/plain; charset="UTF-8"'])}\r\n\r\n${utf8Text}`),
  'utf-8, quoted-printable': Buffer.from(`${head(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'])}\r\n\r\n${qp(utf8Text)}`, 'latin1'),
  'quoted-printable soft breaks': Buffer.from(`${head(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'])}\r\n\r\nUne ligne tr=C3=A8s longue qui est coup=\r\n=C3=A9e par le client de messagerie.\r\n`, 'latin1'),
  'utf-8, base64': Buffer.from(`${head(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'])}\r\n\r\n${Buffer.from(utf8Text).toString('base64').replace(/(.{76})/g, '$1\r\n')}\r\n`),
  'ascii, no Content-Type': Buffer.from(`${head([])}\r\n\r\nThe printer does not start.\r\nSerial LX-4402.\r\n`),
  'ascii, LF line endings': Buffer.from(`${head(['Content-Type: text/plain'], '\n')}\n\nThe printer does not start.\nSerial LX-4402.\n`),
  'folded headers, X-Guichet stamp, Resent': Buffer.from(`${head(['Content-Type: text/plain;\r\n charset=utf-8', 'X-Guichet-Ticket: T-1234', 'Resent-From: agent@guichet.test', 'Resent-Date: Mon, 16 Nov 2026 11:00:00 +0100', 'References: <a@x>\r\n <b@x>', 'In-Reply-To: <b@x>'])}\r\n\r\n${utf8Text}`),
  'empty body': Buffer.from(`${head(['Content-Type: text/plain; charset=utf-8'])}\r\n\r\n`),
  'body with tabs and trailing spaces': Buffer.from(`${head(['Content-Type: text/plain; charset=utf-8'])}\r\n\r\nCol1\tCol2   \r\n  indented\r\n\r\n\r\n`),
};

describe('simple text/plain messages read directly', () => {
  for (const [name, source] of Object.entries(VARIANTS)) {
    it(`${name}: taken by the direct reading, same result as mailparser`, async () => {
      expect(simplePlainText(source)).not.toBeNull();
      const { direct, mailparser } = await bothPaths(source);
      expect(direct).toEqual(mailparser);
      expect(direct.message.text).not.toContain('\r');
    });
  }

  it('leaves the rest to mailparser: multipart, html, latin1, flowed, bad UTF-8, stray =, unknown CTE', () => {
    const others = [
      `${head(['Content-Type: multipart/mixed; boundary=b'])}\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n`,
      `${head(['Content-Type: text/html; charset=utf-8'])}\r\n\r\n<p>x</p>\r\n`,
      `${head(['Content-Type: text/plain; charset=iso-8859-1'])}\r\n\r\ncaf\xe9\r\n`,
      `${head(['Content-Type: text/plain; charset=utf-8; format=flowed'])}\r\n\r\nx \r\ny\r\n`,
      `${head(['Content-Type: text/plain; charset=utf-8'])}\r\n\r\ncaf\xe9\r\n`,
      `${head(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'])}\r\n\r\n2 = 2\r\n`,
      `${head(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: x-uuencode'])}\r\n\r\nx\r\n`,
      `${head(['Content-Type: text/plain', 'Content-Type: text/html'])}\r\n\r\nx\r\n`,
    ];
    for (const raw of others) expect(simplePlainText(Buffer.from(raw, 'latin1'))).toBeNull();
  });

  it('gives the same result as mailparser on every committed .eml it takes', async () => {
    const dirs = ['test/fixtures/broken-mime', 'test/fixtures/forms', 'test/fixtures/routing', 'resources/demo/mail'].map((d) => path.join(ROOT, d));
    const files = dirs.flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml')).map((f) => path.join(dir, f)));
    let taken = 0;
    for (const file of files) {
      const source = readFileSync(file);
      if (simplePlainText(source) === null) continue;
      taken++;
      const { direct, mailparser } = await bothPaths(source);
      expect(direct, file).toEqual(mailparser);
    }
    expect(files.length).toBeGreaterThan(50);
    expect(taken).toBeGreaterThan(20);
  });
});
