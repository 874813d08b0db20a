import { describe, expect, it } from 'vitest';
import type { MailMessage } from '../../../src/shared/domain';
import { GuichetKeyword } from '../../../src/shared/keywords';
import { TicketSummary } from '../../../src/shared/ticket';
import { threadTickets } from '../../../src/main/core/triage/threading';
import { deriveTicket, type DerivedTicket, type ServiceRef } from '../../../src/main/core/triage/ticketState';

const TECH = 'servicetechnique@jeu.example';
const CONSO = 'serviceconso@jeu.example';
const CUSTOMER = 'alice@client.example';
const services: ServiceRef[] = [
  { id: 'tech', kind: 'technical', address: TECH },
  { id: 'conso', kind: 'consumer', address: CONSO },
];
const addressOf = { tech: TECH, conso: CONSO } as const;
type ServiceId = keyof typeof addressOf;

/** Monday 2 March 2026 plus `days`, at `hour` UTC, as sync stores it. */
function at(days: number, hour = 10): string {
  return new Date(Date.UTC(2026, 2, 2 + days, hour)).toISOString();
}

/** A customer message as it sits in one service's INBOX. */
function customer(mid: string, date: string, service: ServiceId, options: {
  replyTo?: string;
  keywords?: string[];
  to?: string[];
  resentFrom?: ServiceId;
  resentAt?: string;
} = {}): MailMessage {
  return {
    id: `${mid}/${service}${options.resentFrom ? '/resent' : ''}`,
    serviceId: service,
    folder: 'inbox',
    messageId: `<${mid}@client.example>`,
    inReplyTo: options.replyTo ? `<${options.replyTo}@client.example>` : null,
    references: options.replyTo ? [`<m1@client.example>`, `<${options.replyTo}@client.example>`] : [],
    subject: options.replyTo ? 'Re: Le jeu plante [GX-ABCDEF]' : 'Le jeu plante',
    from: { name: 'Alice Martin', address: CUSTOMER },
    to: (options.to ?? [addressOf[service]]).map((address) => ({ name: '', address })),
    cc: [],
    date,
    keywords: options.keywords ?? [],
    text: '',
    html: null,
    attachments: [],
    stamp: null,
    resent: options.resentFrom
      ? { from: addressOf[options.resentFrom], to: addressOf[service], date: options.resentAt ?? date, messageId: `<resent-${mid}@jeu.example>` }
      : null,
    incomplete: false,
  };
}

/** A message the team sent, read back from one service's Sent folder. */
function team(mid: string, date: string, service: ServiceId, action: string | null, options: {
  replyTo?: string;
  targetService?: string;
  agent?: string;
} = {}): MailMessage {
  const replyTo = options.replyTo ?? 'm1';
  return {
    id: `${mid}/${service}/sent`,
    serviceId: service,
    folder: 'sent',
    messageId: `<${mid}@client.example>`,
    inReplyTo: `<${replyTo}@client.example>`,
    references: [`<m1@client.example>`, `<${replyTo}@client.example>`],
    subject: 'Re: Le jeu plante [GX-ABCDEF]',
    from: { name: 'Service technique', address: addressOf[service] },
    to: [{ name: 'Alice Martin', address: CUSTOMER }],
    cc: [],
    date,
    keywords: [],
    text: '',
    html: null,
    attachments: [],
    stamp: action === null
      ? null
      : { ticket: 'GX-ABCDEF', action, agent: options.agent ?? 'Léa', ...(options.targetService ? { targetService: options.targetService } : {}) },
    resent: null,
    incomplete: false,
  };
}

function derive(messages: MailMessage[]): DerivedTicket {
  const threads = threadTickets(messages);
  expect(threads).toHaveLength(1);
  return deriveTicket(threads[0] as (typeof threads)[number], services);
}

type Expected = Pick<DerivedTicket, 'state' | 'serviceId' | 'sourceServiceId' | 'clockStart' | 'awaitingSentSync'> &
  Partial<Pick<DerivedTicket, 'lastTeamMessageAt' | 'lastCustomerMessageAt' | 'transferredAt' | 'transferredToAddress' | 'claimed' | 'messageCount'>>;

