import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { withTlsMode, type EndpointDraft, type Protocol, type ServiceField, type TlsMode } from './serviceForm';

type FieldProps = (name: ServiceField) => { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/** Host, port, security, user and write-only password of one server (IMAP or SMTP). */
export function EndpointFields({ protocol, endpoint, address, editing, onChange, field, fieldError }: {
  protocol: Protocol; endpoint: EndpointDraft; address: string; editing: boolean;
  onChange: (endpoint: EndpointDraft) => void; field: FieldProps; fieldError: (name: ServiceField) => ReactNode;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<EndpointDraft>) => onChange({ ...endpoint, ...patch });
  const passwordHint = `svc-${protocol}-password-hint`;
  const userHint = `svc-${protocol}-user-hint`;
  const userField = field(`${protocol}.user`);
  const passwordField = field(`${protocol}.password`);
  return (
    <fieldset className="settings-endpoint">
      <legend>{t(`settings.services.${protocol}`)}</legend>
      <div className="settings-grid">
        <label htmlFor={`svc-${protocol}-host`}>{t('settings.services.host')}</label>
        <span><input {...field(`${protocol}.host`)} value={endpoint.host} onChange={(e) => set({ host: e.target.value })} autoComplete="off" spellCheck={false} />{fieldError(`${protocol}.host`)}</span>
        <label htmlFor={`svc-${protocol}-tls`}>{t('settings.services.tls')}</label>
        <select id={`svc-${protocol}-tls`} value={endpoint.tls} onChange={(e) => onChange(withTlsMode(protocol, endpoint, e.target.value as TlsMode))}>
          {(['tls', 'starttls', 'none'] as const).map((m) => <option key={m} value={m}>{t(`settings.services.tlsModes.${m}`)}</option>)}
        </select>
        <label htmlFor={`svc-${protocol}-port`}>{t('settings.services.port')}</label>
        <span><input {...field(`${protocol}.port`)} inputMode="numeric" className="narrow" value={endpoint.port} onChange={(e) => set({ port: e.target.value })} autoComplete="off" />{fieldError(`${protocol}.port`)}</span>
        <label htmlFor={`svc-${protocol}-user`}>{t('settings.services.user')}</label>
        <span>
          <input
            {...userField}
            aria-describedby={[userHint, userField['aria-describedby']].filter(Boolean).join(' ')}
            value={endpoint.user}
            placeholder={address.trim()}
            onChange={(e) => set({ user: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
          <span className="field-hint" id={userHint}>{t('settings.services.userHint')}</span>
          {fieldError(`${protocol}.user`)}
        </span>
        <label htmlFor={`svc-${protocol}-password`}>{t('settings.services.password')}</label>
        <span>
          <input
            {...passwordField}
            aria-describedby={[passwordHint, passwordField['aria-describedby']].filter(Boolean).join(' ')}
            type="password"
            value={endpoint.password}
            onChange={(e) => set({ password: e.target.value })}
            autoComplete="new-password"
          />
          <span className="field-hint" id={passwordHint}>{editing ? t('settings.services.passwordKeep') : t('settings.services.passwordNew')}</span>
          {fieldError(`${protocol}.password`)}
        </span>
      </div>
    </fieldset>
  );
}
