import { describe, expect, it } from 'vitest';
import { looksLikeStoredMessage, readStoredMessage } from '../../../src/main/core/store/messageCheck';
import { StoredMessage } from '../../../src/main/core/store/schemas';
import { makeMessage } from './storeFixtures';

// The quick load-time check must never accept what the zod schema refuses.

const full = makeMessage('tech', 'm1', '2026-11-20T10:00:00.000Z', {
  inReplyTo: '<m0@customer.example>',
  references: ['<m0@customer.example>'],
  cc: [{ name: '', address: 'cc@customer.example' }],
  keywords: ['$gx_ack'],
  html: '<p>Bonjour</p>',
  attachments: [{ filename: 'facture.pdf', contentType: 'application/pdf', size: 2048 }],
  stamp: { ticket: 'GX-7K2M9Q', action: 'transfer', agent: 'Marie', targetService: 'conso' },
  resent: { from: 'a@x.example', to: 'b@x.example', date: '2026-11-20T10:00:00.000Z', messageId: '<r@x.example>' },
  uids: { inbox: 3, sent: 4 },
  flags: ['\\Seen'],
});

const WRONG_VALUES: unknown[] = [undefined, null, 0, -1, 1.5, '', 'x', true, [], {}, [1], [{}], { name: 1, address: 'a' }, { inbox: 0 }, { trash: 1 }, 'abc', '12a'];

function mutations(record: Record<string, unknown>): Array<{ label: string; value: Record<string, unknown> }> {
  const out: Array<{ label: string; value: Record<string, unknown> }> = [];
  for (const key of Object.keys(record)) {
    for (const wrong of WRONG_VALUES) out.push({ label: `${key}=${JSON.stringify(wrong)}`, value: { ...record, [key]: wrong } });
    const { [key]: _dropped, ...rest } = record;
    out.push({ label: `without ${key}`, value: rest });
    const inner = record[key];
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const innerKey of Object.keys(inner)) {
        for (const wrong of WRONG_VALUES) out.push({ label: `${key}.${innerKey}=${JSON.stringify(wrong)}`, value: { ...record, [key]: { ...inner, [innerKey]: wrong } } });
      }
    }
    if (Array.isArray(inner) && inner.length > 0 && typeof inner[0] === 'object') {
      for (const innerKey of Object.keys(inner[0] as object)) {
        for (const wrong of WRONG_VALUES) out.push({ label: `${key}[0].${innerKey}=${JSON.stringify(wrong)}`, value: { ...record, [key]: [{ ...(inner[0] as object), [innerKey]: wrong }] } });
      }
    }
  }
  return out;
}

describe('store: the quick message check on load', () => {
  it('accepts valid records as they are, without copying them', () => {
    for (const record of [full, makeMessage('tech', 'm2', '2026-11-20T10:00:00.000Z')]) {
      expect(StoredMessage.safeParse(record).success).toBe(true);
      expect(looksLikeStoredMessage(record)).toBe(true);
      const read = readStoredMessage(JSON.parse(JSON.stringify(record)));
      expect(read.ok && read.record).toEqual(record);
    }
  });

  it('never accepts a record that the zod schema refuses', () => {
    let refused = 0;
    for (const { label, value } of mutations(full as unknown as Record<string, unknown>)) {
      const zodAccepts = StoredMessage.safeParse(value).success;
      if (!zodAccepts) {
        refused++;
        expect(looksLikeStoredMessage(value), label).toBe(false);
        expect(readStoredMessage(value).ok, label).toBe(false);
      } else {
        // Either agrees, or falls back to zod, which accepts it.
        expect(readStoredMessage(value).ok, label).toBe(true);
      }
    }
    expect(refused).toBeGreaterThan(200);
  });
});
