import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

export function TopBar({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const setCheatSheet = useAppStore((s) => s.setCheatSheet);
  return (
    <header className="topbar">
      <h1>{t('appName')}</h1>
      <div className="topbar-tools">
        <NotificationBell />
        <button type="button" onClick={() => setCheatSheet(true)} aria-keyshortcuts="?" title={t('topbar.shortcuts')}>
          <span aria-hidden="true">⌨ ?</span>
          <span className="visually-hidden">{t('topbar.shortcuts')}</span>
        </button>
        <LanguageSwitch />
        <button type="button" data-testid="open-settings" onClick={onOpenSettings}>{t('topbar.settings')}</button>
      </div>
    </header>
  );
}
