import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../../src/shared/domain';
import { normaliseSubject, threadTickets } from '../../../src/main/core/triage/threading';
import {
  findTicketTag,
  findTicketTags,
  stripTicketTags,
  tagOf,
  ticketIdFor,
  ticketTagFor,
  withTicketTag,
} from '../../../src/main/core/triage/ticketTag';

const TECH = 'servicetechnique@jeu.example';
const CONSO = 'serviceconso@jeu.example';

/** Monday 2 March 2026 plus `days`, at `hour` UTC. */
function at(days: number, hour = 10): string {
  return new Date(Date.UTC(2026, 2, 2 + days, hour)).toISOString();
}

interface MailSpec {
  mid: string | null;
  date: string;
  subject?: string;
  from?: string;
  to?: string;
  serviceId?: string;
  folder?: MailMessage['folder'];
  inReplyTo?: string;
  references?: string[];
  stampTicket?: string;
  resentFrom?: string;
  copy?: string;
}

/** A message as sync would store it; `copy` distinguishes copies of one Message-ID. */
function mail(spec: MailSpec): MailMessage {
  const serviceId = spec.serviceId ?? 'tech';
  const folder = spec.folder ?? 'inbox';
  return {
    id: `${spec.mid ?? 'none'}|${serviceId}|${folder}|${spec.copy ?? ''}|${spec.date}`,
    serviceId,
    folder,
    messageId: spec.mid === null ? null : `<${spec.mid}@mail.example>`,
    inReplyTo: spec.inReplyTo === undefined ? null : `<${spec.inReplyTo}@mail.example>`,
    references: (spec.references ?? []).map((r) => `<${r}@mail.example>`),
    subject: spec.subject ?? 'Le jeu plante au lancement',
    from: { name: '', address: spec.from ?? 'alice@client.example' },
    to: [{ name: '', address: spec.to ?? TECH }],
    cc: [],
    date: spec.date,
    keywords: [],
    text: '',
    html: null,
    attachments: [],
    stamp: spec.stampTicket === undefined ? null : { ticket: spec.stampTicket, action: 'acknowledge', agent: 'Lea' },
    resent: spec.resentFrom === undefined ? null : { from: spec.resentFrom, to: TECH, date: spec.date, messageId: '<r@x>' },
    incomplete: false,
  };
}

/** Thread the messages and name each ticket by its messages' Message-ID stems. */
function groups(messages: MailMessage[]): string[][] {
  return threadTickets(messages).map((t) => t.messages.map((m) => m.messageId?.replace(/^<|@mail\.example>$/g, '') ?? `no-id:${m.subject}`));
}

const rootTag = ticketIdFor('<m1@mail.example>');

