import i18next from 'i18next';
import type { TicketsChangedListener } from '../state/store';
import { clockAlerts } from '../state/clockAlerts';
import { formatBusinessHours } from '../state/format';

/** Shows a system notification when a ticket turns due soon or overdue (the same web API in Electron). */
export function deadlineNotifier(enabled: () => boolean): TicketsChangedListener {
  return (previous, change) => {
    if (!enabled() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const lang = i18next.language.startsWith('fr') ? 'fr' : 'en';
    for (const alert of clockAlerts(previous, change.upserted)) {
      const { card } = alert;
      new Notification(i18next.t(`notify.${alert.status}`, { subject: card.subject }), {
        body: i18next.t('notify.body', { customer: card.customer.name || card.customer.address, time: formatBusinessHours(card.clock?.remainingBusinessHours ?? 0, lang) }),
        tag: `guichet-${card.ticketId}-${alert.status}`,
      });
    }
  };
}
