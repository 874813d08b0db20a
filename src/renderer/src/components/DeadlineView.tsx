import { useTranslation } from 'react-i18next';
import type { DeadlineExplanation, TicketCard } from '../../../shared/api';
import { useUiLang } from '../hooks/desk';
import { formatDateTime, formatDateTimeInZone } from '../state/format';
import { ClockBadge } from './CardBadges';

/** The deadline and why it is what it is: counted intervals and skipped ones with their reasons. */
export function DeadlineView({ card, explanation, timeZone }: { card: TicketCard; explanation: DeadlineExplanation | null; timeZone?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = useUiLang(i18n.language);
  const when = (iso: string) => (timeZone ? formatDateTimeInZone(iso, lang, timeZone) : formatDateTime(iso, lang));
  return (
    <section className="deadline" aria-labelledby="deadline-title" data-testid="deadline">
      <h3 id="deadline-title">{t('deadline.title')}</h3>
      {!card.clock ? (
        <p>{t('deadline.noClock', { state: t(`states.${card.state}`) })}</p>
      ) : (
        <>
          <p><ClockBadge clock={card.clock} /> — {t('deadline.dueAt', { when: when(card.clock.dueAt) })}</p>
          {explanation && (
            <>
              <p>{t('deadline.started', { hours: explanation.hours, from: when(explanation.startedAt) })}</p>
              <details>
                <summary>{t('deadline.counted')} / {t('deadline.skipped')}</summary>
                <h4>{t('deadline.counted')}</h4>
                <ul>
                  {explanation.counted.map((c) => (
                    <li key={c.from}>{t('deadline.interval', { from: when(c.from), to: when(c.to) })} — {t('deadline.hours', { hours: c.hours })}</li>
                  ))}
                </ul>
                {explanation.skipped.length > 0 && (
                  <>
                    <h4>{t('deadline.skipped')}</h4>
                    <ul data-testid="deadline-skipped">
                      {explanation.skipped.map((s) => (
                        <li key={s.from}>{t('deadline.interval', { from: when(s.from), to: when(s.to) })} — {s.reason}</li>
                      ))}
                    </ul>
                  </>
                )}
              </details>
            </>
          )}
        </>
      )}
    </section>
  );
}
