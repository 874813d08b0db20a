import { memo, useLayoutEffect, useRef } from 'react';
import type { TicketCard } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { useSharedTranslation } from '../hooks/sharedTranslation';
import { ActionBar } from './ActionBar';
import { ClockBadge, MisrouteBadge, SerialBadge, StateChip } from './CardBadges';
import { ticketTagOf } from '../../../shared/ticket';

export const TICKET_DRAG_TYPE = 'application/x-guichet-ticket';

interface Props {
  card: TicketCard;
  selected: boolean;
  focused: boolean;
}

/** One card of a queue: open button (focus target for shortcuts), badges, compact actions; draggable to another column. */
export const TicketCardView = memo(function TicketCardView({ card, selected, focused }: Props) {
  const { t } = useSharedTranslation();
  const { useAppStore } = useDesk();
  const openTicket = useAppStore((s) => s.openTicket);
  const focusTicket = useAppStore((s) => s.focusTicket);
  const setTransferFor = useAppStore((s) => s.setTransferFor);
  const customer = card.customer.name || card.customer.address;
  // The list recycles this DOM for another ticket when the card scrolls out (slotKeys.ts). The
  // focus (on its open button or an action) must not stay on it, or Enter would act on a ticket
  // the agent never chose: it is dropped, as when a card's own DOM was removed.
  const root = useRef<HTMLDivElement>(null);
  const shownTicket = useRef(card.ticketId);
  useLayoutEffect(() => {
    if (shownTicket.current === card.ticketId) return;
    shownTicket.current = card.ticketId;
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && root.current?.contains(focused)) focused.blur();
  }, [card.ticketId]);
  return (
    <div
      ref={root}
      className={`card${selected ? ' selected' : ''}`}
      data-testid="ticket-card"
      data-ticket-id={card.ticketId}
      data-state={card.state}
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(TICKET_DRAG_TYPE, JSON.stringify({ ticketId: card.ticketId, serviceId: card.serviceId }));
        event.dataTransfer.setData('text/plain', ticketTagOf(card.ticketId));
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <button
        type="button"
        className="card-open"
        data-ticket-open={card.ticketId}
        tabIndex={focused ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        onFocus={() => focusTicket(card.ticketId)}
        onClick={() => openTicket(card.ticketId)}
      >
        <span className="card-line">
          <span className="customer">{customer}</span>
          <span className="tag">{ticketTagOf(card.ticketId)}</span>
        </span>
        <span className="subject">{card.subject}</span>
      </button>
      <div className="badges">
        <StateChip state={card.state} />
        <ClockBadge clock={card.clock} />
        {card.misroute && <MisrouteBadge hint={card.misroute} id={`misroute-${card.ticketId}`} short onActivate={() => setTransferFor(card.ticketId)} />}
        <SerialBadge status={card.serialStatus} />
        {card.hasAttachments && <span className="badge">{t('card.attachment')}</span>}
        {card.awaitingSentSync && <span className="badge">{t('card.awaitingSync')}</span>}
      </div>
      {card.actingAgent && <div className="acting" data-testid="acting-agent">{t('card.acting', { agent: card.actingAgent })}</div>}
      <ActionBar card={card} compact idPrefix={`card-${card.ticketId}`} />
    </div>
  );
});
