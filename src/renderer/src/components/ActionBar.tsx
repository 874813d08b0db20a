import type { TicketCard } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { useSharedTranslation } from '../hooks/sharedTranslation';
import { useReasonText } from '../hooks/useReasonText';
import { useRunAction } from '../hooks/useRunAction';
import { ACTION_SHORTCUTS, actionAvailability, DESK_ACTIONS, type DeskAction, type DisabledReason } from '../state/actionRules';
import { ticketTagOf } from '../../../shared/ticket';

/** A card has room for the frequent ones; the ticket view shows all eight. */
const COMPACT_ACTIONS = ['acknowledge', 'transfer', 'update', 'resolve', 'reopen'] as const satisfies readonly DeskAction[];
type CompactAction = (typeof COMPACT_ACTIONS)[number];

/** The one-click actions; a disabled one stays focusable and says why (title + aria-describedby). */
export function ActionBar({ card, compact, idPrefix }: { card: TicketCard; compact: boolean; idPrefix: string }) {
  // A card shows only its enabled actions, so it needs no reason texts (and no clock): cheaper per card scrolled through.
  return compact ? <Actions card={card} compact idPrefix={idPrefix} reasonText={null} /> : <FullActionBar card={card} idPrefix={idPrefix} />;
}

function FullActionBar({ card, idPrefix }: { card: TicketCard; idPrefix: string }) {
  const reasonText = useReasonText();
  return <Actions card={card} compact={false} idPrefix={idPrefix} reasonText={reasonText} />;
}

function Actions({ card, compact, idPrefix, reasonText }: { card: TicketCard; compact: boolean; idPrefix: string; reasonText: ((reason: DisabledReason) => string) | null }) {
  const { t } = useSharedTranslation();
  const { useAppStore } = useDesk();
  const serviceCount = useAppStore((s) => s.workspace?.services.length ?? 0);
  const run = useRunAction();
  return (
    <div role="group" aria-label={t('actions.label', { tag: ticketTagOf(card.ticketId) })} className={compact ? 'actions compact' : 'actions'}>
      {(compact ? COMPACT_ACTIONS : DESK_ACTIONS).map((action) => {
        const availability = actionAvailability(card, action, Math.max(0, serviceCount - 1));
        const reasonId = `${idPrefix}-${action}-why`;
        if (compact && !availability.enabled) return null;
        const reason = availability.enabled || !reasonText ? null : reasonText(availability.reason);
        return (
          <span key={action} className="action">
            <button
              type="button"
              data-action={action}
              aria-disabled={availability.enabled ? undefined : 'true'}
              aria-describedby={reason ? reasonId : undefined}
              aria-label={compact ? t(`actions.${action}`) : undefined}
              aria-keyshortcuts={ACTION_SHORTCUTS[action]}
              title={reason ?? `${t(`actions.${action}`)} (${ACTION_SHORTCUTS[action]})`}
              onClick={(event) => {
                event.stopPropagation();
                run(action, card.ticketId);
              }}
            >
              {compact ? <CompactLabel action={action as CompactAction} /> : t(`actions.${action}`)}
            </button>
            {reason && <span id={reasonId} className="visually-hidden">{reason}</span>}
          </span>
        );
      })}
    </div>
  );
}

/**
 * A card's button shows its full label where the card is wide enough and a short one in a narrow
 * column (styles.css, a container query on the card), so the labels are cut only in very narrow
 * columns. The button's accessible name stays the full label, which contains the short one.
 */
function CompactLabel({ action }: { action: CompactAction }) {
  const { t } = useSharedTranslation();
  return (
    <>
      <span className="label-full">{t(`actions.${action}`)}</span>
      <span className="label-short">{t(`actionsShort.${action}`)}</span>
    </>
  );
}
