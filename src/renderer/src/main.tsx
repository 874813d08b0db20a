import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './api/client';
import { initI18n } from './i18n';
import { createAppStore } from './state/store';
import './styles.css';

initI18n();
const client = createClient();
const useAppStore = createAppStore(client);
void useAppStore.getState().load();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App useAppStore={useAppStore} client={client} />
    </StrictMode>,
  );
}