const cases: Array<{ name: string; messages: MailMessage[]; expected: Expected }> = [
  {
    name: 'new: nobody answered, first-response clock from arrival',
    messages: [customer('m1', at(0), 'tech')],
    expected: { state: 'new', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'firstResponse', from: at(0) }, awaitingSentSync: false, lastTeamMessageAt: null, lastCustomerMessageAt: at(0) },
  },
  {
    name: 'acknowledged: update clock from the acknowledgement',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'acknowledge')],
    expected: { state: 'acknowledged', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(1) }, awaitingSentSync: false, lastTeamMessageAt: at(1) },
  },
  {
    name: 'acknowledged then update: the clock restarts at the update',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'acknowledge'), team('t2', at(3), 'tech', 'update')],
    expected: { state: 'acknowledged', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(3) }, awaitingSentSync: false, lastTeamMessageAt: at(3) },
  },
  {
    name: 'proposal then silence: waiting on the customer, no clock',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'acknowledge'), team('t2', at(4), 'tech', 'proposal')],
    expected: { state: 'waitingOnCustomer', serviceId: 'tech', sourceServiceId: null, clockStart: null, awaitingSentSync: false },
  },
  {
    name: 'proposal then the customer says it failed: clock from the reply',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'proposal'), customer('m2', at(5), 'tech', { replyTo: 't1' })],
    expected: { state: 'customerReplied', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'customerReplied', from: at(5) }, awaitingSentSync: false, lastCustomerMessageAt: at(5) },
  },
  {
    name: 'a customer message while acknowledged keeps the earlier update clock',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'acknowledge'), customer('m2', at(2), 'tech', { replyTo: 't1' })],
    expected: { state: 'customerReplied', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(1) }, awaitingSentSync: false },
  },
  {
    name: 'resolved: no clock',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'proposal'), team('t2', at(6), 'tech', 'resolve')],
    expected: { state: 'resolved', serviceId: 'tech', sourceServiceId: null, clockStart: null, awaitingSentSync: false },
  },
  {
    name: 'reopened by the team: update clock from the reopen',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'resolve'), team('t2', at(8), 'tech', 'reopen')],
    expected: { state: 'reopened', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(8) }, awaitingSentSync: false },
  },
  {
    name: 'reopened by the customer writing after resolution',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(1), 'tech', 'resolve'), customer('m2', at(9), 'tech', { replyTo: 't1' })],
    expected: { state: 'reopened', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'customerReplied', from: at(9) }, awaitingSentSync: false },
  },
  {
    name: 'unstamped mail from the service mailbox counts as an update',
    messages: [customer('m1', at(0), 'tech'), team('t1', at(2), 'tech', null)],
    expected: { state: 'acknowledged', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(2) }, awaitingSentSync: false, lastTeamMessageAt: at(2) },
  },
  {
    name: 'transferred: the receiving service owns it, clock from the transfer',
    messages: [
      customer('m1', at(0), 'conso'),
      team('t1', at(1, 9), 'conso', 'transfer', { targetService: TECH }),
      customer('m1', at(1, 9), 'tech', { resentFrom: 'conso', resentAt: at(1, 9) }),
    ],
    expected: { state: 'transferred', serviceId: 'tech', sourceServiceId: 'conso', clockStart: { kind: 'transfer', from: at(1, 9) }, awaitingSentSync: false, transferredAt: at(1, 9), messageCount: 2 },
  },
  {
    name: 'transferred, then the customer replies to the old address: it follows to the new service',
    messages: [
      customer('m1', at(0), 'conso'),
      team('t1', at(1, 9), 'conso', 'transfer', { targetService: TECH }),
      customer('m1', at(1, 9), 'tech', { resentFrom: 'conso' }),
      customer('m2', at(2), 'conso', { replyTo: 't1' }),
    ],
    expected: { state: 'customerReplied', serviceId: 'tech', sourceServiceId: 'conso', clockStart: { kind: 'transfer', from: at(1, 9) }, awaitingSentSync: false, transferredAt: at(1, 9) },
  },
  {
    name: 'transferred, then acknowledged by the receiving service',
    messages: [
      customer('m1', at(0), 'conso', { keywords: [GuichetKeyword.transferred] }),
      customer('m1', at(1, 9), 'tech', { resentFrom: 'conso', keywords: [GuichetKeyword.acknowledged] }),
      team('t1', at(1, 9), 'conso', 'transfer', { targetService: 'tech' }),
      team('t2', at(2), 'tech', 'acknowledge'),
    ],
    expected: { state: 'acknowledged', serviceId: 'tech', sourceServiceId: 'conso', clockStart: { kind: 'update', from: at(2) }, awaitingSentSync: false },
  },
  {
    name: 'transferred to an address outside the configured services: no clock of ours',
    messages: [customer('m1', at(0), 'conso'), team('t1', at(1), 'conso', 'transfer', { targetService: 'sav@ailleurs.example' })],
    expected: { state: 'transferred', serviceId: 'conso', sourceServiceId: 'conso', clockStart: null, awaitingSentSync: false, transferredToAddress: 'sav@ailleurs.example', transferredAt: at(1) },
  },
  {
    name: 'only the transferred copy synced: the source comes from Resent-From',
    messages: [customer('m1', at(1), 'tech', { resentFrom: 'conso', resentAt: at(1) })],
    expected: { state: 'transferred', serviceId: 'tech', sourceServiceId: 'conso', clockStart: { kind: 'transfer', from: at(1) }, awaitingSentSync: false },
  },
  {
    name: 'one mail to both services is one ticket, owned by the first service in To',
    messages: [
      customer('m1', at(0), 'tech', { to: [CONSO, TECH] }),
      customer('m1', at(0), 'conso', { to: [CONSO, TECH] }),
    ],
    expected: { state: 'new', serviceId: 'conso', sourceServiceId: null, clockStart: { kind: 'firstResponse', from: at(0) }, awaitingSentSync: false, messageCount: 1 },
  },
  {
    name: 'keyword only: another desktop acknowledged and its Sent has not synced',
    messages: [customer('m1', at(0), 'tech', { keywords: [GuichetKeyword.acknowledged] })],
    expected: { state: 'acknowledged', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(0) }, awaitingSentSync: true, lastTeamMessageAt: null },
  },
  {
    name: 'keyword ahead of Sent: proposal sent after a synced acknowledgement',
    messages: [customer('m1', at(0), 'tech', { keywords: [GuichetKeyword.waiting] }), team('t1', at(1), 'tech', 'acknowledge')],
    expected: { state: 'waitingOnCustomer', serviceId: 'tech', sourceServiceId: null, clockStart: null, awaitingSentSync: true },
  },
  {
    name: 'keyword that Sent already shows changes nothing',
    messages: [customer('m1', at(0), 'tech', { keywords: [GuichetKeyword.waiting] }), team('t1', at(1), 'tech', 'proposal')],
    expected: { state: 'waitingOnCustomer', serviceId: 'tech', sourceServiceId: null, clockStart: null, awaitingSentSync: false },
  },
  {
    name: 'a keyword on an older customer message does not answer a newer one',
    messages: [
      customer('m1', at(0), 'tech', { keywords: [GuichetKeyword.acknowledged] }),
      team('t1', at(1), 'tech', 'acknowledge'),
      customer('m2', at(2), 'tech', { replyTo: 't1' }),
    ],
    expected: { state: 'customerReplied', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'update', from: at(1) }, awaitingSentSync: false },
  },
  {
    name: 'keyword only: another desktop transferred it and nothing else synced yet',
    messages: [customer('m1', at(0), 'conso', { keywords: [GuichetKeyword.transferred] })],
    expected: { state: 'transferred', serviceId: 'conso', sourceServiceId: 'conso', clockStart: null, awaitingSentSync: true },
  },
  {
    name: 'a claim by another agent shows on the ticket',
    messages: [customer('m1', at(0), 'tech', { keywords: [GuichetKeyword.claim] })],
    expected: { state: 'new', serviceId: 'tech', sourceServiceId: null, clockStart: { kind: 'firstResponse', from: at(0) }, awaitingSentSync: false, claimed: true },
  },
];

