import { z } from 'zod';
import { TeamAction } from '../../../shared/keywords';

// What core hands the outbox when an agent clicks: plain, serializable, persisted as is.

const Address = z.object({ name: z.string(), address: z.string().min(3) });

export const OutboxMail = z.object({
  from: Address,
  to: z.array(Address).min(1),
  replyTo: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  inReplyTo: z.string().nullable(),
  /** The ticket's root Message-ID first (docs/keywords.md). */
  references: z.array(z.string()),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

/** The anchor customer message the claim is set on, and the ticket state the agent acted on. */
export const OutboxClaim = z.object({
  mailbox: z.literal('INBOX'),
  uid: z.number().int().positive(),
  uidValidity: z.number().int().nonnegative(),
  messageId: z.string().nullable(),
  /**
   * Guichet keywords the agent saw on the anchor when acting. An answer or transferred keyword
   * present on the server but not here means someone else acted since: the claim is lost.
   */
  knownKeywords: z.array(z.string()),
  /** Message-IDs of the team's answers on this ticket the agent knew of; any other in Sent loses the claim. */
  knownAnswers: z.array(z.string()),
});
export type OutboxClaim = z.infer<typeof OutboxClaim>;

export const OutboxTransfer = z.object({
  /** A configured service: the raw message is APPENDed to its INBOX. Null: redirected over SMTP. */
  targetServiceId: z.string().nullable(),
  targetAddress: z.string().min(3),
  /** Path of the customer's raw .eml in the body cache. */
  rawSource: z.string().min(1),
});
export type OutboxTransfer = z.infer<typeof OutboxTransfer>;

export const OutboxTaskSpec = z.object({
  ticketId: z.string().min(1),
  action: TeamAction,
  agentName: z.string(),
  serviceId: z.string().min(1),
  mail: OutboxMail,
  claim: OutboxClaim.nullable(),
  /** State keywords set on the anchor once the mail is out (e.g. add $GxAck, remove $GxWaiting). */
  keywords: z.object({ add: z.array(z.string()), remove: z.array(z.string()) }),
  transfer: OutboxTransfer.optional(),
});
export type OutboxTaskSpec = z.infer<typeof OutboxTaskSpec>;
