import type { BusinessCalendar, SlaPolicy } from '../../../shared/calendar';
import type { TeamAction } from '../../../shared/keywords';
import type { ServiceSummary, TicketCard } from '../../../shared/views';
import { addBusinessHours } from '../sla';
import { dueDateInWords, renderTemplate, type TemplateKey, type TemplateLanguage, type TemplateSet } from '../templates/templates';
import { stripTicketTags } from '../triage/ticketTag';
import { normaliseSubject } from '../triage/threading';
import { FIELD_NAMES } from './fieldNames';

// What an action says to the customer: the template, filled. Pure; the outbox adds headers.

export const TEMPLATE_OF: Record<TeamAction, TemplateKey> = {
  acknowledge: 'acknowledge',
  transfer: 'transferNotice',
  update: 'progressUpdate',
  proposal: 'proposal',
  requestInfo: 'requestMissingInfo',
  requestSerial: 'requestSerial',
  resolve: 'resolution',
  reopen: 'progressUpdate',
};

export interface ReplyRequest {
  action: TeamAction;
  card: TicketCard;
  /** The service that sends (for a transfer: the one the customer wrote to). */
  service: ServiceSummary;
  target?: ServiceSummary;
  agentName: string;
  language?: TemplateLanguage;
  proposalBody?: string;
  templates: TemplateSet;
  calendar: BusinessCalendar;
  policy: SlaPolicy;
  now: Date;
}

export interface ComposedReply {
  language: TemplateLanguage;
  subject: string;
  text: string;
  unknownVariables: string[];
}

/** The customer's language, else the service's default, else French. */
export function replyLanguage(card: TicketCard, service: ServiceSummary, override?: TemplateLanguage): TemplateLanguage {
  if (override) return override;
  if (card.language === 'fr' || card.language === 'en') return card.language;
  return service.defaultLanguage === 'en' ? 'en' : 'fr';
}

function customerName(card: TicketCard): string {
  const { firstName, lastName } = card.form.fields;
  if (firstName && lastName) return `${firstName} ${lastName}`;
  return card.customer.name || card.customer.address;
}

/** The original subject without Re:/TR: prefixes or old tags, as the customer wrote it. */
export function bareSubject(subject: string): string {
  let rest = stripTicketTags(subject).trim();
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(/^\s*(re|fwd?|tr|aw|réf\.?)\s*:\s*/i, '');
  }
  return rest || normaliseSubject(subject) || subject;
}

export function composeReply(request: ReplyRequest): ComposedReply {
  const { card, service, target, now } = request;
  const language = replyLanguage(card, service, request.language);
  const hours = request.action === 'transfer' ? request.policy.transferHours : request.policy.updateHours;
  const due = addBusinessHours(request.calendar, now, hours);
  const variables: Record<string, string> = {
    subject: bareSubject(card.subject),
    ticketTag: card.ticketId,
    customerName: customerName(card),
    serviceName: service.name,
    serviceAddress: service.address,
    targetServiceName: target?.name ?? '',
    targetServiceAddress: target?.address ?? '',
    dueDate: dueDateInWords(due, language, request.calendar.timeZone),
    missingFields: card.form.missing.map((key) => `- ${FIELD_NAMES[language][key]}`).join('\n'),
    agentName: request.agentName,
    proposalBody: request.proposalBody ?? '',
  };
  const template = request.templates[language][TEMPLATE_OF[request.action]];
  const rendered = renderTemplate(template, variables);
  return { language, subject: rendered.subject, text: rendered.text, unknownVariables: rendered.unknown };
}
