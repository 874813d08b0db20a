import { TICKET_ACTIONS, whyUnavailable, type TicketAction, type UnavailableReason } from '../../../shared/actionRules';
import type { TicketCard } from '../../../shared/api';

// The one-click actions of the desk, their shortcuts, and whether a card allows each now.
// The rules themselves are shared with core (src/shared/actionRules.ts): the UI disables
// exactly what core would refuse.

export const DESK_ACTIONS = TICKET_ACTIONS;
export type DeskAction = TicketAction;

export const ACTION_SHORTCUTS: Record<DeskAction, string> = {
  acknowledge: 'a',
  transfer: 't',
  update: 'u',
  proposal: 'p',
  requestInfo: 'm',
  requestSerial: 's',
  resolve: 'r',
  reopen: 'o',
};

export function actionForKey(key: string): DeskAction | null {
  for (const action of DESK_ACTIONS) if (ACTION_SHORTCUTS[action] === key) return action;
  return null;
}

/** Why an action is off: core's reasons, plus one only the desk knows. */
export type DisabledReason = UnavailableReason | { code: 'noOtherService' };

export type Availability = { enabled: true } | { enabled: false; reason: DisabledReason };

export function actionAvailability(card: TicketCard, action: DeskAction, otherServiceCount: number): Availability {
  const reason = whyUnavailable(card, action);
  if (reason) return { enabled: false, reason };
  if (action === 'transfer' && otherServiceCount === 0) return { enabled: false, reason: { code: 'noOtherService' } };
  return { enabled: true };
}
