import { describe, expect, it } from 'vitest';
import { offsetAt } from '../../../src/main/core/sla/zoneOffsets';

// Offsets are memoised per 15-minute block of UTC; the transitions below were read from the tz
// database by hand. Each pair is asked in both orders, so a block learnt from either side is right.

const MIN = 60_000;
const SEC = 1000;

type Transition = [why: string, zone: string, at: string, before: number, after: number];

const transitions: Transition[] = [
  ['Paris springs forward at 02:00 CET', 'Europe/Paris', '2026-03-29T01:00:00Z', 60 * MIN, 120 * MIN],
  ['Paris falls back at 03:00 CEST', 'Europe/Paris', '2026-10-25T01:00:00Z', 120 * MIN, 60 * MIN],
  ['New York springs forward at 02:00 EST', 'America/New_York', '2026-03-08T07:00:00Z', -300 * MIN, -240 * MIN],
  ['New York falls back at 02:00 EDT', 'America/New_York', '2026-11-01T06:00:00Z', -240 * MIN, -300 * MIN],
  ['Lord Howe goes back half an hour at 02:00 (+11 to +10:30)', 'Australia/Lord_Howe', '2026-04-04T15:00:00Z', 660 * MIN, 630 * MIN],
  ['Lord Howe goes forward half an hour at 02:00 (+10:30 to +11)', 'Australia/Lord_Howe', '2026-10-03T15:30:00Z', 630 * MIN, 660 * MIN],
  ['Kathmandu moves from +5:30 to +5:45 on 1 January 1986', 'Asia/Kathmandu', '1985-12-31T18:30:00Z', 330 * MIN, 345 * MIN],
  ['Monrovia leaves -0:44:30 off the quarter-hour grid, 7 January 1972', 'Africa/Monrovia', '1972-01-07T00:44:30Z', -(44 * MIN + 30 * SEC), 0],
];

describe('offsetAt', () => {
  it.each(transitions)('%s', (_why, zone, at, before, after) => {
    const t = Date.parse(at);
    // Later side first, then the earlier: the cache must not carry one side over to the other.
    expect(offsetAt(zone, t)).toBe(after);
    expect(offsetAt(zone, t - SEC)).toBe(before);
    expect(offsetAt(zone, t - 1)).toBe(before);
    expect(offsetAt(zone, t + 14 * MIN)).toBe(after);
    expect(offsetAt(zone, t - 16 * MIN)).toBe(before);
    expect(offsetAt(zone, t + 999)).toBe(after);
  });

  it('reads every second of a block holding an off-grid transition right, in any order', () => {
    const t = Date.parse('1972-01-07T00:44:30Z');
    const seconds = Array.from({ length: 120 }, (_, i) => t - 60 * SEC + i * SEC).reverse();
    for (const s of seconds) expect(offsetAt('Africa/Monrovia', s)).toBe(s < t ? -(44 * MIN + 30 * SEC) : 0);
  });

  it('gives +5:45 all year in Kathmandu and the same offset for every instant of a quarter hour', () => {
    const start = Date.parse('2026-06-01T00:00:00Z');
    for (let k = 0; k < 96 * 3; k++) expect(offsetAt('Asia/Kathmandu', start + k * 5 * MIN + 7 * SEC)).toBe(345 * MIN);
  });

  it('an invalid instant fails as Intl does', () => {
    expect(() => offsetAt('Europe/Paris', Number.NaN)).toThrow(RangeError);
  });
});
