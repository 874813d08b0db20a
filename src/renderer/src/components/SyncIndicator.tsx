import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../../shared/api';
import { useDesk, useUiLang } from '../hooks/desk';
import { formatDateTime } from '../state/format';

/** One service's sync state: connected, syncing (with a progress bar), offline since, sign-in failed + reason. */
export function SyncIndicator({ service }: { service: ServiceSummary }) {
  const { t, i18n } = useTranslation();
  const lang = useUiLang(i18n.language);
  const { useAppStore } = useDesk();
  const stored = useAppStore((s) => s.sync[service.id]);
  const demo = useAppStore((s) => s.workspace?.demo ?? false);
  // The demo workspace has no server to sync with.
  const sync = stored ?? (demo ? { serviceId: service.id, status: 'demo' as const, progress: null, since: null, reason: null } : undefined);
  const name = service.name;
  let text: string;
  if (!sync) text = t('status.sync.unknown', { service: name });
  else if (sync.status === 'offline') text = sync.since ? t('status.sync.offline', { service: name, since: formatDateTime(sync.since, lang) }) : t('status.sync.offlineNoSince', { service: name });
  else if (sync.status === 'authFailed') text = t('status.sync.authFailed', { service: name, reason: sync.reason ?? '' });
  else text = t(`status.sync.${sync.status}`, { service: name });
  return (
    <span className={`sync sync-${sync?.status ?? 'unknown'}`} data-testid={`sync-${service.id}`} data-status={sync?.status ?? 'unknown'}>
      <span className="dot" aria-hidden="true" style={{ background: service.colour }} />
      {text}
      {sync?.status === 'syncing' && (
        <progress
          aria-label={text}
          {...(sync.progress && sync.progress.total > 0 ? { max: sync.progress.total, value: sync.progress.done } : {})}
        />
      )}
    </span>
  );
}
