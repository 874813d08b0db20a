import type { BusinessCalendar, SlaPolicy } from '../../../shared/calendar';
import type { MailMessage } from '../../../shared/domain';
import type { DeadlineExplanation, MessageView, ServiceSummary, TicketView } from '../../../shared/views';
import { budgetHours, explainDeadline } from '../sla';
import { deriveTicket, type DerivedTicket } from '../triage/ticketState';
import type { BoardTicket } from './ticketBoard';

// From the board's tickets to the views the contract returns.

export function messageView(message: MailMessage, services: readonly ServiceSummary[]): MessageView {
  const serviceAddresses = new Set(services.map((s) => s.address.toLowerCase()));
  return {
    id: message.id,
    serviceId: message.serviceId,
    folder: message.folder,
    subject: message.subject,
    from: message.from,
    to: message.to,
    receivedAt: message.date,
    text: message.text,
    html: message.html,
    attachments: message.attachments,
    incomplete: message.incomplete,
    fromTeam: message.folder === 'sent' || serviceAddresses.has(message.from.address.toLowerCase()),
  };
}

export function deadlineExplanation(start: DerivedTicket['clockStart'], calendar: BusinessCalendar, policy: SlaPolicy, language: 'fr' | 'en'): DeadlineExplanation | null {
  if (!start) return null;
  const hours = budgetHours(policy, start.kind);
  const explained = explainDeadline(calendar, new Date(start.from), hours, language);
  return {
    dueAt: explained.dueAt.toISOString(),
    startedAt: new Date(start.from).toISOString(),
    hours,
    counted: explained.counted.map((c) => ({ from: c.from.toISOString(), to: c.to.toISOString(), hours: c.hours })),
    skipped: explained.skipped.map((s) => ({ from: s.from.toISOString(), to: s.to.toISOString(), reason: s.reason })),
  };
}

/** One view per message identity: a mail sent to both services is shown once. */
export function ticketView(ticket: BoardTicket, services: readonly ServiceSummary[], calendar: BusinessCalendar, policy: SlaPolicy, language: 'fr' | 'en'): TicketView {
  const seen = new Set<string>();
  const messages = ticket.thread.messages.filter((m) => {
    const key = m.messageId ?? m.id;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // The board keeps no derived state (BoardTicket): derived again for this one ticket.
  const derived = deriveTicket(ticket.thread, services);
  return {
    card: ticket.card,
    messages: messages.map((m) => messageView(m, services)),
    history: derived.history,
    explanation: deadlineExplanation(derived.clockStart, calendar, policy, language),
  };
}
