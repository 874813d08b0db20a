// Shared by the outbox integration tests, the crash runner and the outbox benchmarks: tickets seeded
// straight into the service INBOX, task specs as core would build them, and counting what arrived.
import { randomUUID } from 'node:crypto';
import { GuichetKeyword } from '../../../src/shared/keywords';
import type { ServiceConnections } from '../../../src/main/core/outbox';
import type { OutboxTaskSpec } from '../../../src/main/core/outbox/taskSpec';
import type { MailServer, MailServerInfo } from '../../harness/mailServer';
import { imapConnect } from '../../harness/mailTools';

export function connectionsFor(server: MailServerInfo): ServiceConnections {
  const endpoint = (serviceId: string, port: number) => {
    const user = server.users[serviceId];
    if (!user) throw new Error(`no service user ${serviceId}`);
    return { host: server.host, port, secure: false, user: user.user, password: user.password, ...(server.ca !== null ? { ca: server.ca } : {}) };
  };
  return {
    imap: async (serviceId) => endpoint(serviceId, server.imapPort),
    smtp: async (serviceId) => endpoint(serviceId, server.smtpPort),
  };
}

export interface SeededTicket {
  ticketId: string;
  serviceId: string;
  customer: string;
  messageId: string;
  uid: number;
  uidValidity: number;
  raw: Buffer;
}

export function customerMessage(customer: string, service: string, messageId: string, subject: string): Buffer {
  return Buffer.from([
    `From: Client <${customer}>`,
    `To: Service <${service}>`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'Date: Mon, 23 Nov 2026 09:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Bonjour, mon lave-linge affiche E21. Numéro de série : LV-88412.',
    '',
  ].join('\r\n'), 'utf8');
}

/** Writes `count` customer messages into the service's Maildir, then reads their UIDs back. */
export async function seedTickets(server: MailServer, serviceId: string, count: number, customers = ['customer1', 'customer2', 'customer3', 'customer4']): Promise<SeededTicket[]> {
  const service = server.users[serviceId];
  if (!service) throw new Error(`no service ${serviceId}`);
  const run = randomUUID().slice(0, 8);
  const drafts = Array.from({ length: count }, (_, i) => {
    const customer = server.users[customers[i % customers.length] as string]?.address ?? '';
    const messageId = `<t${i}-${run}@client.test>`;
    return { ticketId: `GX-${run.toUpperCase()}-${i}`, customer, messageId, raw: customerMessage(customer, service.address, messageId, `Panne ${run} #${i}`) };
  });
  await server.seedMaildir(serviceId, 'INBOX', drafts.map((d) => d.raw));
  const client = await imapConnect(server, serviceId);
  try {
    const box = await client.mailboxOpen('INBOX', { readOnly: true });
    const byId = new Map<string, number>();
    for await (const m of client.fetch('1:*', { uid: true, envelope: true }, { uid: false })) {
      if (m.envelope?.messageId) byId.set(m.envelope.messageId, m.uid);
    }
    return drafts.map((d) => {
      const uid = byId.get(d.messageId);
      if (uid === undefined) throw new Error(`seeded ${d.messageId} not found`);
      return { ...d, serviceId, uid, uidValidity: Number(box.uidValidity) };
    });
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export function ackSpec(server: MailServerInfo, ticket: SeededTicket, agentName: string, action: OutboxTaskSpec['action'] = 'acknowledge'): OutboxTaskSpec {
  const service = server.users[ticket.serviceId];
  if (!service) throw new Error(`no service ${ticket.serviceId}`);
  return {
    ticketId: ticket.ticketId,
    action,
    agentName,
    serviceId: ticket.serviceId,
    mail: {
      from: { name: 'Service technique', address: service.address },
      to: [{ name: 'Client', address: ticket.customer }],
      replyTo: service.address,
      subject: `Re: Panne [${ticket.ticketId}]`,
      text: `Bonjour,\n\nNous avons bien reçu votre demande ${ticket.ticketId}.\n\n${agentName}`,
      html: `<p>Bonjour,</p><p>Nous avons bien reçu votre demande <b>${ticket.ticketId}</b>.</p>`,
      inReplyTo: ticket.messageId,
      references: [ticket.messageId],
    },
    claim: {
      mailbox: 'INBOX', uid: ticket.uid, uidValidity: ticket.uidValidity, messageId: ticket.messageId,
      knownKeywords: [], knownAnswers: [],
    },
    keywords: { add: [GuichetKeyword.acknowledged], remove: [GuichetKeyword.waiting, GuichetKeyword.resolved] },
  };
}

/** How many messages stamped with each ticket a mailbox holds (headers only: fast). */
export async function countByTicket(server: MailServerInfo, user: string, folder = 'INBOX'): Promise<Map<string, number>> {
  const client = await imapConnect(server, user);
  const counts = new Map<string, number>();
  try {
    const box = await client.mailboxOpen(folder, { readOnly: true });
    if (box.exists === 0) return counts;
    for await (const m of client.fetch('1:*', { uid: true, headers: ['x-guichet-ticket'] }, { uid: false })) {
      const value = /x-guichet-ticket:\s*(\S+)/i.exec(m.headers?.toString('utf8') ?? '')?.[1];
      if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Sums counts over every customer mailbox. */
export async function customerCounts(server: MailServerInfo, customers = ['customer1', 'customer2', 'customer3', 'customer4']): Promise<Map<string, number>> {
  const total = new Map<string, number>();
  for (const c of customers) {
    for (const [ticket, n] of await countByTicket(server, c)) total.set(ticket, (total.get(ticket) ?? 0) + n);
  }
  return total;
}

/** Polls until every ticket has at least one message (or the timeout), then waits `settleMs` for stragglers. */
export async function waitForCounts(server: MailServerInfo, tickets: string[], timeoutMs: number, settleMs = 500): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await customerCounts(server);
    if (tickets.every((t) => (counts.get(t) ?? 0) > 0) || Date.now() > deadline) {
      await new Promise((r) => setTimeout(r, settleMs));
      return customerCounts(server);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function tally(tickets: string[], counts: Map<string, number>): { delivered: number; duplicates: number; lost: number } {
  let delivered = 0;
  let duplicates = 0;
  let lost = 0;
  for (const t of tickets) {
    const n = counts.get(t) ?? 0;
    if (n === 0) lost++;
    else delivered++;
    duplicates += Math.max(0, n - 1);
  }
  return { delivered, duplicates, lost };
}

export async function anchorKeywords(server: MailServerInfo, serviceId: string, uids: number[]): Promise<Map<number, string[]>> {
  const client = await imapConnect(server, serviceId);
  const out = new Map<number, string[]>();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    for await (const m of client.fetch(uids.join(','), { uid: true, flags: true }, { uid: true })) {
      out.set(m.uid, [...(m.flags ?? [])].filter((f) => !f.startsWith('\\')));
    }
    return out;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export const silentLog = { info: () => {}, warn: () => {} };
