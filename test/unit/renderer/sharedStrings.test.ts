import { describe, expect, it } from 'vitest';
import { shareCardStrings } from '../../../src/renderer/src/api/sharedStrings';
import { card } from './cardFixture';

// String identity cannot be seen from JavaScript; what can go wrong is a card changed on the way.
describe('shareCardStrings', () => {
  const full = () => card({
    ticketId: 'GX-7K2M9Q', serviceId: 'service-technique', state: 'acknowledged', language: 'fr',
    serialStatus: 'unknown', actingAgent: 'Marie',
    clock: { kind: 'update', dueAt: '2026-11-25T10:00:00.000Z', remainingBusinessHours: 12, status: 'dueSoon' },
    misroute: { suggested: 'consumer', suggestedServiceId: 'service-conso', confidence: 0.8, evidence: [{ word: 'remboursement', weight: 1.2, favours: 'consumer' }] },
    form: { form: 'technical', fields: { problem: 'écran noir' }, missing: ['serial', 'errorCode'] },
    lastAction: { action: 'acknowledge', actor: 'Marie', at: '2026-11-23T10:00:00.000Z' },
  });

  it('leaves every value as it was, from JSON as the transport gives it', () => {
    const arrived = JSON.parse(JSON.stringify(full()));
    expect(shareCardStrings(arrived)).toBe(arrived);
    expect(arrived).toEqual(full());
  });

  it('gives two tickets of one customer the same customer object, equal to what arrived', () => {
    const a = shareCardStrings(JSON.parse(JSON.stringify(full())));
    const b = shareCardStrings(JSON.parse(JSON.stringify({ ...full(), ticketId: 'GX-8L3N0R' })));
    expect(b.customer).toBe(a.customer);
    expect(a.customer).toEqual(full().customer);
    const other = shareCardStrings(JSON.parse(JSON.stringify({ ...full(), customer: { name: 'Paul', address: 'paul@example.fr' } })));
    expect(other.customer).not.toBe(a.customer);
  });

  it('takes cards with nothing optional, and frozen ones, as they are', () => {
    const bare = JSON.parse(JSON.stringify(card({ ticketId: 'GX-2B3C4D', clock: null, misroute: null, lastAction: null, actingAgent: null, language: null })));
    expect(shareCardStrings(bare)).toEqual(bare);
    const frozen = Object.freeze(full());
    expect(shareCardStrings(frozen)).toBe(frozen);
  });
});
