import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../../shared/api';
import type { AppStoreHook } from '../App';
import { cardsOfService } from '../state/selectors';
import { QueueCardView } from './QueueCardView';

export function ServiceColumn({ service, useAppStore }: { service: ServiceSummary; useAppStore: AppStoreHook }) {
  const { t } = useTranslation();
  const allCards = useAppStore((s) => s.cards);
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  // Memoized: a selector returning a new array would make zustand 5 loop.
  const cards = useMemo(() => cardsOfService(allCards, service.id), [allCards, service.id]);
  const headingId = `column-${service.id}`;

  return (
    <section className="column" aria-labelledby={headingId} data-service={service.id} style={{ borderTopColor: service.colour }}>
      <header className="column-head">
        <h2 id={headingId}>{service.name}</h2>
        <span className="kind">{t(`kinds.${service.kind}`)}</span>
        <span className="count" data-testid={`count-${service.id}`}>{t('queue.count', { count: cards.length })}</span>
        <div className="address">{service.address}</div>
      </header>
      {cards.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <ul className="cards" aria-labelledby={headingId}>
          {cards.map((card) => (
            <QueueCardView key={card.id} card={card} selected={card.id === selectedId} onOpen={() => select(card.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
