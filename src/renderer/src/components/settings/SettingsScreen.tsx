import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api';
import type { ContractClient } from '../../api/client';
import { CalendarPanel } from './CalendarPanel';
import { errorMessage } from './feedback';
import { GeneralPanel } from './GeneralPanel';
import { SerialsPanel } from './SerialsPanel';
import { ServicesPanel } from './ServicesPanel';
import { SettingsTabs, type TabSpec } from './SettingsTabs';
import { TemplatesPanel } from './TemplatesPanel';
import './settings.css';

type TabKey = 'services' | 'calendar' | 'templates' | 'serials' | 'general';

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'loaded'; settings: Settings };

/** The settings screen: services, calendar and deadlines, templates, serial registry, agent and language. */
export function SettingsScreen({ client, onClose }: { client: ContractClient; onClose: () => void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [tab, setTab] = useState<TabKey>('services');

  const load = useCallback(() => {
    setLoaded({ state: 'loading' });
    client.settings.get({}).then(
      (settings) => setLoaded({ state: 'loaded', settings }),
      (error: unknown) => setLoaded({ state: 'failed', message: errorMessage(error) }),
    );
  }, [client]);
  useEffect(load, [load]);

  const onSaved = useCallback((settings: Settings) => setLoaded({ state: 'loaded', settings }), []);

  let body;
  if (loaded.state === 'loading') body = <p role="status" className="settings-status">{t('settings.loading')}</p>;
  else if (loaded.state === 'failed') {
    body = (
      <div role="alert" className="settings-error">
        {t('settings.loadFailed', { message: loaded.message })}{' '}
        <button type="button" onClick={load}>{t('settings.retry')}</button>
      </div>
    );
  } else {
    const { settings } = loaded;
    const tabs: TabSpec<TabKey>[] = [
      { key: 'services', label: t('settings.tabs.services'), panel: <ServicesPanel client={client} /> },
      { key: 'calendar', label: t('settings.tabs.calendar'), panel: <CalendarPanel client={client} settings={settings} onSaved={onSaved} /> },
      { key: 'templates', label: t('settings.tabs.templates'), panel: <TemplatesPanel client={client} settings={settings} onSaved={onSaved} /> },
      { key: 'serials', label: t('settings.tabs.serials'), panel: <SerialsPanel client={client} /> },
      { key: 'general', label: t('settings.tabs.general'), panel: <GeneralPanel client={client} settings={settings} onSaved={onSaved} /> },
    ];
    body = <SettingsTabs tabs={tabs} active={tab} onChange={setTab} label={t('settings.tabsLabel')} />;
  }

  return (
    <main className="settings-screen" data-testid="settings-screen" aria-labelledby="settings-title" data-settings-state={loaded.state}>
      <div className="settings-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <button type="button" onClick={onClose}>{t('settings.back')}</button>
      </div>
      {body}
    </main>
  );
}
