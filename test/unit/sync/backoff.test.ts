import { describe, expect, it } from 'vitest';
import { backoffConnected, backoffDelay, backoffFailed, FRESH_BACKOFF, type BackoffPolicy } from '../../../src/main/core/sync/backoff';

const policy: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.5, stableAfterMs: 60_000 };

describe('reconnect backoff', () => {
  it('grows exponentially up to the cap (no jitter when random is 0)', () => {
    let s = FRESH_BACKOFF;
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      s = backoffFailed(policy, s, i * 1000);
      delays.push(backoffDelay(policy, s, 0));
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('jitter takes at most the configured share off the delay', () => {
    const s = backoffFailed(policy, backoffFailed(policy, FRESH_BACKOFF, 0), 0);
    expect(backoffDelay(policy, s, 0)).toBe(2000);
    expect(backoffDelay(policy, s, 0.5)).toBe(1500);
    expect(backoffDelay(policy, s, 0.999999)).toBe(1000);
    expect(backoffDelay({ ...policy, jitter: 0 }, s, 0.7)).toBe(2000);
  });

  it('resets only after a connection stayed up long enough', () => {
    let s = FRESH_BACKOFF;
    for (let i = 0; i < 5; i++) s = backoffFailed(policy, s, 0);
    expect(s.failures).toBe(5);
    // Up for 10 s, then dropped: still counting.
    s = backoffFailed(policy, backoffConnected(s, 100_000), 110_000);
    expect(s.failures).toBe(6);
    // Up for 60 s: healthy, the next failure starts over.
    s = backoffFailed(policy, backoffConnected(s, 200_000), 260_000);
    expect(s.failures).toBe(1);
    expect(backoffDelay(policy, s, 0)).toBe(1000);
  });

  it('a huge failure count stays finite and capped', () => {
    expect(backoffDelay(policy, { failures: 10_000, connectedAt: null }, 0)).toBe(60_000);
    expect(backoffDelay(policy, FRESH_BACKOFF, 0.5)).toBe(0);
  });
});
