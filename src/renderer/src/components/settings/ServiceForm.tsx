import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, ServiceConfig } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { EndpointFields } from './EndpointFields';
import { errorMessage } from './feedback';
import { draftFromConfig, emptyServiceDraft, hasErrors, toServiceInput, validateServiceDraft, type ServiceDraft, type ServiceDraftErrors, type ServiceField } from './serviceForm';
import { IDLE, StatusLine, type Status } from './StatusLine';

type TestResult = MethodOutput<'services.test'>;

export function ServiceForm({ client, service, onSaved, onCancel }: { client: ContractClient; service: ServiceConfig | null; onSaved: (service: ServiceConfig) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ServiceDraft>(() => (service ? draftFromConfig(service) : emptyServiceDraft()));
  const [errors, setErrors] = useState<ServiceDraftErrors>({});
  const [status, setStatus] = useState<Status>(IDLE);
  const [test, setTest] = useState<TestResult | null>(null);
  const busy = status.kind === 'busy';
  const editing = Boolean(service);

  const checked = (forTest: boolean): boolean => {
    const found = validateServiceDraft(draft);
    if (forTest) {
      delete found['imap.password'];
      delete found['smtp.password'];
    }
    setErrors(found);
    if (hasErrors(found)) {
      setStatus({ kind: 'error', text: t('settings.fixErrors', { count: Object.keys(found).length }) });
      const first = Object.keys(found)[0];
      if (first) document.getElementById(`svc-${first.replace('.', '-')}`)?.focus();
      return false;
    }
    return true;
  };

  const runTest = async () => {
    if (!checked(true)) return;
    setTest(null);
    setStatus({ kind: 'busy', text: t('settings.services.testing') });
    try {
      setTest(await client.services.test(toServiceInput(draft)));
      setStatus(IDLE);
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.services.testFailed', { message: errorMessage(error) }) });
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked(false)) return;
    setStatus({ kind: 'busy', text: t('settings.saving') });
    try {
      const input = toServiceInput(draft);
      const saved = input.id ? await client.services.edit({ ...input, id: input.id }) : await client.services.add(input);
      onSaved(saved);
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.failed', { message: errorMessage(error) }) });
    }
  };

  const field = (name: ServiceField) => ({
    id: `svc-${name.replace('.', '-')}`,
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby': errors[name] ? `svc-${name.replace('.', '-')}-error` : undefined,
  });
  const fieldError = (name: ServiceField) =>
    errors[name] ? <span className="field-error" id={`svc-${name.replace('.', '-')}-error`}>{t(`settings.services.errors.${errors[name]}`)}</span> : null;
  const set = (patch: Partial<ServiceDraft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <form className="settings-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="svc-form-title" aria-busy={busy} data-testid="service-form">
      <h4 id="svc-form-title">{service ? t('settings.services.formEdit', { name: service.name }) : t('settings.services.formAdd')}</h4>
      <div className="settings-grid">
        <label htmlFor="svc-name">{t('settings.services.name')}</label>
        <span><input {...field('name')} value={draft.name} onChange={(e) => set({ name: e.target.value })} autoComplete="off" />{fieldError('name')}</span>
        <label htmlFor="svc-kind">{t('settings.services.kind')}</label>
        <select id="svc-kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as ServiceDraft['kind'] })}>
          {(['technical', 'consumer', 'other'] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
        <label htmlFor="svc-address">{t('settings.services.address')}</label>
        <span><input {...field('address')} type="email" value={draft.address} onChange={(e) => set({ address: e.target.value })} autoComplete="off" />{fieldError('address')}</span>
        <label htmlFor="svc-colour">{t('settings.services.colour')}</label>
        <span><input {...field('colour')} type="color" value={draft.colour} onChange={(e) => set({ colour: e.target.value })} />{fieldError('colour')}</span>
        <label htmlFor="svc-language">{t('settings.services.defaultLanguage')}</label>
        <select id="svc-language" value={draft.defaultLanguage} onChange={(e) => set({ defaultLanguage: e.target.value as ServiceDraft['defaultLanguage'] })}>
          {(['fr', 'en', 'other'] as const).map((l) => <option key={l} value={l}>{t(`settings.services.languages.${l}`)}</option>)}
        </select>
      </div>
      <div className="settings-endpoints">
        {(['imap', 'smtp'] as const).map((protocol) => (
          <EndpointFields
            key={protocol}
            protocol={protocol}
            endpoint={draft[protocol]}
            address={draft.address}
            editing={editing}
            onChange={(endpoint) => set({ [protocol]: endpoint })}
            field={field}
            fieldError={fieldError}
          />
        ))}
      </div>
      <div className="settings-buttons">
        <button type="button" onClick={() => void runTest()} aria-disabled={busy} disabled={busy}>{t('settings.services.test')}</button>
        <button type="submit" className="primary" disabled={busy}>{service ? t('settings.services.saveEdit') : t('settings.services.saveAdd')}</button>
        <button type="button" onClick={onCancel}>{t('settings.cancel')}</button>
      </div>
      <StatusLine status={status} testId="service-form" />
      {test && <TestReport result={test} />}
    </form>
  );
}

function TestReport({ result }: { result: TestResult }) {
  const { t } = useTranslation();
  const line = (label: string, ok: boolean, message: string, testId: string) => (
    <li className={ok ? 'test-ok' : 'test-ko'} data-testid={testId} data-ok={ok}>
      <strong>{label}: {ok ? `✓ ${t('settings.services.testOk')}` : `✗ ${t('settings.services.testKo')}`}</strong>
      {' — '}
      <span className="server-message">{message}</span>
    </li>
  );
  return (
    <div className="settings-test-report" role="group" aria-label={t('settings.services.test')} data-testid="service-test-report">
      <ul>
        {line('IMAP', result.imap.ok, result.imap.message, 'service-test-imap')}
        {line('SMTP', result.smtp.ok, result.smtp.message, 'service-test-smtp')}
      </ul>
      {result.imap.capabilities.length > 0 && (
        <details>
          <summary>{t('settings.services.capabilities')} ({result.imap.capabilities.length})</summary>
          <p className="capabilities">{result.imap.capabilities.join(' ')}</p>
        </details>
      )}
    </div>
  );
}
