import { describe, expect, it } from 'vitest';
import { businessDurationText } from '../../../src/shared/durationText';
import { shownHours } from '../../../src/main/core/sla/clock';

describe('the time left on a card, as shown (shownHours)', () => {
  it('reads exactly as the exact value does, in both languages', () => {
    for (let minutes = -5 * 1440; minutes <= 5 * 1440; minutes += 7) {
      const hours = minutes / 60 + 0.0041; // not on a whole minute
      for (const lang of ['fr', 'en'] as const) expect(businessDurationText(shownHours(hours), lang)).toBe(businessDurationText(hours, lang));
    }
  });

  it('moves every minute under a day, only every hour beyond, so the minute refresh sends few cards', () => {
    expect(shownHours(3.5 + 1 / 60)).not.toBe(shownHours(3.5));
    expect(shownHours(30.25)).toBe(shownHours(30.75));
    expect(shownHours(-30.25)).toBe(-30);
    expect(shownHours(0.001)).toBe(0);
    expect(Object.is(shownHours(-0.001), 0)).toBe(true);
  });
});