describe('threadTickets', () => {
  const cases: Array<{ name: string; messages: MailMessage[]; expected: string[][] }> = [
    {
      name: 'a reply joins by References and In-Reply-To, the team reply from Sent included',
      messages: [
        mail({ mid: 'm1', date: at(0) }),
        mail({ mid: 't1', date: at(1), folder: 'sent', from: TECH, inReplyTo: 'm1', references: ['m1'], subject: 'RE: x' }),
        mail({ mid: 'm2', date: at(2), inReplyTo: 't1', references: ['m1', 't1'], subject: 'autre sujet' }),
      ],
      expected: [['m1', 't1', 'm2']],
    },
    {
      name: 'two replies to a missing parent meet through it',
      messages: [
        mail({ mid: 'a', date: at(0), inReplyTo: 'gone', subject: 'un' }),
        mail({ mid: 'b', date: at(1), inReplyTo: 'gone', subject: 'deux' }),
      ],
      expected: [['a', 'b']],
    },
    {
      name: 'a new mail with the ticket tag in its subject joins the root',
      messages: [
        mail({ mid: 'm1', date: at(0) }),
        mail({ mid: 'm2', date: at(30), subject: `Toujours rien ${tagOf(rootTag)}`, from: 'other@client.example' }),
      ],
      expected: [['m1', 'm2']],
    },
    {
      name: 'sent mail joins by its X-Guichet-Ticket stamp without references',
      messages: [
        mail({ mid: 'm1', date: at(0) }),
        mail({ mid: 't1', date: at(1), folder: 'sent', from: TECH, subject: 'Accusé', stampTicket: rootTag }),
      ],
      expected: [['m1', 't1']],
    },
    {
      name: 'same customer, same subject after prefixes and tags, 14 days later: same ticket',
      messages: [
        mail({ mid: 'm1', date: at(0) }),
        mail({ mid: 'm2', date: at(14), subject: 'RE : TR: Le jeu plante au lancement [GX-ABCDEF]' }),
      ],
      expected: [['m1', 'm2']],
    },
    {
      name: 'same customer, same subject, 15 days later: a new ticket',
      messages: [mail({ mid: 'm1', date: at(0) }), mail({ mid: 'm2', date: at(15), subject: 'Re: Le jeu plante au lancement' })],
      expected: [['m1'], ['m2']],
    },
    {
      name: 'a chain of follow-ups each under 14 days apart stays one ticket',
      messages: [mail({ mid: 'm1', date: at(0) }), mail({ mid: 'm2', date: at(10) }), mail({ mid: 'm3', date: at(20) })],
      expected: [['m1', 'm2', 'm3']],
    },
    {
      name: 'different customers with the same subject stay separate',
      messages: [
        mail({ mid: 'm1', date: at(0), from: 'alice@client.example' }),
        mail({ mid: 'm2', date: at(1), from: 'bob@client.example' }),
      ],
      expected: [['m1'], ['m2']],
    },
    {
      name: 'a subject that is only a prefix never threads by subject',
      messages: [mail({ mid: 'm1', date: at(0), subject: 'Re:' }), mail({ mid: 'm2', date: at(1), subject: 'RE :' })],
      expected: [['m1'], ['m2']],
    },
    {
      name: 'one mail sent to both services is one ticket with two copies',
      messages: [
        mail({ mid: 'm1', date: at(0), serviceId: 'tech' }),
        mail({ mid: 'm1', date: at(0, 11), serviceId: 'conso' }),
      ],
      expected: [['m1', 'm1']],
    },
    {
      name: 'a transferred copy is the same ticket as its source',
      messages: [
        mail({ mid: 'm1', date: at(0), serviceId: 'conso', to: CONSO }),
        mail({ mid: 'm1', date: at(1), serviceId: 'tech', resentFrom: CONSO }),
      ],
      expected: [['m1', 'm1']],
    },
    {
      name: 'a reply that already threads by References ignores a foreign tag in its subject',
      messages: [
        mail({ mid: 'm1', date: at(0), subject: 'un' }),
        mail({ mid: 'x1', date: at(0, 12), subject: 'deux', from: 'bob@client.example' }),
        mail({ mid: 'm2', date: at(1), inReplyTo: 'm1', subject: `Re: un ${tagOf(ticketIdFor('<x1@mail.example>'))}` }),
      ],
      expected: [['m1', 'm2'], ['x1']],
    },
    {
      name: 'messages without a Message-ID stay apart unless the subject threads them',
      messages: [
        mail({ mid: null, date: at(0), subject: 'Commande non reçue' }),
        mail({ mid: null, date: at(2), subject: 'Re: Commande non recue' }),
        mail({ mid: null, date: at(3), subject: 'Autre chose' }),
      ],
      expected: [['no-id:Commande non reçue', 'no-id:Re: Commande non recue'], ['no-id:Autre chose']],
    },
  ];

  it.each(cases)('$name', ({ messages, expected }) => {
    expect(groups(messages)).toEqual(expected);
  });

  it('gives the same tickets whatever order the messages arrive in', () => {
    // Every case at once: shared Message-IDs cross-link cases, which makes the order harder.
    const messages = cases.flatMap((c, i) => c.messages.map((m) => ({ ...m, id: `${m.id}#${i}` })));
    const forward = threadTickets(messages);
    const backward = threadTickets([...messages].reverse());
    const interleaved = threadTickets([...messages.filter((_, i) => i % 2 === 1), ...messages.filter((_, i) => i % 2 === 0)]);
    expect(backward).toEqual(forward);
    expect(interleaved).toEqual(forward);
    expect(forward.flatMap((t) => t.messages).length).toBe(messages.length);
  });

  it('keeps the id of the first stamp even when an earlier message syncs later', () => {
    const stamped = mail({ mid: 't1', date: at(2), folder: 'sent', from: TECH, inReplyTo: 'm2', stampTicket: 'GX-ABCDEF' });
    const threads = threadTickets([mail({ mid: 'm2', date: at(1) }), stamped, mail({ mid: 'm1', date: at(0) })]);
    expect(threads.map((t) => [t.ticketId, t.rootMessageId])).toEqual([['GX-ABCDEF', '<m1@mail.example>']]);
  });

  it('names an unstamped ticket after its root Message-ID', () => {
    const threads = threadTickets([mail({ mid: 'm2', date: at(1), inReplyTo: 'm1' }), mail({ mid: 'm1', date: at(0) })]);
    expect(threads.map((t) => t.ticketId)).toEqual([rootTag]);
  });
});

