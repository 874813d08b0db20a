import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractClient } from './api/client';
import { DemoBanner } from './components/DemoBanner';
import { Desk } from './components/Desk';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { DeskContext } from './hooks/desk';
import { rememberingT, SharedTranslationContext } from './hooks/sharedTranslation';
import type { AppStoreHook } from './state/store';

export type { AppStoreHook } from './state/store';

interface AppProps {
  useAppStore: AppStoreHook;
  client: ContractClient;
  /** Called by the top bar's Settings button; defaults to the settings route. */
  onOpenSettings?: () => void;
  /** The settings screen, once wired; a placeholder until then. */
  renderSettings?: (close: () => void) => ReactNode;
}

export function App({ useAppStore, client, onOpenSettings, renderSettings }: AppProps) {
  const { t, i18n } = useTranslation();
  const shared = useMemo(() => ({ t: rememberingT(t), language: i18n.language }), [t, i18n.language]);
  // Stable: every card reads this context, so a new object would re-render them all.
  const desk = useMemo(() => ({ useAppStore, client }), [useAppStore, client]);
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const workspace = useAppStore((s) => s.workspace);
  const route = useAppStore((s) => s.route);
  const queuesComplete = useAppStore((s) => s.queueLoad === null);
  const setRoute = useAppStore((s) => s.setRoute);
  const closeSettings = () => setRoute('desk');

  return (
    <DeskContext.Provider value={desk}>
      <SharedTranslationContext.Provider value={shared}>
      <div className="app" data-app-state={status} data-queues={status === 'loaded' && queuesComplete ? 'complete' : 'loading'}>
        <TopBar onOpenSettings={onOpenSettings ?? (() => setRoute('settings'))} />
        {workspace?.demo && <DemoBanner />}
        {status === 'loading' && (
          // A large desk with no snapshot from the last session takes seconds to open: show it is working.
          <div className="notice loading" role="status">
            <progress aria-label={t('loading')} />
            <span>{t('loading')}</span>
          </div>
        )}
        {status === 'failed' && <p className="notice error" role="alert">{t('loadFailed', { message: error })}</p>}
        {route === 'settings' ? (
          renderSettings?.(closeSettings)
        ) : (
          workspace && <Desk workspace={workspace} />
        )}
        {workspace && <StatusBar services={workspace.services} />}
        <Toasts />
      </div>
      </SharedTranslationContext.Provider>
    </DeskContext.Provider>
  );
}
