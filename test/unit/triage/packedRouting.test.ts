import { describe, expect, it } from 'vitest';
import { asPackedRouting, classifyRouting, createRoutingModel, misrouteHint, packRouting, unpackEvidence } from '../../../src/main/core/triage/routing';

const model = createRoutingModel();
const mails = [
  { subject: 'Écran noir au lancement', text: 'Le jeu plante au démarrage depuis la mise à jour, code erreur 0x8007.', formFields: {} },
  { subject: 'Remboursement commande 4411', text: 'Mon colis n’est jamais arrivé, je veux être remboursé du montant de 59,99 €.', formFields: {} },
  { subject: 'Hello', text: 'Nothing the model knows.', formFields: {} },
];

describe('packed routing results (one string of evidence per mail)', () => {
  it.each(mails)('unpacks to exactly the evidence the classifier gave: %j', (mail) => {
    const result = classifyRouting(model, mail);
    const packed = packRouting(result);
    expect(typeof packed.evidence).toBe('string');
    expect({ ...packed, evidence: unpackEvidence(packed) }).toEqual(result);
  });

  it('gives the same misroute hint as the full result, for either receiving service', () => {
    for (const mail of mails) {
      const result = classifyRouting(model, mail);
      for (const receiving of ['technical', 'consumer', 'other'] as const) {
        expect(misrouteHint(packRouting(result), receiving)).toEqual(misrouteHint(result, receiving));
      }
    }
    // Not hollow: at least one of these mails is a misroute for some service.
    expect(mails.some((m) => misrouteHint(classifyRouting(model, m), 'consumer') !== null)).toBe(true);
  });

  it('keeps two-word evidence and words with odd characters', () => {
    const result = { label: 'consumer' as const, confidence: 0.9, evidence: [{ word: 'pas reçu', weight: 1.25, favours: 'consumer' as const }, { word: 'a\u001fb', weight: 0.5, favours: 'consumer' as const }] };
    expect(unpackEvidence(packRouting(result))).toEqual([{ word: 'pas reçu', weight: 1.25, favours: 'consumer' }, { word: 'a b', weight: 0.5, favours: 'consumer' }]);
  });

  it('reads an older cache entry (evidence as objects) and a packed one; refuses anything else', () => {
    const result = classifyRouting(model, mails[1] as (typeof mails)[number]);
    const older = JSON.parse(JSON.stringify(result)) as unknown;
    expect(asPackedRouting(older)).toEqual(packRouting(result));
    const packed = JSON.parse(JSON.stringify(packRouting(result))) as unknown;
    expect(asPackedRouting(packed)).toBe(packed); // the cache's own object
    expect(asPackedRouting({ label: 'billing', confidence: 1, evidence: '' })).toBeNull();
    expect(asPackedRouting({ label: 'consumer', confidence: 1, evidence: [{ word: 3 }] })).toBeNull();
    expect(asPackedRouting(null)).toBeNull();
  });
});
