import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, DEFAULT_SLA_POLICY } from '../../../src/shared/calendar';
import type { MailMessage } from '../../../src/shared/domain';
import type { ServiceSummary, TicketCard } from '../../../src/shared/views';
import { MessageAnalyzer, type AnalysisCache } from '../../../src/main/core/tickets/messageAnalysis';
import { buildBoard, type BoardInput } from '../../../src/main/core/tickets/ticketBoard';
import { TicketDesk } from '../../../src/main/core/tickets/ticketDesk';
import { createRoutingModel, learnRouting } from '../../../src/main/core/triage/routing';
import { mulberry32 } from '../../support/seededRandom';

// The desk reuses what did not change between builds; it must always agree with a build from scratch.

const SERVICES: ServiceSummary[] = [
  { id: 'technical', name: 'Technique', kind: 'technical', address: 'tech@guichet.test', colour: '#000', defaultLanguage: 'fr' },
  { id: 'consumer', name: 'Conso', kind: 'consumer', address: 'conso@guichet.test', colour: '#111', defaultLanguage: 'fr' },
];
const SUBJECTS = ['Écran noir au lancement', 'Remboursement commande', 'Crash after update', 'Colis non reçu'];
const TEXTS = [
  'Bonjour, le jeu affiche un écran noir au lancement. Version du produit : 1.3',
  'Hello, I want a refund for my order, the parcel never arrived.',
  'Version du produit : 2.1\nMoment du problème : au lancement\nDétails du problème : plantage\nNuméro de série : ST-AB12-CD34-EF56',
  'Nom : Martin\nPrénom : Marie\nAdresse : 1 rue de Paris\nNature de la demande : remboursement',
  '',
];


function message(n: number, rand: () => number, replyTo: MailMessage | null, at: number): MailMessage {
  const service = SERVICES[Math.floor(rand() * SERVICES.length)] as ServiceSummary;
  const fromTeam = replyTo !== null && rand() < 0.3;
  const customer = replyTo && !fromTeam ? replyTo.from : { name: `Client ${n % 7}`, address: `client${n % 7}@client.test` };
  return {
    id: `m${n}`, serviceId: replyTo?.serviceId ?? service.id, folder: fromTeam ? 'sent' : 'inbox',
    messageId: `<m${n}@test>`, inReplyTo: replyTo?.messageId ?? null, references: replyTo?.messageId ? [replyTo.messageId] : [],
    subject: replyTo ? `RE: ${replyTo.subject}` : (SUBJECTS[Math.floor(rand() * SUBJECTS.length)] as string),
    from: fromTeam ? { name: 'Équipe', address: service.address } : customer,
    to: [{ name: '', address: service.address }], cc: [],
    date: new Date(at).toISOString(), keywords: [], text: TEXTS[Math.floor(rand() * TEXTS.length)] as string, html: null,
    attachments: [], stamp: null, resent: null, incomplete: false,
  };
}

const byId = (cards: readonly TicketCard[]) => [...cards].sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1));

