import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceConfig } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { useDesk } from '../../hooks/desk';
import { ConfirmDialog } from './ConfirmDialog';
import { errorMessage } from './feedback';
import { ServiceForm } from './ServiceForm';
import { IDLE, StatusLine, type Status } from './StatusLine';

type Editing = { mode: 'none' } | { mode: 'add' } | { mode: 'edit'; service: ServiceConfig };

export function ServicesPanel({ client }: { client: ContractClient }) {
  const { t } = useTranslation();
  // The sign-in failures the status bar reports, shown where the agent fixes them.
  const sync = useDesk().useAppStore((s) => s.sync);
  const [services, setServices] = useState<ServiceConfig[] | null>(null);
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [removing, setRemoving] = useState<ServiceConfig | null>(null);
  const [status, setStatus] = useState<Status>(IDLE);

  const reload = useCallback(async () => {
    try {
      setServices((await client.services.list({})).services);
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }, [client]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const remove = async (service: ServiceConfig) => {
    setRemoving(null);
    setStatus({ kind: 'busy', text: t('settings.saving') });
    try {
      await client.services.remove({ id: service.id });
      setStatus({ kind: 'ok', text: t('settings.services.removed', { name: service.name }) });
      if (editing.mode === 'edit' && editing.service.id === service.id) setEditing({ mode: 'none' });
    } catch (error) {
      setStatus({ kind: 'error', text: t('settings.services.removeFailed', { name: service.name, message: errorMessage(error) }) });
    }
    await reload();
  };

  const onSaved = async (service: ServiceConfig, added: boolean) => {
    setEditing({ mode: 'none' });
    setStatus({ kind: 'ok', text: t(added ? 'settings.services.added' : 'settings.services.edited', { name: service.name }) });
    await reload();
  };

  return (
    <section aria-labelledby="settings-services-heading" data-testid="settings-services">
      <h3 id="settings-services-heading">{t('settings.services.heading')}</h3>
      <p className="settings-intro">{t('settings.services.intro')}</p>
      {services && services.length === 0 && <p className="settings-empty">{t('settings.services.empty')}</p>}
      {services && services.length > 0 && (
        <ul className="settings-service-list" aria-label={t('settings.services.listLabel')}>
          {services.map((service) => (
            <li key={service.id} data-testid="settings-service" data-service-id={service.id}>
              <span className="settings-swatch" style={{ background: service.colour }} aria-hidden="true" />
              <span className="settings-service-name">{service.name}</span>
              <span className="settings-service-kind">{t(`kinds.${service.kind}`)}</span>
              <span className="settings-service-address">{service.address}</span>
              <span className="settings-service-server">
                {t('settings.services.server', { imap: `${service.imap.host}:${service.imap.port}`, smtp: `${service.smtp.host}:${service.smtp.port}` })}
              </span>
              {sync[service.id]?.status === 'authFailed' && (
                <span className="field-error" data-testid="settings-service-auth-failed">
                  {t('settings.services.authFailed', { reason: sync[service.id]?.reason ?? '' })}
                </span>
              )}
              <span className="settings-buttons">
                <button type="button" aria-label={t('settings.services.editLabel', { name: service.name })} onClick={() => setEditing({ mode: 'edit', service })}>
                  {t('settings.services.edit')}
                </button>
                <button type="button" className="danger" aria-label={t('settings.services.removeLabel', { name: service.name })} onClick={() => setRemoving(service)}>
                  {t('settings.services.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <StatusLine status={status} testId="settings-services" />
      {editing.mode === 'none' ? (
        <button type="button" className="primary" onClick={() => { setStatus(IDLE); setEditing({ mode: 'add' }); }}>
          {t('settings.services.add')}
        </button>
      ) : (
        <ServiceForm
          key={editing.mode === 'edit' ? editing.service.id : 'new'}
          client={client}
          service={editing.mode === 'edit' ? editing.service : null}
          onSaved={(service) => void onSaved(service, editing.mode === 'add')}
          onCancel={() => setEditing({ mode: 'none' })}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('settings.services.removeTitle', { name: removing.name })}
          confirmLabel={t('settings.services.removeConfirm')}
          cancelLabel={t('settings.cancel')}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>{t('settings.services.removeBody', { address: removing.address })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
