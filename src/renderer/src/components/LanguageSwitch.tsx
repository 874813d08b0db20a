import { useTranslation } from 'react-i18next';
import { setUiLanguage, type UiLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      {t('language')}{' '}
      <select value={i18n.language} onChange={(e) => setUiLanguage(e.target.value as UiLanguage)}>
        <option value="fr">Français</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
