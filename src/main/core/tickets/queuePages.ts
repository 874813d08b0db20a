import type { MethodInput, MethodOutput } from '../../../shared/api';
import { compareUrgency } from '../../../shared/queueOrder';
import type { TicketCard } from '../../../shared/views';
import { GuichetError } from '../errors';

// tickets.list in pages. A 37,000-card workspace sent in one answer is a 31 MB message that both
// processes must hold at once; pages keep each answer small. A cursor freezes the queue's order
// at its first page so the next pages neither skip nor repeat a card while the board changes
// (the changes themselves reach the UI as tickets.changed events).

/** How long a frozen list is kept after its last page was read. */
const CURSOR_IDLE_MS = 120_000;
/** Frozen lists kept at once (a few windows loading, each with a few columns). */
const MAX_CURSORS = 16;

type ListInput = MethodInput<'tickets.list'>;
type ListOutput = MethodOutput<'tickets.list'>;

interface Frozen {
  cards: TicketCard[];
  usedAt: number;
}

export class QueuePages {
  private readonly frozen = new Map<string, Frozen>();
  private seq = 0;

  constructor(private readonly nowMs: () => number = () => performance.now()) {}

  /** `cards` gives the current cards of the asked service (or all), in any order. */
  answer(input: ListInput, cards: () => TicketCard[]): ListOutput {
    const now = this.nowMs();
    this.evict(now);
    if (input.cursor !== undefined) {
      const list = this.frozen.get(input.cursor);
      if (!list) throw new GuichetError('conflict', 'This list has changed since its first page was read: load it again.');
      list.usedAt = now;
      return this.slice(list.cards, input, input.cursor);
    }
    const sorted = cards().sort(compareUrgency);
    if (input.limit === undefined) return this.slice(sorted, input, null);
    const cursor = `q${++this.seq}-${Math.floor(now)}`;
    this.frozen.set(cursor, { cards: sorted, usedAt: now });
    return this.slice(sorted, input, cursor);
  }

  private slice(cards: TicketCard[], input: ListInput, cursor: string | null): ListOutput {
    const from = input.offset ?? 0;
    const tickets = input.limit === undefined ? cards.slice(from) : cards.slice(from, from + input.limit);
    return { tickets, total: cards.length, cursor, provisional: false };
  }

  private evict(now: number): void {
    for (const [id, list] of this.frozen) if (now - list.usedAt > CURSOR_IDLE_MS) this.frozen.delete(id);
    while (this.frozen.size >= MAX_CURSORS) {
      const oldest = [...this.frozen.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt)[0];
      if (!oldest) break;
      this.frozen.delete(oldest[0]);
    }
  }
}
