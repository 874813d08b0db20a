import { useTranslation } from 'react-i18next';
import { nextInterval, WEEK_ORDER, type Interval, type IntervalError } from './calendarForm';

/** Weekday names in the UI language; 2026-01-04 is a Sunday, so index 0 = Sunday as in the contract. */
export function weekdayName(weekday: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 4 + weekday)));
}

export function OpeningHoursEditor({ days, errors, onChange }: { days: Interval[][]; errors: (IntervalError | null)[][]; onChange: (days: Interval[][]) => void }) {
  const { t, i18n } = useTranslation();
  const setDay = (weekday: number, intervals: Interval[]) => onChange(days.map((d, i) => (i === weekday ? intervals : d)));
  return (
    <fieldset className="settings-hours" data-testid="opening-hours">
      <legend>{t('settings.calendar.openingHours')}</legend>
      <p className="field-hint" id="hours-hint">{t('settings.calendar.timeHint')}</p>
      {WEEK_ORDER.map((weekday) => {
        const day = weekdayName(weekday, i18n.language);
        const intervals = days[weekday] ?? [];
        const next = nextInterval(intervals);
        return (
          <div key={weekday} className="settings-day" role="group" aria-labelledby={`day-${weekday}`} data-weekday={weekday}>
            <span id={`day-${weekday}`} className="settings-day-name">{day}</span>
            <div className="settings-day-intervals">
              {intervals.length === 0 && <span className="settings-closed">{t('settings.calendar.closed')}</span>}
              {intervals.map(([from, to], index) => {
                const error = errors[weekday]?.[index] ?? null;
                const base = `hours-${weekday}-${index}`;
                const described = error ? `hours-hint ${base}-error` : 'hours-hint';
                const update = (pos: 0 | 1, value: string) =>
                  setDay(weekday, intervals.map((iv, i): Interval => (i === index ? (pos === 0 ? [value, iv[1]] : [iv[0], value]) : iv)));
                return (
                  <span key={index} className="settings-interval" role="group" aria-label={t('settings.calendar.intervalLabel', { day, n: index + 1 })}>
                    <label htmlFor={`${base}-from`}>{t('settings.calendar.from')}</label>
                    <input id={`${base}-from`} className="time" value={from} onChange={(e) => update(0, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={described} inputMode="numeric" maxLength={5} />
                    <label htmlFor={`${base}-to`}>{t('settings.calendar.to')}</label>
                    <input id={`${base}-to`} className="time" value={to} onChange={(e) => update(1, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={described} inputMode="numeric" maxLength={5} />
                    <button type="button" aria-label={t('settings.calendar.removeIntervalLabel', { day, from, to })} onClick={() => setDay(weekday, intervals.filter((_, i) => i !== index))}>
                      {t('settings.calendar.removeInterval')}
                    </button>
                    {error && <span className="field-error" id={`${base}-error`}>{t(`settings.calendar.intervalErrors.${error}`)}</span>}
                  </span>
                );
              })}
            </div>
            <button type="button" disabled={!next} aria-label={t('settings.calendar.addIntervalLabel', { day })} onClick={() => next && setDay(weekday, [...intervals, next])}>
              {t('settings.calendar.addInterval')}
            </button>
          </div>
        );
      })}
    </fieldset>
  );
}
