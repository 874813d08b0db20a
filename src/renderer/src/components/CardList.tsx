import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TicketCard } from '../../../shared/api';
import { useDesk } from '../hooks/desk';
import { TicketCardView } from './TicketCardView';

/** A queue as a virtualized list: only the visible cards are in the DOM, with their place in the whole list. */
export function CardList({ queue, label }: { queue: readonly TicketCard[]; label: string }) {
  const { useAppStore } = useDesk();
  const openTicketId = useAppStore((s) => s.openTicketId);
  const focusedTicketId = useAppStore((s) => s.focusedTicketId);
  const focusSeq = useAppStore((s) => s.focusSeq);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: queue.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 124,
    overscan: 6,
    getItemKey: (index) => queue[index]?.ticketId ?? index,
  });
  const focusedIndex = focusedTicketId === null ? -1 : queue.findIndex((c) => c.ticketId === focusedTicketId);
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
        {virtualizer.getVirtualItems().map((item) => {
          const card = queue[item.index];
          if (!card) return null;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-setsize={queue.length}
              aria-posinset={item.index + 1}
              className="card-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <TicketCardView card={card} selected={card.ticketId === openTicketId} focused={item.index === tabStop} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
