import { describe, expect, it } from 'vitest';
import { lineEndingOf, prependResent, resentBlock, rfc5322Date } from '../../../src/main/core/outbox/resent';

describe('Resent-* headers', () => {
  const original = Buffer.from('From: a@b\r\nSubject: é\r\n\r\nbody\xff bytes\r\n', 'latin1');

  it('formats RFC 5322 dates in UTC', () => {
    expect(rfc5322Date(new Date('2026-11-22T09:05:03Z'))).toBe('Sun, 22 Nov 2026 09:05:03 +0000');
  });

  it('keeps the original bytes below the block, in the message\'s own line endings', () => {
    const block = resentBlock({ from: 'a@guichet.test', to: 'b@guichet.test', date: new Date('2026-11-22T09:05:03Z'), messageId: '<r1@guichet.test>' }, lineEndingOf(original));
    const copy = prependResent(original, block);
    expect(copy.subarray(copy.length - original.length).equals(original)).toBe(true);
    expect(copy.subarray(0, copy.length - original.length).toString()).toBe(
      'Resent-From: a@guichet.test\r\nResent-To: b@guichet.test\r\nResent-Date: Sun, 22 Nov 2026 09:05:03 +0000\r\nResent-Message-ID: <r1@guichet.test>\r\n',
    );
    expect(lineEndingOf(Buffer.from('A: b\nC: d\n'))).toBe('\n');
  });

  it('never lets a value break the header block', () => {
    const block = resentBlock({ from: 'a@x\r\nBcc: evil@x', to: 'b@x', date: new Date(0), messageId: '<m@x>' }, '\r\n');
    expect(block.split('\r\n')).toHaveLength(5);
    expect(block).toContain('Resent-From: a@x Bcc: evil@x\r\n');
  });
});
