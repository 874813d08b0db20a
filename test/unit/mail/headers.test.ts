import { describe, expect, it } from 'vitest';
import {
  decodeEncodedWords,
  decodeRawHeaderBytes,
  messageIdsIn,
  multipartBoundary,
  readEnvelope,
  scanHeaderLines,
} from '../../../src/main/core/mail/headers';

const latin1 = (text: string): string => Buffer.from(text, 'latin1').toString('latin1');
const utf8AsBinary = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

describe('decodeEncodedWords', () => {
  it.each([
    ['=?UTF-8?B?UmVtYm91cnNlbWVudCBkZW1hbmTDqQ==?=', 'Remboursement demandé'],
    ['=?ISO-8859-1?Q?Fran=E7ois_P=E9rez?=', 'François Pérez'],
    ['=?utf-8?q?caf=C3=A9?= =?utf-8?q?_cr=C3=A8me?=', 'café crème'],
    // a multibyte character split across two words of the same charset
    ['=?UTF-8?B?w6k=?= =?UTF-8?B?w6g=?=', 'éè'],
    ['=?UTF-8?Q?=C3?= =?UTF-8?Q?=A9t=C3=A9?=', 'été'],
    ['Re: =?windows-1252?Q?=93devis=94?= urgent', 'Re: “devis” urgent'],
    ['=?utf-8*fr?Q?r=C3=A9ponse?=', 'réponse'],
    ['=?x-unknown-9?Q?caf=C3=A9?=', 'café'],
    ['=?UTF-8?Q?unterminated', '=?UTF-8?Q?unterminated'],
    ['=?UTF-8?X?bad?=', '=?UTF-8?X?bad?='],
    ['plain subject', 'plain subject'],
  ])('%s -> %s', (input, expected) => {
    expect(decodeEncodedWords(input)).toBe(expected);
  });
});

describe('decodeRawHeaderBytes (8-bit headers)', () => {
  it.each([
    [latin1('Réclamation télécommande'), 'Réclamation télécommande'],
    [utf8AsBinary('Garantie — écran fêlé'), 'Garantie — écran fêlé'],
    [latin1('\x93quoted\x94'), '“quoted”'],
    ['ascii only', 'ascii only'],
  ])('%j', (input, expected) => {
    expect(decodeRawHeaderBytes(input)).toBe(expected);
  });
});

describe('messageIdsIn', () => {
  it.each([
    ['<a@b> <c@d>', ['<a@b>', '<c@d>']],
    ['<a@b> (comment) <c@d>', ['<a@b>', '<c@d>']],
    ['a@b, c@d', ['<a@b>', '<c@d>']],
    ['garbage', []],
  ])('%s', (input, expected) => {
    expect(messageIdsIn(input)).toEqual(expected);
  });
});

describe('multipartBoundary', () => {
  it.each([
    ['multipart/mixed; boundary="a b"', 'a b'],
    ['Multipart/Alternative; charset=x; BOUNDARY=xyz', 'xyz'],
    ['multipart/mixed', null],
    ['text/plain; boundary=x', null],
    [null, null],
  ])('%s', (input, expected) => {
    expect(multipartBoundary(input)).toBe(expected);
  });
});

describe('scanHeaderLines + readEnvelope (fallback path)', () => {
  it('reads folded, 8-bit and encoded headers with any line ending', () => {
    const head = Buffer.concat([
      Buffer.from('From: =?ISO-8859-1?Q?No=EBl?= <noel@example.fr>\rTo: a@x, \n b@y\r\nSubject: ', 'latin1'),
      Buffer.from('Réclamation', 'latin1'),
      Buffer.from('\r\n =?UTF-8?B?w6k=?=\r\nMessage-ID: <m@x>\r\nDate: Mon, 02 Nov 2026 09:15:00 +0100\r\n\r\nbody', 'latin1'),
    ]);
    const envelope = readEnvelope(scanHeaderLines(head));
    expect(envelope.subject).toBe('Réclamation é');
    expect(envelope.from).toEqual({ name: 'Noël', address: 'noel@example.fr' });
    expect(envelope.to).toEqual([
      { name: '', address: 'a@x' },
      { name: '', address: 'b@y' },
    ]);
    expect(envelope.messageId).toBe('<m@x>');
    expect(envelope.date?.toISOString()).toBe('2026-11-02T08:15:00.000Z');
  });

  it('returns empty values, never throws, on garbage', () => {
    const envelope = readEnvelope(scanHeaderLines(Buffer.from([0, 1, 2, 0xff, 0x3a, 0x0a, 0x0a])));
    expect(envelope).toEqual({
      subject: '',
      messageId: null,
      inReplyTo: null,
      references: [],
      from: { name: '', address: '' },
      to: [],
      cc: [],
      date: null,
      stamp: null,
      resent: null,
    });
  });

  it('strips control characters from the subject', () => {
    const envelope = readEnvelope(scanHeaderLines(Buffer.from('Subject: a\x00b\x1bc =?UTF-8?Q?d=07e?=\r\n\r\n')));
    expect(envelope.subject).toBe('abc de');
  });
});
