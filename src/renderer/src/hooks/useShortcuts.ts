import { useEffect, useRef } from 'react';
import type { TicketCard } from '../../../shared/api';
import { actionForKey } from '../state/actionRules';
import { indexInQueue, neighbourInQueue } from '../state/queueSelectors';
import { useDesk } from './desk';
import { useRunAction } from './useRunAction';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Desk shortcuts: j/k/arrows move, h/l switch column, Enter opens, Esc closes, ? helps, letters act. */
export function useShortcuts(queues: ReadonlyArray<readonly TicketCard[]>): void {
  const { useAppStore } = useDesk();
  const run = useRunAction();
  const queuesRef = useRef(queues);
  queuesRef.current = queues;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      const state = useAppStore.getState();
      if (state.route !== 'desk' || state.cheatSheetOpen || state.transferFor || state.composerFor) return;
      const all = queuesRef.current;
      const focusedId = state.focusedTicketId;
      const column = Math.max(0, all.findIndex((q) => indexInQueue(q, focusedId) !== -1));
      const queue = all[column] ?? [];
      const inPanel = event.target instanceof Element && event.target.closest('.ticket-panel') !== null;
      const subject = inPanel ? state.openTicketId : (focusedId ?? state.openTicketId);
      const handled = (): void => event.preventDefault();

      switch (event.key) {
        case '?':
          handled();
          return state.setCheatSheet(true);
        case '/':
          handled();
          return document.getElementById('queue-search')?.focus();
        case 'Escape':
          if (state.openTicketId) {
            handled();
            const closing = state.openTicketId;
            state.openTicket(null);
            if (state.cards.has(closing)) state.requestFocus(closing);
          }
          return;
        case 'j':
        case 'ArrowDown':
        case 'k':
        case 'ArrowUp': {
          if (inPanel && event.key.startsWith('Arrow')) return;
          const next = neighbourInQueue(queue, focusedId, event.key === 'j' || event.key === 'ArrowDown' ? 1 : -1);
          if (next) {
            handled();
            state.requestFocus(next);
          }
          return;
        }
        case 'h':
        case 'ArrowLeft':
        case 'l':
        case 'ArrowRight': {
          if (inPanel && event.key.startsWith('Arrow')) return;
          const step = event.key === 'h' || event.key === 'ArrowLeft' ? -1 : 1;
          for (let i = column + step; i >= 0 && i < all.length; i += step) {
            const first = all[i]?.[0];
            if (first) {
              handled();
              return state.requestFocus(first.ticketId);
            }
          }
          return;
        }
        case 'Enter':
          if (event.target instanceof HTMLElement && event.target !== document.body) return; // buttons handle Enter themselves
          if (focusedId) {
            handled();
            state.openTicket(focusedId);
          }
          return;
        default: {
          const action = actionForKey(event.key);
          if (action && subject) {
            handled();
            run(action, subject);
          }
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [useAppStore, run]);
}
