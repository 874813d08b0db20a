import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';
import type { TicketCard } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { indexInQueue } from '../state/queueSelectors';
import { SlotKeys } from './slotKeys';
import { TicketCardView } from './TicketCardView';

/**
 * A card's slot height in px, fixed by its content (styles.css keeps every row on one line, so nothing wraps):
 * the virtualizer never measures, so the list's height never changes while scrolling.
 */
export const CARD_SLOT_PX = 116;
/** The extra line "Marie is replying…". */
export const ACTING_LINE_PX = 18;

export function cardSlotHeight(card: TicketCard | undefined): number {
  return card?.actingAgent ? CARD_SLOT_PX + ACTING_LINE_PX : CARD_SLOT_PX;
}

/** A queue as a virtualized list: only the visible cards are in the DOM, with their place in the whole list; their DOM is recycled. */
export function CardList({ queue, label }: { queue: readonly TicketCard[]; label: string }) {
  const { useAppStore } = useDesk();
  const openTicketId = useAppStore((s) => s.openTicketId);
  const focusedTicketId = useAppStore((s) => s.focusedTicketId);
  const focusSeq = useAppStore((s) => s.focusSeq);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable per queue: the virtualizer recomputes its layout (O(n)) only when these change, not per scroll frame.
  const getItemKey = useCallback((index: number) => queue[index]?.ticketId ?? index, [queue]);
  const estimateSize = useCallback((index: number) => cardSlotHeight(queue[index]), [queue]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // Overscan 2: a page-sized jump re-renders every visible card, and each extra one costs on that frame.
  const virtualizer = useVirtualizer({ count: queue.length, getScrollElement, estimateSize, overscan: 2, getItemKey });
  const items = virtualizer.getVirtualItems();
  // Recycled keys (slotKeys.ts): a card scrolled into view reuses the DOM of one scrolled out.
  const slots = useRef<SlotKeys | null>(null);
  slots.current ??= new SlotKeys();
  const keys = slots.current.assign(items.map((item) => queue[item.index]?.ticketId ?? `#${item.index}`));
  const focusedIndex = indexInQueue(queue, focusedTicketId);
  // Roving tabindex: the focused card, else the first, is the column's one tab stop.
  const tabStop = focusedIndex === -1 ? 0 : focusedIndex;

  useEffect(() => {
    if (focusSeq === 0 || focusedIndex === -1 || !focusedTicketId) return;
    virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
    const frame = requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-ticket-open="${CSS.escape(focusedTicketId)}"]`)?.focus();
    });
    return () => cancelAnimationFrame(frame);
    // Only a keyboard move (focusSeq) scrolls; mouse focus must not jump the list.
  }, [focusSeq]);

  return (
    <div className="cards" ref={scrollRef}>
      <ul role="list" aria-label={label} className="cards-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item, i) => {
          const card = queue[item.index];
          if (!card) return null;
          return (
            <li
              key={keys[i]}
              data-index={item.index}
              aria-setsize={queue.length}
              aria-posinset={item.index + 1}
              className="card-slot"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              <TicketCardView card={card} selected={card.ticketId === openTicketId} focused={item.index === tabStop} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
