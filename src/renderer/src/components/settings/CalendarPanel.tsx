import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { calendarFrom, COUNTRIES, openingHoursErrors, slaDraftFrom, slaErrors, slaFromDraft, TIME_ZONES, type Interval, type SlaDraft, type SlaField } from './calendarForm';
import { DeadlinePreview } from './DeadlinePreview';
import { errorMessage } from './feedback';
import { OpeningHoursEditor } from './OpeningHoursEditor';
import { IDLE, StatusLine, type Status } from './StatusLine';

const SLA_FIELDS: SlaField[] = ['firstResponseHours', 'updateHours', 'customerRepliedHours', 'transferHours', 'dueSoonHours', 'undoSeconds'];

function regionName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function CalendarPanel({ client, settings, onSaved }: { client: ContractClient; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t, i18n } = useTranslation();
  const [days, setDays] = useState<Interval[][]>(() => settings.calendar.openingHours.map((d) => d.map(([a, b]): Interval => [a, b])));
  const [country, setCountry] = useState(settings.calendar.country);
  const [region, setRegion] = useState(settings.calendar.region ?? '');
  const [timeZone, setTimeZone] = useState(settings.calendar.timeZone);
  const [sla, setSla] = useState<SlaDraft>(() => slaDraftFrom(settings.sla, settings.undoSeconds));
  const [showSlaErrors, setShowSlaErrors] = useState(false);
  const [status, setStatus] = useState<Status>(IDLE);

  const hourErrors = openingHoursErrors(days);
  const hourErrorCount = hourErrors.flat().filter(Boolean).length;
  const slaProblems = slaErrors(sla);
  const calendar = hourErrorCount === 0 ? calendarFrom(timeZone, country, region.trim() || undefined, days) : null;
  const countries: string[] = COUNTRIES.includes(country as (typeof COUNTRIES)[number]) ? [...COUNTRIES] : [country, ...COUNTRIES];
  const zones: string[] = TIME_ZONES.includes(timeZone as (typeof TIME_ZONES)[number]) ? [...TIME_ZONES] : [timeZone, ...TIME_ZONES];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setShowSlaErrors(true);
    const count = hourErrorCount + Object.keys(slaProblems).length;
    if (count > 0 || !calendar) {
      setStatus({ kind: 'error', text: t('settings.fixErrors', { count }) });
      // The first wrong field may be a screen above the button: take the agent there. The
      // delay error marks appear in this same render, hence after it.
      const form = event.currentTarget as HTMLFormElement;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setStatus({ kind: 'busy', text: t('settings.saving') });
    try {
      const next = await client.settings.update({ calendar, ...slaFromDraft(sla) });
      onSaved(next);
      setStatus({ kind: 'ok', text: t('settings.saved') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.failed', { message: errorMessage(error) }) });
    }
  };

  return (
    <section aria-labelledby="settings-calendar-heading" data-testid="settings-calendar">
      <h3 id="settings-calendar-heading">{t('settings.calendar.heading')}</h3>
      <p className="settings-intro">{t('settings.calendar.intro')}</p>
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="settings-calendar-heading" aria-busy={status.kind === 'busy'}>
        <div className="settings-grid">
          <label htmlFor="cal-country">{t('settings.calendar.country')}</label>
          <select id="cal-country" value={country} onChange={(e) => setCountry(e.target.value)}>
            {countries.map((c) => <option key={c} value={c}>{regionName(c, i18n.language)} ({c})</option>)}
          </select>
          <label htmlFor="cal-region">{t('settings.calendar.region')}</label>
          <span>
            <input id="cal-region" className="narrow" value={region} onChange={(e) => setRegion(e.target.value)} aria-describedby="cal-region-hint" autoComplete="off" />
            <span className="field-hint" id="cal-region-hint">{t('settings.calendar.regionHint')}</span>
          </span>
          <label htmlFor="cal-zone">{t('settings.calendar.timeZone')}</label>
          <select id="cal-zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {zones.map((z) => <option key={z} value={z}>{z}</option>)}
          </select>
        </div>
        <OpeningHoursEditor days={days} errors={hourErrors} onChange={setDays} />
        <fieldset className="settings-sla">
          <legend>{t('settings.calendar.sla')}</legend>
          <div className="settings-grid">
            {SLA_FIELDS.map((field) => {
              const error = showSlaErrors ? slaProblems[field] : undefined;
              const unit = field === 'undoSeconds' ? null : t('settings.calendar.hoursUnit');
              return [
                <label key={`${field}-label`} htmlFor={`sla-${field}`}>{t(`settings.calendar.${field}`)}</label>,
                <span key={`${field}-input`}>
                  <input
                    id={`sla-${field}`}
                    className="narrow"
                    inputMode="decimal"
                    value={sla[field]}
                    onChange={(e) => setSla((s) => ({ ...s, [field]: e.target.value }))}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={[unit ? `sla-${field}-unit` : '', error ? `sla-${field}-error` : ''].filter(Boolean).join(' ') || undefined}
                  />
                  {unit && <span className="field-unit" id={`sla-${field}-unit`}> {unit}</span>}
                  {error && <span className="field-error" id={`sla-${field}-error`}>{t(`settings.calendar.slaErrors.${error}`)}</span>}
                </span>,
              ];
            })}
          </div>
        </fieldset>
        <div className="settings-buttons">
          <button type="submit" className="primary" disabled={status.kind === 'busy'}>{t('settings.calendar.save')}</button>
        </div>
        <StatusLine status={status} testId="settings-calendar" />
      </form>
      <DeadlinePreview client={client} calendar={calendar} defaultHours={settings.sla.firstResponseHours} />
    </section>
  );
}
