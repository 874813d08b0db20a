import type { TicketCard } from '../../../shared/api';

// JSON.parse (and Electron's structured clone) gives every card its own copy of the strings that
// take a handful of values: its state, clock kind and status, service id, language, serial
// status. At 37,000 cards those copies were 6-7 MB of the page's heap ("firstResponse" alone:
// 73,917 copies, 2 MB). Cards are made to share one copy of each as they arrive, before the
// store keeps them. Free text (names, subjects, form answers) is left alone: its values rarely
// repeat, and keeping them all would only grow the pool. A free-text ticket's empty form is
// shared the same way, and so is a customer who wrote several tickets: one address object.

/** Distinct values kept at most: the enumerations, the service ids and the agents' names fit many times over. */
const POOL_LIMIT = 2_000;
const pool = new Map<string, string>();

function shared<T extends string | null>(value: T): T {
  if (value === null) return value;
  const known = pool.get(value);
  if (known !== undefined) return known as T;
  if (pool.size < POOL_LIMIT) pool.set(value, value);
  return value;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Customers seen, by name and address; started afresh past this many (a long session's worth). */
const CUSTOMER_LIMIT = 200_000;
const customers = new Map<string, TicketCard['customer']>();

function sharedCustomer(customer: TicketCard['customer']): TicketCard['customer'] {
  const key = `${customer.name}\u0000${customer.address}`;
  const known = customers.get(key);
  if (known !== undefined) return known;
  if (customers.size >= CUSTOMER_LIMIT) customers.clear();
  const shared = Object.freeze({ name: customer.name, address: customer.address });
  customers.set(key, shared);
  return shared;
}

/** The form of a free-text ticket (most of them): one frozen copy instead of three objects per card. */
const NO_FORM: TicketCard['form'] = Object.freeze({ form: null, fields: Object.freeze({}), missing: Object.freeze([]) as unknown as TicketCard['form']['missing'] });

/** Replaces the card's repeated values by their shared copies, in place (equal strings: nothing a reader can see). */
export function shareCardStrings(card: TicketCard): TicketCard {
  if (Object.isFrozen(card)) return card;
  const c = card as Mutable<TicketCard>;
  c.serviceId = shared(c.serviceId);
  c.state = shared(c.state);
  c.language = shared(c.language);
  c.serialStatus = shared(c.serialStatus);
  c.actingAgent = shared(c.actingAgent);
  c.customer = sharedCustomer(c.customer);
  if (c.clock) {
    const clock = c.clock as Mutable<NonNullable<TicketCard['clock']>>;
    clock.kind = shared(clock.kind);
    clock.status = shared(clock.status);
  }
  if (c.misroute) {
    const hint = c.misroute as Mutable<NonNullable<TicketCard['misroute']>>;
    hint.suggested = shared(hint.suggested);
    hint.suggestedServiceId = shared(hint.suggestedServiceId);
    for (const evidence of hint.evidence) (evidence as Mutable<typeof evidence>).favours = shared(evidence.favours);
  }
  const form = c.form as Mutable<TicketCard['form']>;
  if (form.form === null && form.missing.length === 0 && Object.keys(form.fields).length === 0) c.form = NO_FORM;
  else if (!Object.isFrozen(form)) {
    form.form = shared(form.form);
    const missing = form.missing as Array<TicketCard['form']['missing'][number]>;
    for (let i = 0; i < missing.length; i++) missing[i] = shared(missing[i] as string) as (typeof missing)[number];
  }
  if (c.lastAction) {
    const last = c.lastAction as Mutable<NonNullable<TicketCard['lastAction']>>;
    last.action = shared(last.action);
    last.actor = shared(last.actor);
  }
  return card;
}
