import { describe, expect, it } from 'vitest';
import { compareUrgency } from '../../../src/shared/queueOrder';
import type { TicketCard } from '../../../src/shared/views';
import { QueuePages } from '../../../src/main/core/tickets/queuePages';
import { card, clock } from '../renderer/cardFixture';

function board(n: number, serviceId = 'technical'): TicketCard[] {
  return Array.from({ length: n }, (_, i) => card({
    ticketId: `GX-${String(i).padStart(6, '0')}`,
    serviceId,
    clock: clock(((i * 37) % 50) - 10, new Date(Date.UTC(2026, 10, 20) + ((i * 37) % 50) * 3_600_000).toISOString()),
  }));
}

describe('tickets.list in pages (QueuePages)', () => {
  it('without a limit, answers every card, most urgent first, with no cursor', () => {
    const cards = board(30);
    const answer = new QueuePages().answer({}, () => cards.slice());
    expect(answer.total).toBe(30);
    expect(answer.cursor).toBeNull();
    expect(answer.provisional).toBe(false);
    expect(answer.tickets).toEqual(cards.slice().sort(compareUrgency));
  });

  it('pages through one frozen order while the board changes: no card skipped, none repeated', () => {
    let cards = board(1_000);
    const pages = new QueuePages();
    const first = pages.answer({ serviceId: 'technical', limit: 300 }, () => cards.slice());
    expect(first.cursor).not.toBeNull();
    // Meanwhile the most urgent tickets are answered (they leave the queue) and new ones arrive.
    const urgent = new Set(first.tickets.slice(0, 100).map((c) => c.ticketId));
    cards = [...cards.filter((c) => !urgent.has(c.ticketId)), ...board(50).map((c) => ({ ...c, ticketId: `GX-9${c.ticketId.slice(4)}` }))];
    const seen = [...first.tickets];
    for (let offset = 300; offset < first.total; offset += 300) {
      const page = pages.answer({ serviceId: 'technical', offset, limit: 300, cursor: first.cursor as string }, () => cards.slice());
      expect(page.total).toBe(1_000);
      seen.push(...page.tickets);
    }
    expect(seen.map((c) => c.ticketId)).toEqual(board(1_000).sort(compareUrgency).map((c) => c.ticketId));
  });

  it('refuses a forgotten cursor with a conflict, so the UI reads the list again', () => {
    let now = 0;
    const pages = new QueuePages(() => now);
    const first = pages.answer({ limit: 10 }, () => board(50));
    now += 121_000;
    expect(() => pages.answer({ offset: 10, limit: 10, cursor: first.cursor as string }, () => board(50))).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => pages.answer({ offset: 10, limit: 10, cursor: 'q-unknown' }, () => board(50))).toThrow(/load it again/);
  });

  it('keeps a bounded number of frozen lists', () => {
    const pages = new QueuePages(() => 0);
    const cursors = Array.from({ length: 40 }, () => pages.answer({ limit: 5 }, () => board(20)).cursor as string);
    // The newest are still there; the oldest were let go.
    expect(pages.answer({ offset: 5, limit: 5, cursor: cursors.at(-1) as string }, () => []).tickets).toHaveLength(5);
    expect(() => pages.answer({ offset: 5, limit: 5, cursor: cursors[0] as string }, () => [])).toThrow();
  });
});
