import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SettingsScreen } from './components/settings/SettingsScreen';
import { createClient } from './api/client';
import { initI18n } from './i18n';
import { deadlineNotifier } from './notifications/deadlineNotifier';
import { createAppStore, type AppStoreHook } from './state/store';
import './styles.css';

initI18n();
const client = createClient();
let store: AppStoreHook | null = null;
const useAppStore = createAppStore(client, deadlineNotifier(() => store?.getState().notificationsOn ?? false));
store = useAppStore;
void useAppStore.getState().load();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App useAppStore={useAppStore} client={client} renderSettings={(close) => <SettingsScreen client={client} onClose={close} />} />
    </StrictMode>,
  );
}