describe('TicketDesk', () => {
  it('an incremental rebuild equals a full one over random change sequences, and its events replay to the same board', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rand = mulberry32(seed);
      const start = Date.parse('2026-11-02T08:00:00Z');
      let now = start;
      let messages: MailMessage[] = [];
      let serials = { serials: new Set<string>() };
      let model = createRoutingModel();
      const analyzer = new MessageAnalyzer(model);
      // The reference build has its own analyzer: nothing is shared with the desk under test.
      const reference = new MessageAnalyzer(model);
      const desk = new TicketDesk();
      const replayed = new Map<string, TicketCard>();
      let counter = 0;
      for (let step = 0; step < 60; step++) {
        const roll = rand();
        if (roll < 0.45 || messages.length < 3) {
          const replyTo = messages.length > 0 && rand() < 0.4 ? (messages[Math.floor(rand() * messages.length)] as MailMessage) : null;
          messages = [...messages, message(counter++, rand, replyTo, now)];
        } else if (roll < 0.6) {
          const i = Math.floor(rand() * messages.length);
          const old = messages[i] as MailMessage;
          const keywords = rand() < 0.5 ? ['$GxAck'] : rand() < 0.5 ? ['$GxResolved'] : [];
          messages = messages.map((m, k) => (k === i ? { ...old, keywords } : m));
        } else if (roll < 0.7) {
          const i = Math.floor(rand() * messages.length);
          messages = messages.map((m, k) => (k === i ? { ...m, text: TEXTS[Math.floor(rand() * TEXTS.length)] as string } : m));
        } else if (roll < 0.78) {
          messages = messages.filter((_, k) => k !== Math.floor(rand() * messages.length));
        } else if (roll < 0.88) {
          now += Math.floor(rand() * 30) * 3_600_000;
        } else if (roll < 0.94) {
          serials = { serials: new Set(rand() < 0.5 ? ['ST-AB12-CD34-EF56'] : []) };
        } else {
          model = learnRouting(model, { label: rand() < 0.5 ? 'technical' : 'consumer', subject: 'colis remboursement', text: 'remboursement colis', source: 'correction', at: new Date(now).toISOString() });
          analyzer.setModel(model, `k${step}`);
          reference.setModel(model, `k${step}`);
        }
        const input: BoardInput = { messages, services: SERVICES, calendar: DEFAULT_CALENDAR, policy: DEFAULT_SLA_POLICY, serials, analyzer, now: new Date(now) };
        const change = desk.rebuild(input);
        for (const card of change.upserted) replayed.set(card.ticketId, card);
        for (const id of change.removed) replayed.delete(id);
        const full = [...buildBoard({ ...input, analyzer: reference }).values()].map((t) => t.card);
        expect(byId(desk.cards())).toEqual(byId(full));
        expect(byId([...replayed.values()])).toEqual(byId(full));
        const fullDesk = new TicketDesk();
        fullDesk.rebuild(input, { full: true });
        expect(byId(fullDesk.cards())).toEqual(byId(full));
      }
    }
  }, 60_000);

  it('a rebuild with nothing changed reports nothing and keeps the same card objects', () => {
    const rand = mulberry32(99);
    const messages = Array.from({ length: 30 }, (_, i) => message(i, rand, null, Date.parse('2026-11-02T08:00:00Z') + i * 60_000));
    const input: BoardInput = { messages, services: SERVICES, calendar: DEFAULT_CALENDAR, policy: DEFAULT_SLA_POLICY, serials: { serials: new Set() }, analyzer: new MessageAnalyzer(createRoutingModel()), now: new Date('2026-11-02T09:00:00Z') };
    const desk = new TicketDesk();
    expect(desk.rebuild(input).upserted.length).toBeGreaterThan(0);
    const before = desk.cards();
    expect(desk.rebuild(input)).toEqual({ upserted: [], removed: [] });
    expect(desk.cards().every((card, i) => card === before[i])).toBe(true);
    expect(desk.ticketOfMessage('m3')?.thread.messages.map((m) => m.id)).toContain('m3');
  });

  it('a minute later only the clocks move: the changed cards are sent, the others keep their objects', () => {
    const rand = mulberry32(21);
    const at = Date.parse('2026-11-02T08:00:00Z'); // a Monday: the default calendar counts every hour
    const messages = Array.from({ length: 30 }, (_, i) => message(i, rand, null, at + i * 60_000));
    const input: BoardInput = { messages, services: SERVICES, calendar: DEFAULT_CALENDAR, policy: DEFAULT_SLA_POLICY, serials: { serials: new Set() }, analyzer: new MessageAnalyzer(createRoutingModel()), now: new Date(at + 3_600_000) };
    const desk = new TicketDesk();
    desk.rebuild(input);
    const before = new Map(desk.cards().map((card) => [card.ticketId, card]));
    const later = { ...input, now: new Date(at + 3_660_000), calendar: structuredClone(DEFAULT_CALENDAR), actingAgents: new Map([[desk.cards()[0]?.ticketId ?? '', 'Ann']]) };
    const change = desk.rebuild(later);
    const full = byId([...buildBoard({ ...later, analyzer: new MessageAnalyzer(createRoutingModel()) }).values()].map((t) => t.card));
    expect(byId(desk.cards())).toEqual(full);
    expect(change.removed).toEqual([]);
    expect(change.upserted.length).toBeGreaterThan(0);
    for (const card of desk.cards()) {
      const sent = change.upserted.includes(card);
      expect(sent).toBe(card !== before.get(card.ticketId));
      if (!sent) expect(JSON.stringify(card)).toBe(JSON.stringify(before.get(card.ticketId)));
    }
    expect(change.upserted.find((c) => c.ticketId === desk.cards()[0]?.ticketId)?.actingAgent).toBe('Ann');
  });

  it('threads again when the same array was edited in place (as the demo does), not only when it is a new one', () => {
    const rand = mulberry32(5);
    const at = Date.parse('2026-11-02T08:00:00Z');
    const messages = Array.from({ length: 10 }, (_, i) => message(i, rand, null, at + i * 60_000));
    const input: BoardInput = { messages, services: SERVICES, calendar: DEFAULT_CALENDAR, policy: DEFAULT_SLA_POLICY, serials: { serials: new Set() }, analyzer: new MessageAnalyzer(createRoutingModel()), now: new Date(at + 3_600_000) };
    const desk = new TicketDesk();
    const reference = () => byId([...buildBoard({ ...input, analyzer: new MessageAnalyzer(createRoutingModel()) }).values()].map((t) => t.card));
    desk.rebuild(input);
    const first = messages[0] as MailMessage;
    const firstCard = desk.cards().find((c) => c.subject === first.subject && c.customer.address === first.from.address);
    const before = firstCard ? (desk.get(firstCard.ticketId)?.thread.messages.length ?? 0) : 0;
    messages.push({ ...message(10, rand, first, at + 20 * 60_000), from: first.from, folder: 'inbox' });
    const reply = desk.rebuild(input);
    expect(reply.upserted.map((c) => desk.get(c.ticketId)?.thread.messages.length)).toEqual([before + 1]);
    expect(byId(desk.cards())).toEqual(reference());
    messages[3] = { ...(messages[3] as MailMessage), subject: 'Autre sujet', text: '' };
    expect(desk.rebuild(input).upserted.map((c) => c.subject)).toContain('Autre sujet');
    expect(byId(desk.cards())).toEqual(reference());
  });

  it('defers reading beyond the budget, then fills the cards in to what a full build shows', () => {
    const rand = mulberry32(7);
    let at = Date.parse('2026-11-02T08:00:00Z');
    const messages: MailMessage[] = [];
    for (let i = 0; i < 40; i++) messages.push(message(i, rand, i > 3 && rand() < 0.3 ? (messages[i - 2] as MailMessage) : null, (at += 60_000)));
    const analyzer = new MessageAnalyzer(createRoutingModel());
    const input: BoardInput = { messages, services: SERVICES, calendar: DEFAULT_CALENDAR, policy: DEFAULT_SLA_POLICY, serials: { serials: new Set() }, analyzer, now: new Date(at + 3_600_000) };
    const desk = new TicketDesk();
    desk.rebuild({ ...input, analysisBudget: 5 });
    expect(desk.deferred.length).toBeGreaterThan(0);
    const full = byId([...buildBoard({ ...input, analyzer: new MessageAnalyzer(createRoutingModel()) }).values()].map((t) => t.card));
    expect(byId(desk.cards())).not.toEqual(full);
    for (const m of desk.deferred) analyzer.analyse(m);
    const change = desk.rebuild({ ...input, analysisBudget: 5 });
    expect(desk.deferred).toEqual([]);
    expect(change.upserted.length).toBeGreaterThan(0);
    expect(byId(desk.cards())).toEqual(full);
  });
});

