import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { useNow } from '../hooks/useNow';
import type { Toast } from '../state/uiSlice';
import { ticketTagOf } from '../../../shared/ticket';

/** "Acknowledge — [GX-…]  Undo (7 s)": lives as long as the task's undo window. */
export function UndoToast({ toast }: { toast: Extract<Toast, { kind: 'undo' }> }) {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const entry = useAppStore((s) => s.outbox[toast.taskId]);
  const tag = ticketTagOf(toast.ticketId);
  const undo = useAppStore((s) => s.undo);
  const dismiss = useAppStore((s) => s.dismissToast);
  const now = useNow(250);
  const state = entry?.task.state;
  const secondsLeft = entry?.undoEndsAtMs ? Math.max(0, Math.ceil((entry.undoEndsAtMs - now) / 1000)) : 0;
  const open = state === 'undoWindow' && secondsLeft > 0;

  useEffect(() => {
    if (open) return;
    const timer = setTimeout(() => dismiss(toast.id), state === 'cancelled' ? 4000 : 1500);
    return () => clearTimeout(timer);
  }, [open, state, dismiss, toast.id]);

  return (
    <div className="toast undo" role="status" data-testid="undo-toast" data-task-id={toast.taskId}>
      <span>{t('toast.started', { action: t(`actions.${toast.action}`, { defaultValue: toast.action }).replace('…', ''), tag })}</span>
      {open && (
        <>
          <span className="countdown">{t('toast.undoLeft', { seconds: secondsLeft })}</span>
          <button type="button" onClick={() => void undo(toast.taskId)}>{t('toast.undo')}</button>
        </>
      )}
      {state === 'cancelled' && <span>{t('toast.cancelled')}</span>}
    </div>
  );
}
