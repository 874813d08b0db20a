import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary, TicketCard } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { CardList } from './CardList';
import { TICKET_DRAG_TYPE } from './TicketCardView';

function draggedTicket(data: DataTransfer): { ticketId: string; serviceId: string } | null {
  try {
    const parsed = JSON.parse(data.getData(TICKET_DRAG_TYPE)) as { ticketId?: unknown; serviceId?: unknown };
    return typeof parsed.ticketId === 'string' && typeof parsed.serviceId === 'string' ? { ticketId: parsed.ticketId, serviceId: parsed.serviceId } : null;
  } catch {
    return null;
  }
}

/** One service's queue; dropping another service's card here transfers it (and notifies the customer). */
export function ServiceColumn({ service, queue }: { service: ServiceSummary; queue: readonly TicketCard[] }) {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const transfer = useAppStore((s) => s.transfer);
  // While the queues load, the whole queue's size (the cards shown are its most urgent ones).
  const total = useAppStore((s) => (s.filter === 'all' && s.search.trim() === '' ? s.queueTotals[service.id] : undefined));
  const filter = useAppStore((s) => s.filter);
  const search = useAppStore((s) => s.search.trim());
  const [dropping, setDropping] = useState(false);
  const headingId = `column-${service.id}`;

  return (
    <section
      className={`column${dropping ? ' drop-target' : ''}`}
      aria-labelledby={headingId}
      data-service={service.id}
      data-testid={`column-${service.id}`}
      style={{ borderTopColor: service.colour }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(TICKET_DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event) => {
        setDropping(false);
        const dragged = draggedTicket(event.dataTransfer);
        if (!dragged || dragged.serviceId === service.id) return;
        event.preventDefault();
        void transfer(dragged.ticketId, service.id);
      }}
    >
      <header className="column-head">
        <div className="title-line">
          <h2 id={headingId} title={service.name}>{service.name}</h2>
          <span className="count" data-testid={`count-${service.id}`}>{t('queue.count', { count: total ?? queue.length })}</span>
        </div>
        <div className="address" title={service.address}>{service.address}</div>
        {dropping && <div className="drop-hint" role="status">{t('queue.dropHere', { service: service.name })}</div>}
      </header>
      {queue.length === 0 ? (
        // Say why the column is empty: the search, the filter, or nothing to do.
        <p className="empty" data-testid={`empty-${service.id}`}>
          {search !== '' ? t('queue.emptySearch', { query: search }) : filter !== 'all' ? t('queue.emptyFilter', { filter: t(`filters.${filter}`) }) : t('queue.empty')}
        </p>
      ) : (
        <CardList queue={queue} label={t('queue.listLabel', { service: service.name })} />
      )}
    </section>
  );
}
