import { describe, it, expect } from 'vitest';
import { describeDuration } from '../../../src/main/core/sla/describeDuration';

// A "day" is 24 business hours; minutes are dropped once there are days.
const cases: Array<[hours: number, en: string, fr: string]> = [
  [52, '2 d 4 h', '2 j 4 h'],
  [48, '2 d', '2 j'],
  [24.5, '1 d', '1 j'],
  [12.5, '12 h 30 min', '12 h 30'],
  [8, '8 h', '8 h'],
  [1.05, '1 h 03 min', '1 h 03'],
  [0.75, '45 min', '45 min'],
  [23.9999, '1 d', '1 j'], // rounds to the minute first: 1440 min
  [0, '0 min', '0 min'],
  [-3, 'overdue by 3 h', 'en retard de 3 h'],
  [-26, 'overdue by 1 d 2 h', 'en retard de 1 j 2 h'],
  [-0.001, '0 min', '0 min'], // under half a minute late rounds to nothing
];

describe('describeDuration', () => {
  it.each(cases)('%d h -> "%s" / "%s"', (hours, en, fr) => {
    expect(describeDuration(hours, 'en')).toBe(en);
    expect(describeDuration(hours, 'fr')).toBe(fr);
  });

  it('speaks English by default', () => {
    expect(describeDuration(30)).toBe('1 d 6 h');
  });
});
