import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { settingsEn } from './settings.en';
import { settingsFr } from './settings.fr';

export type UiLanguage = 'fr' | 'en';

/** Follows the OS language unless the agent chose one. */
export function initialLanguage(): UiLanguage {
  const chosen = localStorage.getItem('guichet.uiLanguage');
  if (chosen === 'fr' || chosen === 'en') return chosen;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setUiLanguage(language: UiLanguage): void {
  localStorage.setItem('guichet.uiLanguage', language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function initI18n(): void {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: { ...en, settings: settingsEn } }, fr: { translation: { ...fr, settings: settingsFr } } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
}
