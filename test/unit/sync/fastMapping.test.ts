import { describe, expect, it } from 'vitest';
import { parseAddresses } from '../../../src/main/core/mail/headers';
import { isoFromMs, mailDateMs } from '../../../src/main/core/sync/mailDate';
import { linkKeepsUp } from '../../../src/main/core/sync/decisions';
import { addressesOf, headerBlockOf, headerLines } from '../../../src/main/core/sync/messageMapping';

// The mapping's fast paths must answer exactly what the general code (V8, mailparser) answers.

describe('mailDateMs', () => {
  const v8 = (value: string) => new Date(value.replace(/\s*\([^)]*\)\s*$/, '')).getTime();
  const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

  it.each([
    'Mon, 16 Nov 2026 09:30:00 +0100 (CET)', 'Mon, 16 Nov 2026 09:30:00 GMT', '16 Nov 2026 09:30 -0530',
    'Sat, 29 Feb 2020 23:59:59 +1400', 'Sun, 31 Feb 2021 10:00:00 +0000', 'Mon, 16 nov 2026 9:05:07 UT',
    'Mon, 16 Nov 2026 09:30:00 UTC', 'Mon, 16 Nov 2026 09:30:00 Z', 'Mon, 16 Nov 2026 09:30:00',
    'Mon, 16 Nov 26 09:30:00 +0100', 'Mon, 16 Nov 2026 09:30:00 EST', 'garbage', '',
    'Mon, 16 Nov 2026 24:30:00 +0100', 'Mon, 16 Nov 2026 09:30:60 +0100', 'Mon, 16 Nov 2026 09:30:00 +0160',
    'Mon,16 Nov 2026 09:30:00 +0100', ' Mon , 16 Nov 2026 09:30:00 +0100 ', 'Mon, 0 Nov 2026 09:30:00 +0100',
  ])('reads %j as V8 does', (value) => {
    expect(same(mailDateMs(value), v8(value))).toBe(true);
  });

  it('agrees with V8 on random RFC 5322 dates', () => {
    let seed = 7;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (let i = 0; i < 2000; i++) {
      const zone = [`+${String(next(15)).padStart(2, '0')}30`, `-${String(next(13)).padStart(2, '0')}00`, 'GMT', 'UT', 'Z'][next(5)];
      const value = `${next(2) ? 'Wed, ' : ''}${next(32)} ${months[next(12)]} ${1970 + next(80)} ${next(25)}:${String(next(61)).padStart(2, '0')}:${String(next(61)).padStart(2, '0')} ${zone}`;
      expect(same(mailDateMs(value), v8(value)), value).toBe(true);
    }
  });

  it('writes ISO strings as Date#toISOString does', () => {
    for (const t of [0, 1_763_280_000_123, 951_782_400_005, -1, 253_402_300_799_999]) expect(isoFromMs(t)).toBe(new Date(t).toISOString());
  });
});

describe('addressesOf', () => {
  it.each([
    'a@b.c', '<a@b.c>', 'Name <a@b.c>', '"Last, First" <a@b.c>', 'a@b.c, c@d.e', 'A <a@b.c>, "B, x" <b@c.d>, c@d.e',
    '=?utf-8?Q?Z=C3=A9lie?= <z@c.t>, x@y.z', 'a@b.c,', 'a@b.c,,b@c.d', 'Group: a@b.c, b@c.d;', 'a@b.c (comment)',
    '"q\\"x" <a@b.c>, b@c.d', 'undisclosed-recipients:;', '', 'just text', 'a@b.c, garbage text', '"unterminated <a@b.c>',
  ])('reads %j as mailparser does', (value) => {
    expect(addressesOf([value])).toEqual(parseAddresses([value]));
  });
});

describe('header block from a source', () => {
  /** The split the mapping used before its one-pass scan. */
  function referenceLines(block: Buffer): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const line of block.toString('latin1').split(/\r?\n(?![ \t])/)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      if (colon <= 0 || !['subject', 'from', 'to', 'message-id', 'references', 'x-guichet-ticket'].includes(name)) continue;
      out.set(name, [...(out.get(name) ?? []), line]);
    }
    return out;
  }

  it('ends at the first empty line, CRLF or LF, and reads the lines as before', () => {
    const source = Buffer.from('Received: x\r\n\tby y\r\nFrom: a <b@c>\r\nSubject: one\r\n two\r\nTo: a@b\r\nTO : c@d\r\nX-Guichet-Ticket: T1\r\nReferences: <a@b>\r\n <c@d>\r\n\r\nbody\r\n\r\nFrom: not a header\r\n');
    const block = headerBlockOf(source);
    expect(block.toString()).toMatch(/References: <a@b>\r\n <c@d>\r\n\r\n$/);
    expect(headerLines(block)).toEqual(referenceLines(block));
    expect(headerBlockOf(Buffer.from('A: b\n\nbody\r\n\r\n')).toString()).toBe('A: b\n\n');
    expect(headerBlockOf(Buffer.from('A: b\r\nC: d')).toString()).toBe('A: b\r\nC: d');
  });
});

describe('linkKeepsUp', () => {
  it('keeps sources with the metadata on a link that outpaces the parsing, not on a slow one', () => {
    expect(linkKeepsUp(60, 500, 2_000_000)).toBe(true); // loopback: 500 rows, 2 MB in 60 ms
    expect(linkKeepsUp(3_200, 500, 2_000_000)).toBe(false); // 5 Mbit/s
    expect(linkKeepsUp(400, 5000, 20_000_000)).toBe(true);
  });
});
