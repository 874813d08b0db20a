import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../../shared/api';
import { OutboxPanel } from './OutboxPanel';
import { SyncIndicator } from './SyncIndicator';

export function StatusBar({ services }: { services: readonly ServiceSummary[] }) {
  const { t } = useTranslation();
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <div className="syncs">
        {services.map((service) => <SyncIndicator key={service.id} service={service} />)}
      </div>
      <OutboxPanel />
    </footer>
  );
}
