import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../shared/api';
import { useUiLang } from '../hooks/desk';
import { formatDateTime } from '../state/format';

/** Who did what, when. */
export function HistoryList({ history }: { history: TicketView['history'] }) {
  const { t, i18n } = useTranslation();
  const lang = useUiLang(i18n.language);
  return (
    <section className="history" aria-labelledby="history-title" data-testid="history">
      <h3 id="history-title">{t('history.title')}</h3>
      {history.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <ol>
          {history.map((entry, i) => (
            <li key={`${entry.at}-${i}`} data-action={entry.action}>
              <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>{' '}
              <strong>{entry.actor === 'customer' ? t('history.customer') : entry.actor}</strong>{' '}
              {t(`historyActions.${entry.action}`)}
              {entry.fromKeyword && <em> ({t('history.fromKeyword')})</em>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
