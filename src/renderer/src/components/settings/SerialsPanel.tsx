import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { useUiLang } from '../../hooks/desk';
import { formatDateTime } from '../../state/format';
import { errorMessage } from './feedback';
import { IDLE, StatusLine, type Status } from './StatusLine';

type SerialImportReport = MethodOutput<'serials.import'>;
type RegistrySummary = MethodOutput<'serials.summary'>;

function readAsText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsText(file);
  });
}

export function SerialsPanel({ client }: { client: ContractClient }) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>(IDLE);
  const [report, setReport] = useState<SerialImportReport | null>(null);
  const [summary, setSummary] = useState<RegistrySummary | null>(null);
  const loadSummary = useCallback(() => client.serials.summary({}).then(setSummary, () => setSummary(null)), [client]);
  useEffect(() => { void loadSummary(); }, [loadSummary]);

  const language = useUiLang(i18n.language);
  const summaryText = ({ count, importedAt }: RegistrySummary): string => {
    if (count === 0) return t('settings.serials.none');
    const serials = count.toLocaleString(language);
    return importedAt ? t('settings.serials.current', { serials, date: formatDateTime(importedAt, language) }) : t('settings.serials.currentSample', { serials });
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setStatus({ kind: 'error', text: t('settings.serials.noFile') });
      input.current?.focus();
      return;
    }
    setReport(null);
    setStatus({ kind: 'busy', text: t('settings.serials.importing', { file: file.name }) });
    let csv: string;
    try {
      csv = await readAsText(file);
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.serials.readFailed', { message: errorMessage(error) }) });
      return;
    }
    try {
      setReport(await client.serials.import({ csv }));
      setStatus(IDLE);
      void loadSummary();
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.serials.failed', { message: errorMessage(error) }) });
    }
  };

  return (
    <section aria-labelledby="settings-serials-heading" data-testid="settings-serials">
      <h3 id="settings-serials-heading">{t('settings.serials.heading')}</h3>
      <p className="settings-intro">{t('settings.serials.intro')}</p>
      {summary && <p data-testid="serials-summary">{summaryText(summary)}</p>}
      <form className="settings-form" onSubmit={(e) => void run(e)} noValidate aria-labelledby="settings-serials-heading" aria-busy={status.kind === 'busy'}>
        <div className="settings-inline">
          <label htmlFor="serials-file">{t('settings.serials.file')}</label>
          <input id="serials-file" ref={input} type="file" accept=".csv,text/csv,text/plain" onChange={() => setStatus(IDLE)} />
          <button type="submit" className="primary" disabled={status.kind === 'busy'}>{t('settings.serials.import')}</button>
        </div>
        <StatusLine status={status} testId="serials" />
      </form>
      {report && (
        <div className="settings-report" role="region" aria-labelledby="serials-report-heading" data-testid="serials-report">
          <h4 id="serials-report-heading">{t('settings.serials.report')}</h4>
          <dl>
            <dt>{t('settings.serials.rows')}</dt>
            <dd data-testid="serials-rows">{report.rows}</dd>
            <dt>{t('settings.serials.accepted')}</dt>
            <dd data-testid="serials-accepted">{report.accepted}</dd>
            <dt>{t('settings.serials.rejected')}</dt>
            <dd data-testid="serials-rejected-count">{report.rejected.length}</dd>
          </dl>
          {report.rejected.length > 0 && (
            <ul className="settings-rejected" aria-label={t('settings.serials.rejected')} data-testid="serials-rejected">
              {report.rejected.map((r) => <li key={`${r.line}-${r.reason}`}>{t('settings.serials.rejectedLine', { line: r.line, reason: r.reason })}</li>)}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