describe('MessageAnalyzer with a persistent cache', () => {
  it('a second analyzer reads nothing again, follows a changed text, and ignores routing from another model', () => {
    const entries = new Map<string, Parameters<AnalysisCache['set']>[2]>();
    const cache: AnalysisCache = {
      get: (s, id) => entries.get(`${s}/${id}`),
      set: (s, id, r) => void entries.set(`${s}/${id}`, JSON.parse(JSON.stringify(r))),
      keep: (s, id, r) => void entries.set(`${s}/${id}`, r),
    };
    const rand = mulberry32(3);
    const m = { ...message(1, rand, null, Date.parse('2026-11-02T08:00:00Z')), text: TEXTS[2] as string };
    const first = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a' }).analyse(m);
    const second = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'a' });
    expect(second.peek(m)).toEqual(first);
    const otherModel = new MessageAnalyzer(createRoutingModel(), { cache, modelKey: 'b' });
    expect(otherModel.peekForm(m)).toEqual(first.form);
    expect(otherModel.peek(m)).toBeUndefined();
    const changed = { ...m, text: TEXTS[1] as string };
    expect(second.peekForm(changed)).toBeUndefined();
    expect(second.analyse(changed).form.serial).toBeNull();
    expect(first.form.serial).toBe('ST-AB12-CD34-EF56');
  });
});

describe('misroute hints and left-out evidence words', () => {
  it('a hint whose mail kept no words (it agreed with the service it came to) reads them again', () => {
    const text = 'Bonjour, le jeu plante au lancement avec un écran noir depuis la mise à jour des pilotes de la carte graphique.';
    const mail: MailMessage = {
      id: 'm1', serviceId: 'technical', folder: 'inbox', messageId: '<m1@test>', inReplyTo: null, references: [], subject: 'Écran noir',
      from: { name: 'Client', address: 'client@client.test' }, to: [{ name: '', address: 'tech@guichet.test' }], cc: [],
      date: '2026-11-02T08:00:00.000Z', keywords: [], text, html: null, attachments: [], stamp: null, resent: null, incomplete: false,
    };
    // The analyzer knows the mail's service as technical (it agrees: words left out) while the
    // board's services now say that service is the consumer one (the service was changed since).
    const analyzer = new MessageAnalyzer(createRoutingModel(), { kindOf: (id) => (id === 'technical' ? 'technical' : 'consumer') });
    const services = SERVICES.map((s) => (s.id === 'technical' ? { ...s, kind: 'consumer' as const } : s));
    const input: BoardInput = { messages: [mail], services, calendar: DEFAULT_CALENDAR, policy: DEFAULT_SLA_POLICY, serials: { serials: new Set() }, analyzer, now: new Date('2026-11-02T09:00:00Z') };
    const [card] = new TicketDesk().rebuild(input).upserted;
    expect(card?.misroute?.suggested).toBe('technical');
    expect(card?.misroute?.evidence.map((e) => e.word)).toContain('écran noir');
    expect(card?.misroute?.evidence).toEqual(analyzer.evidence(mail).map((e) => ({ ...e, favours: 'technical' })));
  });
});
