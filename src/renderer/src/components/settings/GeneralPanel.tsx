import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { errorMessage } from './feedback';
import { IDLE, StatusLine, type Status } from './StatusLine';
import { applyUiLanguage } from './uiLanguage';

export function GeneralPanel({ client, settings, onSaved }: { client: ContractClient; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const [agentName, setAgentName] = useState(settings.agentName);
  const [uiLanguage, setUiLanguage] = useState<Settings['uiLanguage']>(settings.uiLanguage);
  const [invalid, setInvalid] = useState(false);
  const [status, setStatus] = useState<Status>(IDLE);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!agentName.trim()) {
      setInvalid(true);
      setStatus({ kind: 'error', text: t('settings.fixErrors', { count: 1 }) });
      document.getElementById('general-agent')?.focus();
      return;
    }
    setInvalid(false);
    setStatus({ kind: 'busy', text: t('settings.saving') });
    try {
      const next = await client.settings.update({ agentName: agentName.trim(), uiLanguage });
      applyUiLanguage(next.uiLanguage);
      onSaved(next);
      setStatus({ kind: 'ok', text: t('settings.saved') });
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.failed', { message: errorMessage(error) }) });
    }
  };

  return (
    <section aria-labelledby="settings-general-heading" data-testid="settings-general">
      <h3 id="settings-general-heading">{t('settings.general.heading')}</h3>
      <form className="settings-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="settings-general-heading" aria-busy={status.kind === 'busy'}>
        <div className="settings-grid">
          <label htmlFor="general-agent">{t('settings.general.agentName')}</label>
          <span>
            <input
              id="general-agent"
              value={agentName}
              onChange={(e) => setAgentName(e.target.value)}
              autoComplete="name"
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? 'general-agent-hint general-agent-error' : 'general-agent-hint'}
            />
            <span className="field-hint" id="general-agent-hint">{t('settings.general.agentNameHint')}</span>
            {invalid && <span className="field-error" id="general-agent-error">{t('settings.general.agentNameRequired')}</span>}
          </span>
          <label htmlFor="general-language">{t('settings.general.uiLanguage')}</label>
          <select id="general-language" value={uiLanguage} onChange={(e) => setUiLanguage(e.target.value as Settings['uiLanguage'])}>
            {(['fr', 'en', 'system'] as const).map((l) => <option key={l} value={l}>{t(`settings.general.uiLanguages.${l}`)}</option>)}
          </select>
        </div>
        <div className="settings-buttons">
          <button type="submit" className="primary" disabled={status.kind === 'busy'}>{t('settings.general.save')}</button>
        </div>
        <StatusLine status={status} testId="settings-general" />
      </form>
    </section>
  );
}
