import { useTranslation } from 'react-i18next';
import type { QueueCard } from '../../../shared/api';

export function QueueCardView({ card, selected, onOpen }: { card: QueueCard; selected: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const received = new Date(card.receivedAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <li className={`card${selected ? ' selected' : ''}`} data-testid="queue-card" data-card-id={card.id}>
      <button type="button" onClick={onOpen} aria-current={selected ? 'true' : undefined}>
        <div className="card-line">
          <span className="customer">{card.from.name || card.from.address}</span>
          <time dateTime={card.receivedAt}>{received}</time>
        </div>
        <div className="subject">{card.subject}</div>
        <div className="snippet">{card.snippet}</div>
        <div className="badges">
          {card.hasAttachments && <span className="badge">{t('card.attachment')}</span>}
          {card.incomplete && <span className="badge warn">{t('card.incomplete')}</span>}
        </div>
      </button>
    </li>
  );
}
