// Reconnect delays as pure math: the caller owns the timers and passes time and randomness in.

export interface BackoffPolicy {
  /** Delay after the first failure. */
  baseMs: number;
  /** No delay ever exceeds this. */
  maxMs: number;
  factor: number;
  /** 0..1: the share of each delay that is randomised (0.5 means somewhere in [d/2, d]). */
  jitter: number;
  /** A connection that stayed up this long counts as healthy: the next failure starts from baseMs. */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  maxMs: 5 * 60_000,
  factor: 2,
  jitter: 0.5,
  stableAfterMs: 60_000,
};

export interface BackoffState {
  /** Failures since the last connection that stayed up. */
  failures: number;
  /** When the current connection came up (ms), null while disconnected. */
  connectedAt: number | null;
}

export const FRESH_BACKOFF: BackoffState = { failures: 0, connectedAt: null };

export function backoffConnected(state: BackoffState, nowMs: number): BackoffState {
  return { failures: state.failures, connectedAt: nowMs };
}

/** A connect attempt failed or a live connection dropped. Only a connection that stayed up resets the count. */
export function backoffFailed(policy: BackoffPolicy, state: BackoffState, nowMs: number): BackoffState {
  const wasStable = state.connectedAt !== null && nowMs - state.connectedAt >= policy.stableAfterMs;
  return { failures: (wasStable ? 0 : state.failures) + 1, connectedAt: null };
}

/** The wait before the next attempt. random is in [0, 1). */
export function backoffDelay(policy: BackoffPolicy, state: BackoffState, random: number): number {
  if (state.failures <= 0) return 0;
  const exponent = Math.min(state.failures - 1, 64);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** exponent);
  const jitter = Math.min(Math.max(policy.jitter, 0), 1);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling * (1 - jitter * r));
}
