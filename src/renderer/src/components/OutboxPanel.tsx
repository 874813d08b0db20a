import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../hooks/desk';
import { useNow } from '../hooks/useNow';
import { networkErrorOf } from '../state/networkError';
import { recentOutboxTasks, summarizeOutbox } from '../state/outboxSlice';
import { ticketTagOf } from '../../../shared/ticket';

/** The outbox in the status bar: a summary button that discloses the recent tasks. */
export function OutboxPanel() {
  const { t } = useTranslation();
  const { useAppStore } = useDesk();
  const outbox = useAppStore((s) => s.outbox);
  const undo = useAppStore((s) => s.undo);
  const retry = useAppStore((s) => s.retry);
  const [open, setOpen] = useState(false);
  const summary = useMemo(() => summarizeOutbox(outbox), [outbox]);
  const tasks = useMemo(() => recentOutboxTasks(outbox), [outbox]);
  const now = useNow(500, summary.undoWindow > 0);
  // A network error in words (the raw text stays on hover); a server's own reason as it wrote it.
  const errorText = (error: string): string => {
    const network = networkErrorOf(error);
    return network ? t(`status.outbox.network.${network.kind}`, { where: network.where }) : error;
  };
  const parts = (['pending', 'undoWindow', 'sending', 'failed'] as const).filter((k) => summary[k] > 0).map((k) => t(`status.outbox.${k}`, { count: summary[k] }));
  return (
    <div className="outbox">
      <button type="button" aria-expanded={open} aria-controls="outbox-panel" data-testid="outbox-button" className={summary.failed > 0 ? 'has-failed' : undefined} onClick={() => setOpen(!open)}>
        {t('status.outbox.button', { summary: parts.length > 0 ? parts.join(', ') : t('status.outbox.empty') })}
      </button>
      {open && (
        <div id="outbox-panel" className="outbox-panel" role="region" aria-label={t('status.outbox.title')}>
          {tasks.length === 0 ? (
            <p>{t('status.outbox.none')}</p>
          ) : (
            <ul>
              {tasks.map(({ task, undoEndsAtMs }) => {
                const seconds = undoEndsAtMs ? Math.max(0, Math.ceil((undoEndsAtMs - now) / 1000)) : 0;
                return (
                  <li key={task.id} data-testid="outbox-task" data-task-id={task.id} data-state={task.state}>
                    <span className="task-what">{t(`actions.${task.action}`, { defaultValue: task.action }).replace('…', '')} — {ticketTagOf(task.ticketId)}</span>{' '}
                    <span className="task-to">{t('status.outbox.to', { recipient: task.recipient })}</span>{' '}
                    <span className={`task-state state-${task.state}`}>{t(`status.outbox.states.${task.state}`)}</span>
                    {task.state === 'undoWindow' && seconds > 0 && (
                      <>
                        {' '}<span className="countdown">{t('status.outbox.undoLeft', { seconds })}</span>{' '}
                        <button type="button" onClick={() => void undo(task.id)}>{t('status.outbox.undo')}</button>
                      </>
                    )}
                    {task.error && <div className="task-error" title={task.error}>{errorText(task.error)}</div>}
                    {task.state === 'failed' && (
                      <button type="button" onClick={() => void retry(task.id)}>{t('status.outbox.retry')}</button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
