import { z } from 'zod';

// The shared state every desktop reads back from the IMAP server (docs/keywords.md).
// The vocabulary is small and fixed: Maildir servers hold only 26 keywords per mailbox.

/** IMAP keywords Guichet sets on customer messages in a service's INBOX. */
export const GuichetKeyword = {
  /** A team response (acknowledgement, update, reopen) went out after this message. */
  acknowledged: '$GxAck',
  /** A proposal or a request for information went out: the ticket waits on the customer. */
  waiting: '$GxWaiting',
  /** This copy was transferred to another service; the source keeps it. */
  transferred: '$GxTransferred',
  /** The ticket was resolved as of this message. */
  resolved: '$GxResolved',
  /** An agent is sending an answer; set with CONDSTORE UNCHANGEDSINCE so only one agent wins. */
  claim: '$GxClaim',
} as const;

export type GuichetKeyword = (typeof GuichetKeyword)[keyof typeof GuichetKeyword];

export const GUICHET_KEYWORDS: readonly GuichetKeyword[] = Object.values(GuichetKeyword);

/** The answer keywords are exclusive: an action sets its own and clears the other two. */
export const ANSWER_KEYWORDS: readonly GuichetKeyword[] = [
  GuichetKeyword.acknowledged,
  GuichetKeyword.waiting,
  GuichetKeyword.resolved,
];

/** Headers Guichet stamps on its outbound mail; read back from Sent by every desktop. */
export const GuichetHeader = {
  ticket: 'X-Guichet-Ticket',
  action: 'X-Guichet-Action',
  agent: 'X-Guichet-Agent',
  /** The target service's mailbox address (not a local id: ids differ between desktops). */
  targetService: 'X-Guichet-Target-Service',
} as const;

/** Values of X-Guichet-Action. */
export const TeamAction = z.enum([
  'acknowledge',
  'transfer',
  'update',
  'proposal',
  'requestInfo',
  'requestSerial',
  'resolve',
  'reopen',
]);
export type TeamAction = z.infer<typeof TeamAction>;

/** Standard RFC 5322 headers prepended to a transferred copy. */
export const ResentHeader = {
  from: 'Resent-From',
  to: 'Resent-To',
  date: 'Resent-Date',
  messageId: 'Resent-Message-ID',
} as const;

/** Case-insensitive: some servers change a keyword's case when they store it. */
export function hasKeyword(keywords: readonly string[], keyword: GuichetKeyword): boolean {
  const wanted = keyword.toLowerCase();
  return keywords.some((k) => k.toLowerCase() === wanted);
}