describe('deriveTicket', () => {
  it.each(cases)('$name', ({ messages, expected }) => {
    const ticket = derive(messages);
    const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, ticket[key as keyof DerivedTicket]]));
    expect(picked).toEqual(expected);
  });

  it.each(cases)('derives the same ticket from reversed input: $name', ({ messages }) => {
    expect(derive([...messages].reverse())).toEqual(derive(messages));
  });

  it.each(cases)('matches the UI schema: $name', ({ messages }) => {
    expect(TicketSummary.safeParse(derive(messages)).success).toBe(true);
  });

  it('records who did what, in order, with the customer and subject of the first message', () => {
    const ticket = derive([
      customer('m1', at(0), 'conso'),
      team('t1', at(1, 9), 'conso', 'transfer', { targetService: TECH, agent: 'Paul' }),
      customer('m1', at(1, 9), 'tech', { resentFrom: 'conso' }),
      team('t2', at(2), 'tech', 'acknowledge', { agent: 'Léa' }),
      customer('m2', at(3), 'conso', { replyTo: 't2' }),
    ]);
    expect(ticket.history).toEqual([
      { at: at(0), actor: 'customer', action: 'customerMessage', serviceId: 'conso', fromKeyword: false },
      { at: at(1, 9), actor: 'Paul', action: 'transfer', serviceId: 'conso', fromKeyword: false },
      { at: at(2), actor: 'Léa', action: 'acknowledge', serviceId: 'tech', fromKeyword: false },
      { at: at(3), actor: 'customer', action: 'customerMessage', serviceId: 'conso', fromKeyword: false },
    ]);
    expect([ticket.ticketId, ticket.tag, ticket.customer, ticket.subject]).toEqual([
      'GX-ABCDEF', '[GX-ABCDEF]', { name: 'Alice Martin', address: CUSTOMER }, 'Le jeu plante',
    ]);
  });

  it('anchors claims on the latest customer message, preferring its copy in the owning service', () => {
    const ticket = derive([
      customer('m1', at(0), 'conso', { keywords: [GuichetKeyword.transferred] }),
      customer('m1', at(1), 'tech', { resentFrom: 'conso' }),
      customer('m2', at(2), 'conso', { replyTo: 'm1' }),
      customer('m2', at(2), 'tech', { replyTo: 'm1', to: [CONSO, TECH] }),
    ]);
    expect([ticket.serviceId, ticket.anchor?.id, ticket.anchor?.serviceId]).toEqual(['tech', 'm2/tech', 'tech']);
  });

  it('marks an answer known only from a keyword in the history', () => {
    const ticket = derive([customer('m1', at(0), 'tech', { keywords: [GuichetKeyword.resolved] })]);
    expect(ticket.history.map((h) => [h.action, h.actor, h.fromKeyword])).toEqual([
      ['customerMessage', 'customer', false],
      ['resolve', 'team', true],
    ]);
    expect(ticket.state).toBe('resolved');
  });
});
