import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, Settings } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { errorMessage } from './feedback';
import { IDLE, StatusLine, type Status } from './StatusLine';
import { fillTemplate, overrideOf, SAMPLE_VALUES, TEMPLATE_KEYS, TEMPLATE_VARIABLES, withOverride, withoutOverride, type TemplateKey, type TemplateLanguage } from './templatePreview';

export function TemplatesPanel({ client, settings, onSaved }: { client: ContractClient; settings: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<TemplateLanguage>('fr');
  const [key, setKey] = useState<TemplateKey>('acknowledge');
  const current = overrideOf(settings.templates, language, key);
  const [subject, setSubject] = useState(current?.subject ?? '');
  const [text, setText] = useState(current?.text ?? '');
  const [status, setStatus] = useState<Status>(IDLE);
  // The built-in texts, to preview what is sent while no override exists and to start an edit from.
  const [defaults, setDefaults] = useState<MethodOutput<'templates.defaults'> | null>(null);
  useEffect(() => {
    let live = true;
    client.templates.defaults({}).then((d) => { if (live) setDefaults(d); }, () => {});
    return () => { live = false; };
  }, [client]);
  const builtIn = defaults?.[language][key] ?? null;

  const select = (nextLanguage: TemplateLanguage, nextKey: TemplateKey) => {
    setLanguage(nextLanguage);
    setKey(nextKey);
    const override = overrideOf(settings.templates, nextLanguage, nextKey);
    setSubject(override?.subject ?? '');
    setText(override?.text ?? '');
    setStatus(IDLE);
  };

  const store = async (templates: Settings['templates'], done: string) => {
    setStatus({ kind: 'busy', text: t('settings.saving') });
    try {
      onSaved(await client.settings.update({ templates }));
      setStatus({ kind: 'ok', text: done });
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.failed', { message: errorMessage(error) }) });
    }
  };
  const save = () => {
    if (!subject.trim() || !text.trim()) {
      setStatus({ kind: 'error', text: t('settings.templates.required') });
      return;
    }
    void store(withOverride(settings.templates, language, key, { subject, text }), t('settings.saved'));
  };
  const reset = () => {
    setSubject('');
    setText('');
    void store(withoutOverride(settings.templates, language, key), t('settings.templates.resetDone'));
  };

  const empty = !subject.trim() && !text.trim();
  // An empty editor sends the built-in text: that is what the preview shows then.
  const shown = empty && builtIn ? builtIn : { subject, text };
  const subjectPreview = fillTemplate(shown.subject, SAMPLE_VALUES[language]);
  const textPreview = fillTemplate(shown.text, SAMPLE_VALUES[language]);
  const unknown = [...new Set([...subjectPreview.unknown, ...textPreview.unknown])];
  const startFromBuiltIn = () => {
    if (!builtIn) return;
    setSubject(builtIn.subject);
    setText(builtIn.text);
    setStatus(IDLE);
  };

  return (
    <section aria-labelledby="settings-templates-heading" data-testid="settings-templates">
      <h3 id="settings-templates-heading">{t('settings.templates.heading')}</h3>
      <p className="settings-intro">{t('settings.templates.intro')}</p>
      <div className="settings-inline">
        <label htmlFor="tpl-language">{t('settings.templates.language')}</label>
        <select id="tpl-language" value={language} onChange={(e) => select(e.target.value as TemplateLanguage, key)}>
          <option value="fr">Français (FR)</option>
          <option value="en">English (EN)</option>
        </select>
        <label htmlFor="tpl-key">{t('settings.templates.template')}</label>
        <select id="tpl-key" value={key} onChange={(e) => select(language, e.target.value as TemplateKey)}>
          {TEMPLATE_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`settings.templates.names.${k}`)}{overrideOf(settings.templates, language, k) ? ' ✎' : ''}
            </option>
          ))}
        </select>
      </div>
      <p className="settings-template-status" data-testid="template-status">
        {t(current ? 'settings.templates.status.custom' : 'settings.templates.status.default')}
      </p>
      <div className="settings-template">
        <div className="settings-template-editor">
          <label htmlFor="tpl-subject">{t('settings.templates.subject')}</label>
          <input id="tpl-subject" value={subject} onChange={(e) => setSubject(e.target.value)} lang={language} placeholder="Re: {{subject}} [{{ticketTag}}]" />
          <label htmlFor="tpl-text">{t('settings.templates.text')}</label>
          <textarea id="tpl-text" value={text} onChange={(e) => setText(e.target.value)} rows={14} lang={language} aria-describedby="tpl-variables" />
          <p className="field-hint" id="tpl-variables">
            {t('settings.templates.variables')}: {TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ')}
          </p>
          <div className="settings-buttons">
            <button type="button" className="primary" onClick={save} disabled={status.kind === 'busy'}>{t('settings.templates.save')}</button>
            <button type="button" onClick={reset} disabled={status.kind === 'busy' || !current}>{t('settings.templates.reset')}</button>
            <button type="button" onClick={startFromBuiltIn} disabled={!builtIn || !empty}>{t('settings.templates.startFromDefault')}</button>
          </div>
          <StatusLine status={status} testId="settings-templates" />
        </div>
        <div className="settings-template-preview" role="region" aria-labelledby="tpl-preview-heading" data-testid="template-preview" lang={language}>
          <h4 id="tpl-preview-heading">{t(empty ? 'settings.templates.previewDefault' : 'settings.templates.preview')}</h4>
          {empty && !builtIn ? <p>{t('settings.templates.previewEmpty')}</p> : (
            <>
              <p className="preview-subject" data-testid="template-preview-subject">{subjectPreview.text}</p>
              <pre className="preview-text" data-testid="template-preview-text">{textPreview.text}</pre>
            </>
          )}
          {unknown.length > 0 && <p className="field-error">{t('settings.templates.unknown', { names: unknown.join(', ') })}</p>}
        </div>
      </div>
    </section>
  );
}
