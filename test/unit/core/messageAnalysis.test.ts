import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../../src/shared/domain';
import { analysisFingerprint, MessageAnalyzer, routingModelKey, type AnalysisCache } from '../../../src/main/core/tickets/messageAnalysis';
import { createRoutingModel, EVIDENCE_LEFT_OUT, unpackEvidence } from '../../../src/main/core/triage/routing';

// Fingerprints are persisted in the store's analysis cache: their values must never change, or
// every desktop reads every mail again after an update.

function mail(text: string, id = 'm1'): MailMessage {
  return {
    id, serviceId: 'tech', folder: 'inbox', messageId: `<${id}@test>`, inReplyTo: null, references: [], subject: 'Écran noir',
    from: { name: '', address: 'client@test' }, to: [], cc: [], date: '2026-11-02T08:00:00.000Z', keywords: [], text, html: null,
    attachments: [], stamp: null, resent: null, incomplete: false,
  };
}

/** A cache that counts what the analyzer asks of it; it keeps entries as JSON, as the store saves them. */
function countingCache(): { cache: AnalysisCache; saved: (s: string, id: string) => Record<string, unknown> | undefined; sets: () => number } {
  const entries = new Map<string, object>();
  const saved = new Map<string, Record<string, unknown>>();
  let sets = 0;
  return {
    cache: {
      get: (s, id) => entries.get(`${s}/${id}`) ?? saved.get(`${s}/${id}`),
      set: (s, id, r) => {
        sets++;
        entries.set(`${s}/${id}`, r);
        saved.set(`${s}/${id}`, JSON.parse(JSON.stringify(r)));
      },
      keep: (s, id, r) => void entries.set(`${s}/${id}`, r),
    },
    saved: (s, id) => saved.get(`${s}/${id}`),
    sets: () => sets,
  };
}

/** What the next start reads: the saved JSON only, nothing held. */
function restarted(saved: (s: string, id: string) => Record<string, unknown> | undefined): AnalysisCache {
  const held = new Map<string, object>();
  return {
    get: (s, id) => held.get(`${s}/${id}`) ?? saved(s, id),
    set: (s, id, r) => void held.set(`${s}/${id}`, r),
    keep: (s, id, r) => void held.set(`${s}/${id}`, r),
  };
}

describe('analysisFingerprint', () => {
  it.each([
    [{ subject: '', text: '', html: null }, '13s8bmc9zloz:0'],
    [{ subject: 'Écran noir', text: 'Bonjour, le jeu plante.\nNuméro de série : ST-AB12', html: null }, 'yfhkbop5hoqt:1n'],
    [{ subject: 'Re: Colis', text: 'x', html: '<p>x</p>' }, '1qohlwi10u5hkb:i'],
  ])('keeps the value earlier releases stored for %j', (message, fingerprint) => {
    expect(analysisFingerprint(message)).toBe(fingerprint);
  });

  it('names a routing model by the classifier revision, the number of examples and the last one', () => {
    // Revision 1 keys had no prefix ('1:3o5yluuhmhbn:1l'): results cached under them are recomputed.
    expect(routingModelKey([{ label: 'technical', subject: 'Crash', text: 'plante', source: 'correction', at: '2026-11-02T08:00:00.000Z' }])).toBe('2/1:3o5yluuhmhbn:1l');
    expect(routingModelKey([])).toBe('seed');
  });
});

