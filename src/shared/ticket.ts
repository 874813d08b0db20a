import { z } from 'zod';
import { ClockStart } from './calendar';
import { Language, MailAddress } from './domain';
import { TeamAction } from './keywords';

// What the UI shows of a ticket. Derived on every desktop from the same mailbox content,
// so two desktops always agree (src/main/core/triage/ticketState.ts).

/**
 * - new: nobody answered yet (first-response clock).
 * - acknowledged: the team answered and owes news (update clock).
 * - waitingOnCustomer: a proposal or a question went out; no team clock.
 * - customerReplied: the customer wrote after the team's last answer.
 * - resolved: closed; no team clock.
 * - transferred: moved to another service which has not answered yet.
 * - reopened: the team reopened it, or the customer wrote after it was resolved.
 */
export const TicketState = z.enum([
  'new',
  'acknowledged',
  'waitingOnCustomer',
  'customerReplied',
  'resolved',
  'transferred',
  'reopened',
]);
export type TicketState = z.infer<typeof TicketState>;

/** `GX-` then 6 Crockford base32 characters, e.g. GX-7K2M9Q. */
export const TicketId = z.string().regex(/^GX-[0-9A-HJKMNP-TV-Z]{6}$/);
export type TicketId = z.infer<typeof TicketId>;

/** `[GX-7K2M9Q]`, the tag in the subject, for a ticket id (cards do not carry it: it follows from the id). */
export function ticketTagOf(ticketId: string): string {
  return `[${ticketId}]`;
}

/** A customer wrote, or the team did one of its actions. */
export const TicketHistoryAction = z.enum(['customerMessage', ...TeamAction.options]);
export type TicketHistoryAction = z.infer<typeof TicketHistoryAction>;

export const TicketHistoryEntry = z.object({
  at: z.string(),
  /** 'customer', or the agent named in X-Guichet-Agent (the service's address when unstamped). */
  actor: z.string(),
  action: TicketHistoryAction,
  serviceId: z.string().nullable(),
  /** Known only from an IMAP keyword: the acting desktop's sent mail has not synced yet. */
  fromKeyword: z.boolean(),
});
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntry>;

export const TicketSummary = z.object({
  ticketId: TicketId,
  /** Subject tag, `[GX-XXXXXX]`. */
  tag: z.string(),
  /** The service that owns the ticket now (after a transfer: the target). */
  serviceId: z.string(),
  /** The service it was transferred from, when it was. */
  sourceServiceId: z.string().nullable(),
  /** Set when the transfer went to an address that is not a configured service. */
  transferredToAddress: z.string().nullable(),
  state: TicketState,
  customer: MailAddress,
  subject: z.string(),
  /** Filled by the language detector, not by state derivation. */
  language: Language.nullable(),
  receivedAt: z.string(),
  lastCustomerMessageAt: z.string().nullable(),
  lastTeamMessageAt: z.string().nullable(),
  transferredAt: z.string().nullable(),
  /** What the SLA engine counts from; null when no team clock runs. */
  clockStart: ClockStart,
  /** Another agent is sending an answer right now. */
  claimed: z.boolean(),
  /** Part of the state comes from keywords whose sent mail has not synced yet. */
  awaitingSentSync: z.boolean(),
  messageCount: z.number().int().nonnegative(),
  history: z.array(TicketHistoryEntry),
});
export type TicketSummary = z.infer<typeof TicketSummary>;
