import { useTranslation } from 'react-i18next';
import type { ContractClient } from './api/client';
import { DemoBanner } from './components/DemoBanner';
import { LanguageSwitch } from './components/LanguageSwitch';
import { Reader } from './components/Reader';
import { ServiceColumn } from './components/ServiceColumn';
import type { createAppStore } from './state/store';

export type AppStoreHook = ReturnType<typeof createAppStore>;

export function App({ useAppStore, client }: { useAppStore: AppStoreHook; client: ContractClient }) {
  const { t } = useTranslation();
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const workspace = useAppStore((s) => s.workspace);

  return (
    <div className="app" data-app-state={status}>
      <header className="topbar">
        <h1>{t('appName')}</h1>
        <LanguageSwitch />
      </header>
      {workspace?.demo && <DemoBanner />}
      {status === 'loading' && <p className="notice" role="status">{t('loading')}</p>}
      {status === 'failed' && <p className="notice error" role="alert">{t('loadFailed', { message: error })}</p>}
      {workspace && (
        <main className="desk">
          <div className="columns">
            {workspace.services.map((service) => (
              <ServiceColumn key={service.id} service={service} useAppStore={useAppStore} />
            ))}
          </div>
          <Reader useAppStore={useAppStore} client={client} />
        </main>
      )}
    </div>
  );
}
