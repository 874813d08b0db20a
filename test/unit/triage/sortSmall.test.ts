import { describe, expect, it } from 'vitest';
import { sortSmall } from '../../../src/main/core/triage/sortSmall';
import { mulberry32 } from '../../support/seededRandom';

describe('sortSmall', () => {
  it('orders like Array.prototype.sort, keeping equal items in their order (stable)', () => {
    const rand = mulberry32(4);
    const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key;
    for (let n = 0; n < 40; n++) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(rand() * 5), i }));
      const expected = [...items].sort(byKey);
      const sorted = sortSmall(items, byKey);
      expect(sorted).toBe(items); // in place, as sort
      expect(sorted).toEqual(expected);
    }
  });
});
