import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineExplanation } from '../../../../shared/api';
import type { BusinessCalendar } from '../../../../shared/calendar';
import type { ContractClient } from '../../api/client';
import { nowAsWallTime, wallTimeToIso } from './calendarForm';
import { errorMessage } from './feedback';
import { IDLE, StatusLine, type Status } from './StatusLine';

/** "Try a date": asks core where a deadline falls with the calendar being edited, and why. */
export function DeadlinePreview({ client, calendar, defaultHours }: { client: ContractClient; calendar: BusinessCalendar | null; defaultHours: number }) {
  const { t, i18n } = useTranslation();
  const zone = calendar?.timeZone ?? 'Europe/Paris';
  const [from, setFrom] = useState(() => nowAsWallTime(zone));
  const [hours, setHours] = useState(String(defaultHours));
  const [status, setStatus] = useState<Status>(IDLE);
  const [result, setResult] = useState<{ explanation: DeadlineExplanation; zone: string } | null>(null);
  const language = i18n.language.startsWith('fr') ? 'fr' : 'en';

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!calendar) {
      setStatus({ kind: 'error', text: t('settings.calendar.previewCalendarInvalid') });
      return;
    }
    const iso = wallTimeToIso(from, zone);
    const budget = Number(hours.replace(',', '.'));
    if (!iso || !(budget > 0) || budget > 1000) {
      setStatus({ kind: 'error', text: t('settings.calendar.previewInvalid') });
      return;
    }
    setStatus({ kind: 'busy', text: t('settings.calendar.previewRunning') });
    try {
      const explanation = await client.calendar.preview({ calendar, from: iso, hours: budget, language });
      setResult({ explanation, zone });
      setStatus(IDLE);
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.calendar.previewFailed', { message: errorMessage(error) }) });
    }
  };

  const format = (iso: string, tz: string) =>
    new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  return (
    <form className="settings-form settings-preview" onSubmit={(e) => void run(e)} noValidate aria-labelledby="preview-heading" aria-busy={status.kind === 'busy'} data-testid="deadline-preview">
      <h4 id="preview-heading">{t('settings.calendar.preview')}</h4>
      <p className="settings-intro">{t('settings.calendar.previewIntro')}</p>
      <div className="settings-inline">
        <label htmlFor="preview-from">{t('settings.calendar.previewFrom', { zone })}</label>
        <input id="preview-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="preview-hours">{t('settings.calendar.previewHours')}</label>
        <input id="preview-hours" className="narrow" inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} />
        <button type="submit" disabled={status.kind === 'busy'}>{t('settings.calendar.previewRun')}</button>
      </div>
      <StatusLine status={status} testId="deadline-preview" />
      {result && (
        <div className="settings-preview-result" data-testid="deadline-preview-result">
          <p className="due" data-testid="deadline-preview-due">{t('settings.calendar.dueAt', { date: format(result.explanation.dueAt, result.zone) })}</p>
          <div className="settings-columns">
            <div>
              <h5 id="preview-counted">{t('settings.calendar.counted')}</h5>
              {result.explanation.counted.length === 0 ? <p>{t('settings.calendar.none')}</p> : (
                <ul aria-labelledby="preview-counted" data-testid="deadline-preview-counted">
                  {result.explanation.counted.map((c) => (
                    <li key={c.from}>{t('settings.calendar.countedItem', { from: format(c.from, result.zone), to: format(c.to, result.zone), hours: Math.round(c.hours * 100) / 100 })}</li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h5 id="preview-skipped">{t('settings.calendar.skipped')}</h5>
              {result.explanation.skipped.length === 0 ? <p>{t('settings.calendar.none')}</p> : (
                <ul aria-labelledby="preview-skipped" data-testid="deadline-preview-skipped">
                  {result.explanation.skipped.map((s) => (
                    <li key={s.from}>{t('settings.calendar.skippedItem', { from: format(s.from, result.zone), to: format(s.to, result.zone), reason: s.reason })}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </div>
      )}
    </form>
  );
}
