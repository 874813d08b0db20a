import { describe, it, expect } from 'vitest';
import { findSerial, normaliseSerial } from '../../../src/main/core/triage/serial';
import { parseSerialRegistryCsv, verifySerial } from '../../../src/main/core/triage/serialRegistry';

describe('normaliseSerial', () => {
  it('accepts the customer variants of ST-XXXX-XXXX-XXXX', () => {
    const good: Array<[string, string]> = [
      ['ST-7K2P-4QX9-M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['st-7k2p-4qx9-m3ta', 'ST-7K2P-4QX9-M3TA'],
      ['ST 7K2P 4QX9 M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['ST7K2P4QX9M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['ST.7K2P.4QX9.M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['ST_7K2P_4QX9_M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['ST/7K2P/4QX9/M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['ST – 7K2P – 4QX9 – M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['ST\u20117K2P\u20114QX9\u2011M3TA', 'ST-7K2P-4QX9-M3TA'],
      ['  ST-7K2P-4QX9-M3TA  ', 'ST-7K2P-4QX9-M3TA'],
    ];
    for (const [raw, serial] of good) expect(normaliseSerial(raw), raw).toBe(serial);
  });

  it('accepts a missing "ST" prefix only where the string is labelled as a serial', () => {
    expect(normaliseSerial('7K2P-4QX9-M3TA', { labelled: true })).toBe('ST-7K2P-4QX9-M3TA');
    expect(normaliseSerial('7k2p 4qx9 m3ta', { labelled: true })).toBe('ST-7K2P-4QX9-M3TA');
    expect(normaliseSerial('7K2P-4QX9-M3TA')).toBeNull();
  });

  it('refuses what is not a serial', () => {
    const bad = [
      '', 'ST', 'ST-7K2P-4QX9', 'ST-7K2P-4QX9-M3T', 'ST-7K2P-4QX9-M3TAX', 'ST-7K2P-4QX9-M3TA-0000', 'XT-7K2P-4QX9-M3TA',
      'ST-ABCD-EFGH-IJKL', 'ST-7K2P-4QX9-M3TÉ', 'ST--7K2P-4QX9-M3TA', 'ST-7K2P-4QX9-M3TA (boîte)', 'pas encore reçu',
    ];
    for (const raw of bad) {
      expect(normaliseSerial(raw, { labelled: true }), raw).toBeNull();
      expect(normaliseSerial(raw), raw).toBeNull();
    }
  });
});

describe('findSerial', () => {
  it('reads the labelled field first, then a prefixed serial in the text', () => {
    const cases: Array<[string, Record<string, string>, string | null]> = [
      ['', { serial: 'ST-7K2P-4QX9-M3TA' }, 'ST-7K2P-4QX9-M3TA'],
      ['', { serial: '7K2P 4QX9 M3TA (au dos)' }, 'ST-7K2P-4QX9-M3TA'],
      ['mon numéro : st 1qaz 2wsx 3edc.', {}, 'ST-1QAZ-2WSX-3EDC'],
      ['ST-1QAZ-2WSX-3EDC', { serial: 'pas encore reçu' }, 'ST-1QAZ-2WSX-3EDC'],
      ['', { serial: 'ST-7K2P-4QX9-M3TA' }, 'ST-7K2P-4QX9-M3TA'],
      ['commande 4821-7730-1942-0001', {}, null],
      ['appelez le 06 12 34 56 78 90', {}, null],
      ['STATIONNEMENTS interdits', {}, null],
      ['', { serial: '1234-5678-9012-3456' }, null],
      ['', { serial: 'not received yet' }, null],
      ['> ST-7K2P-4QX9-M3TA', {}, null],
      ['merci\nLe 2 nov., X a écrit :\nST-7K2P-4QX9-M3TA', {}, null],
    ];
    for (const [text, fields, serial] of cases) expect(findSerial(text, fields), `${text} ${JSON.stringify(fields)}`).toBe(serial);
  });
});

describe('parseSerialRegistryCsv', () => {
  it('reads a ";" export with BOM, header, quotes and CRLF, and reports each refused line', () => {
    const csv = '\uFEFFClient;"Numéro de série";Date\r\n'
      + 'Dupont;ST-7K2P-4QX9-M3TA;2026-10-01\r\n'
      + '"Martin; Paul";"st 1qaz 2wsx 3edc";2026-10-02\r\n'
      + '\r\n'
      + 'Roy;ST-7K2P-4QX9-M3TA;2026-10-03\r\n'
      + 'Leroy;ST-12;2026-10-04\r\n'
      + 'Bernard;;2026-10-05\r\n'
      + '"Petit\r\nJean";ST-4M4M-2H8C-Z0PL;2026-10-06\r\n'
      + 'Blanc;ST-9XA1-VV3D-88KE;2026-10-07\r\n';
    const { serials, report } = parseSerialRegistryCsv(csv);
    expect([...serials].sort()).toEqual(['ST-1QAZ-2WSX-3EDC', 'ST-4M4M-2H8C-Z0PL', 'ST-7K2P-4QX9-M3TA', 'ST-9XA1-VV3D-88KE']);
    expect(report).toEqual({
      rows: 7,
      accepted: 4,
      rejected: [
        { line: 5, reason: 'duplicate of line 2' },
        { line: 6, reason: '"ST-12" is not a serial number (expected ST-XXXX-XXXX-XXXX)' },
        { line: 7, reason: 'empty serial number' },
      ],
    });
  });

  it('reads a "," export without header, serial in any column, prefix optional', () => {
    const { serials, report } = parseSerialRegistryCsv('7K2P4QX9M3TA,2026\n2026,ST-1QAZ-2WSX-3EDC\nhello,world\n');
    expect([...serials].sort()).toEqual(['ST-1QAZ-2WSX-3EDC', 'ST-7K2P-4QX9-M3TA']);
    expect(report).toEqual({ rows: 3, accepted: 2, rejected: [{ line: 3, reason: 'no serial number in this row' }] });
  });

  it('reads a tab-separated single column with a header and "" escapes', () => {
    const { serials, report } = parseSerialRegistryCsv('serial\tnote\nST-7K2P-4QX9-M3TA\t"said ""hi"""\n');
    expect([...serials]).toEqual(['ST-7K2P-4QX9-M3TA']);
    expect(report).toEqual({ rows: 1, accepted: 1, rejected: [] });
  });

  it('reports an unterminated quote instead of swallowing the rest silently', () => {
    const { serials, report } = parseSerialRegistryCsv('serial;name\nST-7K2P-4QX9-M3TA;"Dupont\nST-1QAZ-2WSX-3EDC;Roy\n');
    expect([...serials]).toEqual([]);
    expect(report).toEqual({ rows: 1, accepted: 0, rejected: [{ line: 2, reason: 'unterminated quoted field: the rest of the file was not read' }] });
  });

  it('reads an empty file as an empty registry', () => {
    expect(parseSerialRegistryCsv('')).toEqual({ serials: new Set(), report: { rows: 0, accepted: 0, rejected: [] } });
    expect(parseSerialRegistryCsv('\uFEFF\n\n')).toEqual({ serials: new Set(), report: { rows: 0, accepted: 0, rejected: [] } });
  });
});

describe('verifySerial', () => {
  const registry = parseSerialRegistryCsv('serial\nST-7K2P-4QX9-M3TA\n');
  it('says verified, unknown or none', () => {
    const cases: Array<[string | null, 'verified' | 'unknown' | 'none']> = [
      ['ST-7K2P-4QX9-M3TA', 'verified'], ['st 7k2p 4qx9 m3ta', 'verified'], ['ST-1QAZ-2WSX-3EDC', 'unknown'], ['garbage', 'unknown'], [null, 'none'],
    ];
    for (const [serial, status] of cases) expect(verifySerial(registry, serial), String(serial)).toBe(status);
  });
});
