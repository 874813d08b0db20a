import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';

/** While a large workspace's queues arrive page by page: how far along, and whether what shows is last session's. */
export function QueueLoadBar() {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const load = useAppStore((s) => s.queueLoad);
  if (!load) return null;
  const label = t('queue.loading', { loaded: load.loaded.toLocaleString(), total: load.total.toLocaleString() });
  return (
    <div className="queue-load" role="status" data-testid="queue-load">
      <progress max={Math.max(1, load.total)} value={load.loaded} aria-label={label} />
      <span>{label}</span>
      {load.provisional && <span className="provisional">{t('queue.provisional')}</span>}
    </div>
  );
}
