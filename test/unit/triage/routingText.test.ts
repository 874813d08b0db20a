import { describe, expect, it } from 'vitest';
import {
  classifyRouting,
  createRoutingModel,
  learnRouting,
  stripQuotedHistory,
  type RoutingExample,
} from '../../../src/main/core/triage/routing';
import { stemRouting } from '../../../src/main/core/triage/routing/stemRouting';
import { tokenizeRouting } from '../../../src/main/core/triage/routing/tokenizeRouting';

describe('stripQuotedHistory', () => {
  it.each([
    ['no history', 'Le jeu plante.\nMerci', 'Le jeu plante.\nMerci'],
    ['> lines anywhere', 'Réponse en haut\n> ancienne ligne\nsuite\n  > encore', 'Réponse en haut\nsuite'],
    ['French attribution', 'Le jeu plante.\n\nLe 3 mars 2025 à 10:12, Boutique <b@x.fr> a écrit :\nVotre colis est parti.', 'Le jeu plante.'],
    ['French attribution without accent', 'Plantage.\nLe lun. 3 mars, Jean a ecrit :\ncommande', 'Plantage.'],
    ['French attribution wrapped on two lines', 'Plantage.\nLe lun. 3 mars 2025 à 10:12, Service Conso <c@x.fr> a\nécrit :\n> colis', 'Plantage.'],
    ['English attribution', 'Refund please.\nOn Mon, Mar 3, 2025 at 9:14 AM, Tech <t@x.com> wrote:\ncrash', 'Refund please.'],
    ['Original Message rule', 'Crash.\n-----Original Message-----\nFrom: Shop\nrefund', 'Crash.'],
    ['Message d\'origine rule', 'Crash.\n-----Message d\'origine-----\ncommande', 'Crash.'],
    ['Outlook De / Envoyé block', 'Remboursement.\n\nDe : Service Technique <t@x.fr>\nEnvoyé : lundi 3 mars 2025 10:00\nÀ : moi\nplantage', 'Remboursement.'],
    ['Outlook From / Sent block', 'Where is my order?\nFrom: Tech <t@x.com>\nSent: Monday, March 3, 2025\ndriver', 'Where is my order?'],
    ['a sentence starting with "Le" is not an attribution', 'Le jeu plante.\nLe son aussi.', 'Le jeu plante.\nLe son aussi.'],
    ['a finished sentence before a short line ending in ":" is kept', 'Le jeu plante au lancement.\nMa config :\nRTX 3060', 'Le jeu plante au lancement.\nMa config :\nRTX 3060'],
    ['a "De :" line without Envoyé is kept', 'De : Jean Martin\nNuméro de série : AZR-1', 'De : Jean Martin\nNuméro de série : AZR-1'],
    ['CRLF line ends', 'Crash.\r\nOn Mon, Tech wrote:\r\n> refund', 'Crash.'],
  ])('%s', (_case, text, expected) => {
    expect(stripQuotedHistory(text)).toBe(expected);
  });
});

describe('tokenizeRouting', () => {
  const features = (text: string): string[] => tokenizeRouting(text).map((token) => token.feature);

  it.each([
    ['accents folded, case ignored', 'Écran', ['ecran']],
    ['stop words dropped (FR + EN), short ones do not break a pair', 'je ne trouve pas the disc', ['trouv', 'disc', 'trouv disc']],
    ['installer and installation meet', 'installer installation', ['instal', 'instal', 'instal instal']],
    ['plural and past forms meet', 'commandes commandé', ['comman', 'comman', 'comman comman']],
    ['numbers dropped, letter codes keep their letters', 'GTX1060 4821', ['gtx']],
    ['hex error codes become one feature', '0xC0000005', ['#hexcode']],
    ['sizes keep their unit', '16Go 144hz', ['#go', '#hz', '#go #hz']],
    ['amounts of money', '49,90 €', ['#money']],
    ['elisions split', "l'installation d'erreur", ['instal', 'err', 'instal err']],
  ])('%s', (_case, text, expected) => {
    expect(features(text)).toEqual(expected);
  });

  it('keeps what the customer wrote as the evidence word', () => {
    expect(tokenizeRouting('Disque endommagé').map((token) => token.surface)).toEqual(['disque', 'endommagé', 'disque endommagé']);
  });

  it.each([
    ['remboursement', 'rembou'],
    ['rembourser', 'rembou'],
    ['crashes', 'crash'],
    ['livree', 'livr'],
    ['bug', 'bug'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemRouting(word)).toBe(stem);
  });
});

describe('classifyRouting input', () => {
  const seed = createRoutingModel();

  it('reads form field values', () => {
    const result = classifyRouting(seed, { subject: 'Formulaire', text: '', formFields: { 'Nature du problème': 'Commande non reçue, colis perdu' } });
    expect(result.label).toBe('consumer');
    expect(result.evidence.map((item) => item.word)).toContain('colis');
  });

  it('says 0.5 and gives no evidence when it knows no word of the mail', () => {
    expect(classifyRouting(seed, { subject: '', text: 'Zorglub wibble.' })).toEqual({ label: 'technical', confidence: 0.5, evidence: [] });
  });

  it('shows only evidence for the chosen label, strongest first, at most 8', () => {
    const result = classifyRouting(seed, {
      subject: 'Crash',
      text: 'Plantage, écran noir, pilote, carte graphique, DirectX, shader, fps, freeze, bug, installation. Commande livrée.',
    });
    expect(result.label).toBe('technical');
    expect(result.evidence.length).toBe(8);
    expect(result.evidence.every((item) => item.favours === 'technical')).toBe(true);
    const weights = result.evidence.map((item) => item.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });
});

describe('learnRouting', () => {
  const example: RoutingExample = { label: 'consumer', subject: 'Bon Kado', text: 'Mon bon Kado est refusé', source: 'transfer', at: '2025-03-10T09:00:00.000Z' };

  it('returns a new model and leaves the old one as it was', () => {
    const before = createRoutingModel();
    const probe = { subject: 'Kado', text: 'Kado' };
    const after = learnRouting(before, example);
    expect(before.features.size).toBe(0);
    expect(before.examplesLearned).toBe(0);
    expect(classifyRouting(before, probe).confidence).toBe(0.5);
    expect(after.examplesLearned).toBe(1);
    expect(after.lastLearnedAt).toBe('2025-03-10T09:00:00.000Z');
    expect(after.mails).toEqual([0, 1.5]);
    expect(classifyRouting(after, probe).label).toBe('consumer');
  });

  it('builds the same model one example at a time as all at once', () => {
    const second: RoutingExample = { ...example, label: 'technical', text: 'Vortex sync failure', source: 'correction', at: '2025-03-09T09:00:00.000Z' };
    const stepwise = learnRouting(learnRouting(createRoutingModel(), example), second);
    expect(stepwise).toEqual(createRoutingModel([example, second]));
    expect(stepwise.lastLearnedAt).toBe('2025-03-10T09:00:00.000Z');
  });
});
