import type { TicketCard } from '../../../shared/api';
import type { SlaStatus } from '../../../shared/calendar';
import type { CardMap } from './queueSelectors';

// Which tickets just became due soon or overdue, comparing cards before and after a tickets.changed.

export interface ClockAlert {
  ticketId: string;
  status: Exclude<SlaStatus, 'ok'>;
  card: TicketCard;
}

const RANK: Record<SlaStatus, number> = { ok: 0, dueSoon: 1, overdue: 2 };

export function clockAlerts(previous: CardMap, upserted: readonly TicketCard[]): ClockAlert[] {
  const alerts: ClockAlert[] = [];
  for (const card of upserted) {
    const next = card.clock?.status;
    if (next !== 'dueSoon' && next !== 'overdue') continue;
    const earlier = previous.get(card.ticketId);
    const before = earlier?.clock?.status ?? 'ok';
    // A brand-new card that is already late is not news worth a notification storm at startup.
    if (!earlier) continue;
    if ((RANK[next] ?? 0) > (RANK[before] ?? 0)) alerts.push({ ticketId: card.ticketId, status: next, card });
  }
  return alerts;
}
