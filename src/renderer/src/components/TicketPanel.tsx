import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { ActionBar } from './ActionBar';
import { ClockBadge, MisrouteBadge, SerialBadge, StateChip } from './CardBadges';
import { DeadlineView } from './DeadlineView';
import { FormCardView } from './FormCardView';
import { HistoryList } from './HistoryList';
import { MessageItem } from './MessageItem';
import { ticketTagOf } from '../../../shared/ticket';

/** The ticket view: the whole thread, the form card, serial, deadline with its explanation, and history. */
export function TicketPanel() {
  const { t } = useTranslation();
  const { useAppStore, client } = useDesk();
  const ticketId = useAppStore((s) => s.openTicketId);
  const card = useAppStore((s) => (s.openTicketId ? s.cards.get(s.openTicketId) : undefined));
  const timeZone = useAppStore((s) => s.timeZone);
  const openTicket = useAppStore((s) => s.openTicket);
  const setTransferFor = useAppStore((s) => s.setTransferFor);
  const [view, setView] = useState<TicketView | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Reload the thread whenever the card changes (an action, a new mail, another desk's work).
  useEffect(() => {
    setError(null);
    if (!ticketId) return setView(null);
    let live = true;
    client.tickets.get({ ticketId }).then(
      (v) => live && setView(v),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [ticketId, card, client]);

  if (!ticketId) return <aside className="ticket-panel empty" aria-label={t('ticket.thread')}><p>{t('ticket.pick')}</p></aside>;
  const shown = card ?? view?.card;
  return (
    <aside className="ticket-panel" aria-labelledby="ticket-title" data-testid="ticket-view" data-ticket-id={ticketId}>
      {/* Stays at the top while the thread scrolls: the ticket's name, state and actions are always at hand. */}
      <div className="ticket-head">
        <button type="button" className="close" onClick={() => openTicket(null)} aria-keyshortcuts="Escape">{t('ticket.close')}</button>
        {shown && (
          <>
            <h2 id="ticket-title">{shown.subject}</h2>
            <p className="ticket-meta">
              <span className="tag">{ticketTagOf(shown.ticketId)}</span> · {shown.customer.name || shown.customer.address} &lt;{shown.customer.address}&gt;
            </p>
            <div className="badges">
              <StateChip state={shown.state} />
              <ClockBadge clock={shown.clock} />
              <SerialBadge status={shown.serialStatus} />
              {shown.misroute && <MisrouteBadge hint={shown.misroute} id={`view-misroute-${shown.ticketId}`} onActivate={() => setTransferFor(shown.ticketId)} />}
            </div>
            {shown.actingAgent && <p className="acting">{t('card.acting', { agent: shown.actingAgent })}</p>}
            <ActionBar card={shown} compact={false} idPrefix="view" />
          </>
        )}
      </div>
      {error && <p role="alert" className="error">{t('ticket.failed', { message: error })}</p>}
      {!shown && !error && <p role="status">{t('ticket.loading')}</p>}
      {shown && (
        <div className="ticket-columns">
          <section className="thread" aria-labelledby="thread-title">
            <h3 id="thread-title">{t('ticket.thread')}</h3>
            {view?.messages.map((m) => <MessageItem key={m.id} message={m} />)}
          </section>
          <div className="ticket-side">
            <FormCardView form={shown.form} />
            <section className="serial" aria-labelledby="serial-title">
              <h3 id="serial-title">{t('serialSection.title')}</h3>
              <p>{shown.serial ? t('serialSection.value', { serial: shown.serial, status: t(`serial.${shown.serialStatus}`) }) : t('serial.none')}</p>
            </section>
            <DeadlineView card={shown} explanation={view?.explanation ?? null} timeZone={timeZone} />
            {view && <HistoryList history={view.history} />}
          </div>
        </div>
      )}
    </aside>
  );
}
