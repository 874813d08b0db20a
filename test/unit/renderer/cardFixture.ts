import type { TicketCard } from '../../../src/shared/api';

/** A plain card; override what a test is about. */
export function card(overrides: Partial<TicketCard> & { ticketId: string }): TicketCard {
  return {
    serviceId: 'technical',
    state: 'new',
    customer: { name: 'Léa Martin', address: 'lea@example.fr' },
    subject: 'Écran noir au lancement',
    language: 'fr',
    receivedAt: '2026-11-18T09:00:00.000Z',
    awaitingSentSync: false,
    clock: null,
    serial: null,
    serialStatus: 'none',
    misroute: null,
    form: { form: null, fields: {}, missing: [] },
    hasAttachments: false,
    actingAgent: null,
    lastAction: null,
    ...overrides,
  };
}

export function clock(remainingBusinessHours: number, dueAt: string): NonNullable<TicketCard['clock']> {
  return { kind: 'firstResponse', dueAt, remainingBusinessHours, status: remainingBusinessHours < 0 ? 'overdue' : remainingBusinessHours <= 8 ? 'dueSoon' : 'ok' };
}