describe('normaliseSubject', () => {
  it.each([
    ['Re: Jeu planté', 'jeu plante'],
    ['RE : TR: Fwd: Jeu planté', 'jeu plante'],
    ['Réf. : Commande 123', 'commande 123'],
    ['AW: [GX-7K2M9Q] Problème  d’installation', 'probleme d’installation'],
    ['[SPAM] Re[2]: Bonjour', 'bonjour'],
    ['Re:', ''],
    ['Retour produit', 'retour produit'],
    ['Trop cher', 'trop cher'],
  ])('%s → %s', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });
});

describe('ticket tags', () => {
  it('makes a GX id of 6 Crockford characters, the same for every spelling of the Message-ID', () => {
    const id = ticketIdFor('<CAF12345@mail.gmail.com>');
    expect(id).toMatch(/^GX-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(ticketIdFor(' caf12345@mail.gmail.com ')).toBe(id);
    expect(ticketTagFor('<CAF12345@mail.gmail.com>')).toBe(`[${id}]`);
    expect(ticketIdFor('<CAF12346@mail.gmail.com>')).not.toBe(id);
  });

  it('gives distinct ids to 10,000 distinct Message-IDs but for rare collisions', () => {
    const ids = new Set(Array.from({ length: 10_000 }, (_, i) => ticketIdFor(`<${i}.${i * 7}@host.example>`)));
    expect(ids.size).toBeGreaterThanOrEqual(9_990);
  });

  it.each([
    ['Re: Jeu planté [GX-7K2M9Q]', 'GX-7K2M9Q', ['GX-7K2M9Q']],
    ['Re: [gx-7k2m9q] minuscule', 'GX-7K2M9Q', ['GX-7K2M9Q']],
    ['[ GX - 7K2M9Q ] espaces', 'GX-7K2M9Q', ['GX-7K2M9Q']],
    ['Lu comme Crockford [GX-OIL000]', 'GX-011000', ['GX-011000']],
    ['U interdit [GX-UUUUUU]', null, []],
    ['Trop court [GX-12345]', null, []],
    ['Deux [GX-AAAAAA] et [GX-BBBBBB] et [GX-AAAAAA]', 'GX-AAAAAA', ['GX-AAAAAA', 'GX-BBBBBB']],
    ['Sans étiquette', null, []],
  ])('finds the tag in %s', (subject, first, all) => {
    expect(findTicketTag(subject)).toBe(first);
    expect(findTicketTags(subject)).toEqual(all);
  });

  it.each([
    ['Re: Jeu planté', 'GX-7K2M9Q', 'Re: Jeu planté [GX-7K2M9Q]'],
    ['Re: Jeu planté [GX-7K2M9Q]', 'GX-7K2M9Q', 'Re: Jeu planté [GX-7K2M9Q]'],
    ['Re: [GX-AAAAAA] Jeu planté', 'GX-7K2M9Q', 'Re: Jeu planté [GX-7K2M9Q]'],
    ['', 'GX-7K2M9Q', '[GX-7K2M9Q]'],
  ])('tags %s for %s', (subject, ticketId, expected) => {
    expect(withTicketTag(subject, ticketId)).toBe(expected);
    expect(stripTicketTags(expected)).toBe(subject === '' ? '' : stripTicketTags(subject));
  });
});

describe('stripTicketTags on subjects with nothing to strip', () => {
  it.each([
    ['Le jeu plante', 'Le jeu plante'],
    ['  Le jeu plante ', 'Le jeu plante'],
    ['Le  jeu\tplante', 'Le jeu plante'],
    ['Le\u00a0jeu plante', 'Le jeu plante'],
    ['Écran noir\u3000', 'Écran noir'],
    ['Crash [v1.2]', 'Crash [v1.2]'],
    ['Crash [GX-7K2M9Q]', 'Crash'],
    ['', ''],
  ])('%j → %j', (subject, expected) => {
    expect(stripTicketTags(subject)).toBe(expected);
  });
});
