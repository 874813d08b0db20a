import { describe, expect, it } from 'vitest';
import { SlotKeys } from '../../../src/renderer/src/components/slotKeys';

const window = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `t${from + i}`);

describe('SlotKeys: recycled keys of a virtualized queue', () => {
  it('gives the cards rendered together distinct keys', () => {
    const keys = new SlotKeys().assign(window(0, 14));
    expect(new Set(keys).size).toBe(14);
  });

  it('keeps the key of a card that stays in view, even when the queue is re-sorted around it', () => {
    const slots = new SlotKeys();
    const before = slots.assign(['a', 'b', 'c', 'd']);
    const after = slots.assign(['c', 'x', 'a', 'd']);
    expect(after[0]).toBe(before[2]);
    expect(after[2]).toBe(before[0]);
    expect(after[3]).toBe(before[3]);
    // The newcomer takes the slot the card that left ('b') gave up.
    expect(after[1]).toBe(before[1]);
  });

  it('reuses the slots of cards scrolled out: scrolling through 20,000 cards needs no more slots than a screenful', () => {
    const slots = new SlotKeys();
    for (let top = 0; top < 20_000; top += 9) {
      const keys = slots.assign(window(top, 14));
      expect(new Set(keys).size).toBe(14);
    }
    expect(slots.size).toBe(14);
  });

  it('grows when more cards are rendered at once, and a page jump replaces every slot without new ones', () => {
    const slots = new SlotKeys();
    slots.assign(window(0, 10));
    const taller = slots.assign(window(0, 20));
    expect(new Set(taller).size).toBe(20);
    const jumped = slots.assign(window(5_000, 20));
    expect(new Set(jumped)).toEqual(new Set(taller));
    expect(slots.size).toBe(20);
  });
});
