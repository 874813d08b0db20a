import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { UndoToast } from './UndoToast';

/** Undo toasts (polite), notices and errors (role="alert"). */
export function Toasts() {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  return (
    <section className="toasts" aria-label={t('toast.region')}>
      {toasts.map((toast) =>
        toast.kind === 'undo' ? (
          <UndoToast key={toast.id} toast={toast} />
        ) : (
          <div key={toast.id} className={`toast ${toast.kind === 'notice' ? toast.level : 'error'}`} role="alert" data-testid="notice-toast">
            <span>{toast.message}</span>
            <button type="button" onClick={() => dismiss(toast.id)}>{t('toast.dismiss')}</button>
          </div>
        ),
      )}
    </section>
  );
}
