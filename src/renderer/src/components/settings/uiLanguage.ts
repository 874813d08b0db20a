import i18next from 'i18next';
import { setUiLanguage } from '../../i18n';

const KEY = 'guichet.uiLanguage';

/** Applies the agent's choice now; "system" forgets the stored choice and follows the OS. */
export function applyUiLanguage(choice: 'fr' | 'en' | 'system'): void {
  if (choice !== 'system') {
    setUiLanguage(choice);
    return;
  }
  localStorage.removeItem(KEY);
  const system = navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  void i18next.changeLanguage(system);
  document.documentElement.lang = system;
}
