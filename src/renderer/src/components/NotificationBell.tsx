import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';

/** Asks for notification permission only when the agent clicks the bell (a user gesture). */
export function NotificationBell() {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const on = useAppStore((s) => s.notificationsOn);
  const setOn = useAppStore((s) => s.setNotificationsOn);
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState<NotificationPermission>(supported ? Notification.permission : 'denied');
  const label = !supported
    ? t('topbar.notificationsUnsupported')
    : permission === 'denied'
      ? t('topbar.notificationsBlocked')
      : on
        ? t('topbar.notificationsOn')
        : t('topbar.notificationsEnable');
  return (
    <button
      type="button"
      className="bell"
      aria-label={label}
      title={label}
      aria-pressed={on}
      onClick={async () => {
        if (!supported) return;
        if (on) return setOn(false);
        const result = permission === 'granted' ? 'granted' : await Notification.requestPermission();
        setPermission(result);
        setOn(result === 'granted');
      }}
    >
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill={on ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        {!on && <line x1="3" y1="3" x2="21" y2="21" />}
      </svg>
    </button>
  );
}
