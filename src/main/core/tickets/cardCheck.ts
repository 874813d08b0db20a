import { ClockKind, SlaClock, SlaStatus } from '../../../shared/calendar';
import { Language } from '../../../shared/domain';
import { TicketId, TicketState } from '../../../shared/ticket';
import { FormFieldKey, MisrouteHint, SerialStatus, TicketCard } from '../../../shared/views';

// The host validates every output against the contract. For `tickets.list` of a large workspace
// (37,000 cards) zod's parse costs most of a second at cold start, mostly building a copy of
// every card. This check is an exact, allocation-free test of the same TicketCard shape: the
// host uses it first and falls back to the zod schema only when it fails, so an answer is
// accepted as is only where zod would accept it unchanged (no invalid value, no unknown key to
// strip). Enumerations and formats come from the schemas themselves; the object shapes are
// written out here, and test/unit/host/cardCheck.test.ts compares the two on valid and broken
// cards, and fails when TicketCard gains a field this check does not know.

type Rec = Record<string, unknown>;

const STATES = new Set<unknown>(TicketState.options);
const LANGUAGES = new Set<unknown>(Language.options);
const CLOCK_KINDS = new Set<unknown>(ClockKind.options);
const SLA_STATUSES = new Set<unknown>(SlaStatus.options);
const SERIAL_STATUSES = new Set<unknown>(SerialStatus.options);
const SUGGESTIONS = new Set<unknown>(MisrouteHint.shape.suggested.options);
const FORM_KEYS = new Set<unknown>(FormFieldKey.options);
const FORM_KINDS = new Set<unknown>(TicketCard.shape.form.shape.form.unwrap().options);
const CLOCK_DUE_AT = SlaClock.shape.dueAt;

/** The keys of a card, in the schema's order; the test checks it against TicketCard.shape. */
export const CARD_KEYS = [
  'ticketId', 'serviceId', 'state', 'customer', 'subject', 'language',
  'receivedAt', 'awaitingSentSync',
  'clock', 'serial', 'serialStatus', 'misroute', 'form', 'hasAttachments', 'actingAgent', 'lastAction',
] as const;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A plain object with exactly `count` own keys (zod would strip any other). */
const isShape = (v: unknown, count: number): v is Rec => isRecord(v) && Object.keys(v).length === count;
const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

function isClock(v: unknown): boolean {
  if (v === null) return true;
  return isShape(v, 4) && CLOCK_KINDS.has(v.kind) && isString(v.dueAt) && CLOCK_DUE_AT.safeParse(v.dueAt).success &&
    isNumber(v.remainingBusinessHours) && SLA_STATUSES.has(v.status);
}

function isMisroute(v: unknown): boolean {
  if (v === null) return true;
  if (!isShape(v, 4) || !SUGGESTIONS.has(v.suggested) || !isNullableString(v.suggestedServiceId) || !isNumber(v.confidence) || !Array.isArray(v.evidence)) return false;
  for (const e of v.evidence) if (!isShape(e, 3) || !isString(e.word) || !isNumber(e.weight) || !SUGGESTIONS.has(e.favours)) return false;
  return true;
}

function isForm(v: unknown): boolean {
  if (!isShape(v, 3) || !(v.form === null || FORM_KINDS.has(v.form)) || !isRecord(v.fields) || !Array.isArray(v.missing)) return false;
  for (const key of Object.keys(v.fields)) if (!FORM_KEYS.has(key) || !isString(v.fields[key])) return false;
  for (const key of v.missing) if (!FORM_KEYS.has(key)) return false;
  return true;
}

function isLastAction(v: unknown): boolean {
  return v === null || (isShape(v, 3) && isString(v.action) && isString(v.actor) && isString(v.at));
}

/** True only when TicketCard.safeParse(v) would succeed and return a deep copy equal to v. */
export function isExactTicketCard(v: unknown): v is TicketCard {
  return (
    isShape(v, CARD_KEYS.length) &&
    isString(v.ticketId) && TicketId.safeParse(v.ticketId).success && isString(v.serviceId) &&
    STATES.has(v.state) &&
    isShape(v.customer, 2) && isString(v.customer.name) && isString(v.customer.address) &&
    isString(v.subject) && (v.language === null || LANGUAGES.has(v.language)) && isString(v.receivedAt) &&
    typeof v.awaitingSentSync === 'boolean' &&
    isClock(v.clock) && isNullableString(v.serial) && SERIAL_STATUSES.has(v.serialStatus) && isMisroute(v.misroute) &&
    isForm(v.form) && typeof v.hasAttachments === 'boolean' && isNullableString(v.actingAgent) &&
    isLastAction(v.lastAction)
  );
}

/** `{ tickets: TicketCard[], total, cursor, provisional }`, exactly (the output of tickets.list). */
export function isExactCardList(v: unknown): boolean {
  if (!isShape(v, 4) || !Array.isArray(v.tickets)) return false;
  if (!(Number.isSafeInteger(v.total) && (v.total as number) >= 0) || !isNullableString(v.cursor) || typeof v.provisional !== 'boolean') return false;
  for (const card of v.tickets) if (!isExactTicketCard(card)) return false;
  return true;
}
