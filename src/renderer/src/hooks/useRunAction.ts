import { useCallback } from 'react';
import { actionAvailability, type DeskAction } from '../state/actionRules';
import { useDesk } from './desk';

/** Runs a desk action on a ticket if the card allows it: transfer and proposal open their dialog first. */
export function useRunAction(): (action: DeskAction, ticketId: string) => void {
  const { useAppStore } = useDesk();
  return useCallback(
    (action, ticketId) => {
      const state = useAppStore.getState();
      const card = state.cards.get(ticketId);
      if (!card) return;
      const others = (state.workspace?.services ?? []).filter((s) => s.id !== card.serviceId).length;
      if (!actionAvailability(card, action, others).enabled) return;
      if (action === 'transfer') state.setTransferFor(ticketId);
      else if (action === 'proposal') state.setComposerFor(ticketId);
      else void state.perform(action, ticketId);
    },
    [useAppStore],
  );
}