describe('MessageAnalyzer memo by record', () => {
  it('a record seen before is known; a new record with the same content too; nothing is saved twice', () => {
    const { cache, saved, sets } = countingCache();
    const analyzer = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a' });
    const m = mail('Numéro de série : ST-AB12-CD34-EF56');
    const first = analyzer.analyse(m);
    expect(analyzer.peek(m)).toEqual(first);
    expect(analyzer.peekForm(m)).toBe(first.form);
    // Sync replaces a record when only its keywords change: same content, so the same reading.
    const copy = { ...m, keywords: ['$GxAck'] };
    expect(analyzer.peekForm(copy)).toBe(first.form);
    expect(analyzer.peekForm(m)).toBe(first.form);
    expect(sets()).toBe(2); // form, then routing: nothing written again
    // Saved flat, without the record it was checked against.
    expect(Object.keys(saved('tech', m.id) ?? {})).toEqual(['fp', 'form', 'model', 'routing']);
    expect(saved('tech', m.id)?.model).toBe('a');
  });

  it('an entry read back from the cache is held as the cache entry itself, and not saved again', () => {
    const { cache, saved, sets } = countingCache();
    const m = mail('Le colis n’est jamais arrivé, je veux un remboursement de ma commande.');
    const fresh = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a' }).analyse(m);
    const next = restarted(saved);
    const again = new MessageAnalyzer(createRoutingModel(), { cache: next, modelKey: 'a' });
    expect(again.peek(m)).toEqual(fresh);
    expect(again.peek(m)?.form).toBe(again.peek({ ...m })?.form);
    expect(next.get('tech', m.id)).not.toBe(saved('tech', m.id));
    expect(sets()).toBe(2);
  });

  it('a record whose text changed is read again, and the older record is not taken for it', () => {
    const analyzer = new MessageAnalyzer(createRoutingModel(), { modelKey: 'a' });
    const before = mail('Numéro de série : ST-AB12-CD34-EF56');
    expect(analyzer.form(before).serial).toBe('ST-AB12-CD34-EF56');
    const after = mail('Bonjour, je n’ai pas de numéro.');
    expect(analyzer.peekForm(after)).toBeUndefined();
    expect(analyzer.form(after).serial).toBeNull();
    // The memo now holds the new content: the old record is no longer known.
    expect(analyzer.peekForm(before)).toBeUndefined();
  });

  it('a new routing model leaves the form known and the routing to be done again', () => {
    const analyzer = new MessageAnalyzer(createRoutingModel(), { modelKey: 'a' });
    const m = mail('Le colis n’est jamais arrivé, je veux un remboursement.');
    analyzer.analyse(m);
    analyzer.setModel(createRoutingModel(), 'b');
    expect(analyzer.peek(m)).toBeUndefined();
    expect(analyzer.peekForm(m)).toBeDefined();
    expect(analyzer.analyse(m).routing).toBeDefined();
    expect(analyzer.peek(m)).toBeDefined();
  });

  it.each([
    ['routing as {model, result}', (fresh: ReturnType<MessageAnalyzer['analyse']>) => ({ model: 'a', result: fresh.routing })],
    ['evidence as objects too', (fresh: ReturnType<MessageAnalyzer['analyse']>) => ({ model: 'a', result: { label: fresh.routing.label, confidence: fresh.routing.confidence, evidence: unpackEvidence(fresh.routing) } })],
  ])('an entry saved by an earlier release (%s) gives the same analysis, and is saved again flat once', (_, routing) => {
    const { cache, saved } = countingCache();
    const m = mail('Le colis n’est jamais arrivé, je veux un remboursement de ma commande.');
    const fresh = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a' }).analyse(m);
    const earlier = { fp: saved('tech', m.id)?.fp, form: saved('tech', m.id)?.form, routing: routing(fresh) };
    const older = countingCache();
    older.cache.keep('tech', m.id, JSON.parse(JSON.stringify(earlier)));
    expect(new MessageAnalyzer(createRoutingModel(), { cache: older.cache, modelKey: 'a' }).peek(m)).toEqual(fresh);
    expect(older.sets()).toBe(1);
    expect(older.saved('tech', m.id)).toEqual(saved('tech', m.id));
    // The next start finds it flat: nothing is saved again.
    const next = countingCache();
    next.cache.keep('tech', m.id, older.saved('tech', m.id) as never);
    expect(new MessageAnalyzer(createRoutingModel(), { cache: next.cache, modelKey: 'a' }).peek(m)).toEqual(fresh);
    expect(next.sets()).toBe(0);
  });
});

describe('MessageAnalyzer evidence words', () => {
  const technical = 'Bonjour, le jeu plante au lancement avec un écran noir depuis la mise à jour des pilotes de la carte graphique.';

  it('leaves them out for a mail in the service its content belongs to, and reads them again on demand', () => {
    const kinds: Record<string, string> = { tech: 'technical', conso: 'consumer' };
    const { cache } = countingCache();
    const analyzer = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a', kindOf: (id) => kinds[id] });
    const inTech = mail(technical);
    const routed = analyzer.analyse(inTech).routing;
    expect(routed.label).toBe('technical');
    expect(routed.evidence).toBe(EVIDENCE_LEFT_OUT);
    expect(unpackEvidence(routed)).toEqual([]);
    expect(analyzer.evidence(inTech).map((e) => e.word)).toContain('écran noir');

    // The same mail received by the consumer service keeps its words: its card shows a hint.
    const inConso = { ...mail(technical, 'm2'), serviceId: 'conso' };
    const misrouted = analyzer.analyse(inConso).routing;
    expect(unpackEvidence(misrouted).map((e) => e.word)).toEqual(analyzer.evidence(inConso).map((e) => e.word));
    expect(unpackEvidence(misrouted).length).toBeGreaterThan(0);

    // Read back from the cache by another desktop: the same rule applies to the cache's entry.
    const again = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a', kindOf: (id) => kinds[id] });
    expect(again.peek(inTech)?.routing.evidence).toBe(EVIDENCE_LEFT_OUT);
    expect(unpackEvidence(again.peek(inConso)?.routing ?? misrouted).length).toBeGreaterThan(0);
  });

  it('keeps them all without service kinds (the CLI, tests)', () => {
    const analyzer = new MessageAnalyzer(createRoutingModel());
    expect(unpackEvidence(analyzer.analyse(mail(technical)).routing).length).toBeGreaterThan(0);
  });
});
