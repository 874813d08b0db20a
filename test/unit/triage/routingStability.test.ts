// One acknowledged mail must not turn the hints of unrelated tickets around. Reproduces what an
// agent saw on the demo desk: acknowledging Antoine Girard's technical form mail flagged Isabelle
// Moreau's "order not received" (consumer form) as technical, through the words the two mails share
// (the form's own labels, "mon fils"), and took the hint off Daniel O'Connor's refund request.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readForm } from '../../../src/main/core/triage/readForm';
import { classifyRouting, createRoutingModel, learnRouting, misrouteHint, type RoutingInput, type RoutingLabel } from '../../../src/main/core/triage/routing';
import { loadEml } from '../support/loadEml';

const DEMO = join(__dirname, '..', '..', '..', 'resources', 'demo', 'mail');

async function demoMail(file: string, subject: string): Promise<RoutingInput> {
  const { text, html } = await loadEml(join(DEMO, file));
  return { subject, text, formFields: readForm(text, html).fields as Record<string, string> };
}

describe('routing after one acknowledgement', () => {
  it('leaves the hints of unrelated demo tickets as they were', async () => {
    const acknowledged = await demoMail('technical/015-erreur-patch-1-3.eml', "Erreur lors de l'installation du patch 1.3");
    const orderNotReceived = await demoMail('consumer/001-commande-non-recue-10-jours.eml', 'Commande CMD-2026-104512 non reçue');
    const chargedTwice = await demoMail('technical/010-charged-twice.eml', 'Charged twice for my order');
    const seed = createRoutingModel();
    const learned = learnRouting(seed, { ...acknowledged, label: 'technical', source: 'acknowledged', at: '2026-11-22T10:00:00.000Z' });
    const hint = (input: RoutingInput, receiving: RoutingLabel) => misrouteHint(classifyRouting(learned, input), receiving)?.suggested ?? null;

    expect(classifyRouting(seed, orderNotReceived).label).toBe('consumer');
    expect(classifyRouting(learned, orderNotReceived).label).toBe('consumer');
    expect(hint(orderNotReceived, 'consumer')).toBeNull();
    // The refund request sent to the technical service keeps its "probably consumer" hint.
    expect(misrouteHint(classifyRouting(seed, chargedTwice), 'technical')?.suggested).toBe('consumer');
    expect(hint(chargedTwice, 'technical')).toBe('consumer');
    // The acknowledged mail itself still reads as technical, more surely than before.
    expect(classifyRouting(learned, acknowledged).confidence).toBeGreaterThan(classifyRouting(seed, acknowledged).confidence);
  });
});
