import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MailMessage } from '../../../src/shared/domain';
import { UNREADABLE_SUBJECT, parseMessage } from '../../../src/main/core/mail/parse';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(HERE, '../../fixtures/broken-mime');
const work = mkdtempSync(path.join(tmpdir(), 'guichet-parse-fixtures-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
function parseFile(file: string) {
  runs += 1;
  return parseMessage(readFileSync(file), {
    serviceId: 'technical',
    folder: 'inbox',
    attachmentDir: path.join(work, `${runs}-${path.basename(file)}`),
  });
}

interface Expected {
  subject: string;
  /** Exact decoded text, or a string the text must start with for long or garbled bodies. */
  text: string | { startsWith: string; length: number };
  incomplete: boolean;
  messageId: string | null;
  from?: { name: string; address: string };
}

// One row per committed fixture; README.md in the fixture folder says what each one breaks.
const TABLE: Record<string, Expected> = {
  '01-missing-boundary.eml': { subject: 'Missing boundary', text: 'The printer does not start.', incomplete: true, messageId: '<missing-boundary@example.com>', from: { name: 'Alice Martin', address: 'alice@example.com' } },
  '02-wrong-boundary.eml': { subject: 'Wrong boundary', text: 'Preamble text.\n\nBody under the wrong boundary.', incomplete: true, messageId: '<wrong-boundary@example.com>' },
  // x-unknown-9 is unknown to iconv-lite: decoded as UTF-8, which these bytes are.
  '03-unknown-charset.eml': { subject: 'Unknown charset', text: 'Commande livrée cassée.\n', incomplete: false, messageId: '<unknown-charset@example.com>' },
  '04-latin1-raw-headers.eml': { subject: 'Réclamation: télécommande défectueuse', text: 'La télécommande ne répond plus.\n', incomplete: false, messageId: '<latin1-raw@example.fr>', from: { name: 'Hélène Dupré', address: 'helene@example.fr' } },
  '05-utf8-raw-headers.eml': { subject: 'Garantie — écran fêlé ✓', text: "L'écran est fêlé depuis la livraison.\n", incomplete: false, messageId: '<utf8-raw@example.fr>', from: { name: 'Zoë Œuvray', address: 'zoe@example.fr' } },
  '06-truncated-base64.eml': { subject: 'Truncated base64', text: 'Invoice attached.', incomplete: true, messageId: '<truncated-base64@example.com>' },
  '07-unknown-cte.eml': { subject: 'Unknown transfer encoding', text: 'Plain words under an unknown encoding.\n', incomplete: false, messageId: '<unknown-cte@example.com>' },
  // Base64 decoding of a non-base64 body yields bytes that are not UTF-8: replacement characters.
  '08-base64-declared-plain-body.eml': { subject: 'Base64 declared, plain body', text: { startsWith: 'N\ufffd', length: 11 }, incomplete: false, messageId: '<wrong-cte@example.com>' },
  '09-no-headers.eml': { subject: UNREADABLE_SUBJECT, text: 'A body without any header at all.\nSecond line.\n', incomplete: true, messageId: null },
  '10-headers-only.eml': { subject: 'Headers only', text: '', incomplete: false, messageId: '<headers-only@example.com>' },
  '11-nul-bytes.eml': { subject: 'NUL bytes', text: 'Beforeafter.\n', incomplete: false, messageId: '<nul-bytes@example.com>' },
  '12-bare-cr.eml': { subject: 'Bare CR line endings', text: 'Line one.\nLine two.\n', incomplete: false, messageId: '<bare-cr@example.com>' },
  '13-invalid-encoded-words.eml': { subject: 'café =?UTF-8?Q?unterminated and =?UTF-8?X?bad-encoding?=', text: 'Body.\n', incomplete: false, messageId: '<invalid-ew@example.com>' },
  '14-multipart-no-parts.eml': { subject: 'Multipart without parts', text: '', incomplete: true, messageId: '<no-parts@example.com>' },
  '15-duplicate-headers.eml': { subject: 'First subject', text: 'Duplicate headers.\n', incomplete: false, messageId: '<dup-1@example.com>', from: { name: 'First Sender', address: 'first@example.com' } },
  '16-overlong-lines.eml': { subject: 'Overlong ' + 'x'.repeat(989), text: { startsWith: 'y'.repeat(20000) + '\nend', length: 20005 }, incomplete: false, messageId: '<overlong@example.com>' },
  '17-html-only.eml': { subject: 'HTML only', text: 'Bonjour,\n\nMon colis est arrivé abîmé.', incomplete: false, messageId: '<html-only@example.com>' },
  '18-encoded-words.eml': { subject: 'Remboursement demandé pour la référence 42', text: 'Merci de vérifier.\n', incomplete: false, messageId: '<encoded-words@example.fr>', from: { name: 'Noël François', address: 'noel@example.fr' } },
  '19-hostile-attachment-names.eml': { subject: 'Hostile attachment names', text: 'See attachments.', incomplete: false, messageId: '<hostile-names@example.com>' },
  '20-guichet-stamp-resent.eml': { subject: 'Re: [T-2026-0042] Votre demande', text: 'Transféré au service consommateurs.\n', incomplete: false, messageId: '<reply-42@guichet.test>' },
  '21-binary-garbage.eml': { subject: UNREADABLE_SUBJECT, text: { startsWith: '', length: 3375 }, incomplete: true, messageId: null },
  '22-empty.eml': { subject: UNREADABLE_SUBJECT, text: '', incomplete: true, messageId: null },
  '23-mbox-from-line.eml': { subject: 'Mbox separator first', text: 'Body.\n', incomplete: false, messageId: '<mbox@example.com>' },
  '24-unclosed-multipart.eml': { subject: 'Unclosed multipart', text: 'Plain part.', incomplete: true, messageId: '<unclosed@example.com>' },
};

describe('broken-mime fixtures', () => {
  it('has a table row for every committed fixture, and at least 15 of them', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort();
    expect(files).toEqual(Object.keys(TABLE).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const [file, expected] of Object.entries(TABLE)) {
    it(`${file}: parses without throwing to the expected message`, async () => {
      const parsed = await parseFile(path.join(FIXTURES, file));
      const message = parsed.message;
      expect(MailMessage.parse(message)).toEqual(message);
      expect(message.id).toBe(`${(expected.messageId ?? '').replace(/^<|>$/g, '')}#${parsed.sourceSha256.slice(0, 16)}`);
      expect(message.subject).toBe(expected.subject);
      expect(message.messageId).toBe(expected.messageId);
      expect(message.incomplete).toBe(expected.incomplete);
      expect(parsed.problems.length > 0).toBe(expected.incomplete);
      if (typeof expected.text === 'string') expect(message.text).toBe(expected.text);
      else {
        expect(message.text.startsWith(expected.text.startsWith)).toBe(true);
        expect(message.text.length).toBe(expected.text.length);
      }
      if (expected.from) expect(message.from).toEqual(expected.from);
    });
  }

  it('duplicate headers: single headers keep the first, lists concatenate', async () => {
    const { message } = await parseFile(path.join(FIXTURES, '15-duplicate-headers.eml'));
    expect(message.to).toEqual([
      { name: '', address: 'one@guichet.test' },
      { name: '', address: 'two@guichet.test' },
    ]);
    expect(message.references).toEqual(['<r1@example.com>', '<r2@example.com>']);
  });

  it('reads the Guichet stamp, the latest Resent-* block, References and In-Reply-To', async () => {
    const { message } = await parseFile(path.join(FIXTURES, '20-guichet-stamp-resent.eml'));
    expect(message.stamp).toEqual({ ticket: 'T-2026-0042', action: 'transfer', agent: 'agent.dupont', targetService: 'consumer' });
    expect(message.resent).toEqual({
      from: 'servicetechnique@guichet.test',
      to: 'serviceconso@guichet.test',
      date: '2026-11-06T13:00:00.000Z',
      messageId: '<resent-1@guichet.test>',
    });
    expect(message.references).toEqual(['<orig-42@example.com>', '<follow-42@example.com>']);
    expect(message.inReplyTo).toBe('<orig-42@example.com>');
  });

  it('keeps HTML of an HTML-only mail and derives the text from it', async () => {
    const { message } = await parseFile(path.join(FIXTURES, '17-html-only.eml'));
    expect(message.html).toContain('<p>Mon colis est arriv&eacute; ab&icirc;m&eacute;.</p>');
    expect(message.text).not.toContain('alert');
    expect(message.text).not.toContain('color:red');
  });

  it('saves the truncated attachment with what was there', async () => {
    const parsed = await parseFile(path.join(FIXTURES, '06-truncated-base64.eml'));
    expect(parsed.message.attachments).toEqual([{ filename: 'invoice.pdf', contentType: 'application/pdf', size: 142 }]);
    expect(parsed.problems).toEqual(['multipart body ends before its closing boundary (truncated)']);
  });
});

// mailparser's own fixtures live in its Git repository (test/fixtures); the npm package ships
// only dist/, so there is nothing to loop over unless a later version starts shipping them.
const MAILPARSER_FIXTURES = ['node_modules/mailparser/test/fixtures', 'node_modules/mailparser/fixtures']
  .map((dir) => path.resolve(HERE, '../../..', dir))
  .filter((dir) => existsSync(dir));
const mailparserFiles = MAILPARSER_FIXTURES.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => path.join(dir, f)),
);

describe("mailparser's own fixtures", () => {
  if (mailparserFiles.length === 0) {
    it('are not shipped in the npm package (only dist/): nothing to loop over', () => {
      console.warn("mailparser fixtures: node_modules/mailparser has no test/fixtures (the npm package ships dist/ only); loop not run.");
      expect(existsSync(path.resolve(HERE, '../../../node_modules/mailparser/dist'))).toBe(true);
      expect(mailparserFiles).toEqual([]);
    });
  }
  for (const file of mailparserFiles) {
    it(`${path.basename(file)} parses without throwing`, async () => {
      const { message } = await parseFile(file);
      expect(message.id).toMatch(/#[0-9a-f]{16}$/);
      expect(typeof message.subject).toBe('string');
      expect(MailMessage.parse(message)).toEqual(message);
    });
  }
});
