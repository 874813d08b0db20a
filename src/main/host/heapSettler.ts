import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Dispatch } from './dispatch';

// V8 keeps the heap it grew to during bulk work (loading 50,000 records and building the board at
// start, a first sync, the background triage-text fill). At the ui bench's scale about 65 MB of
// the heap stayed free space and the process's RSS about 80 MB above what one full collection
// leaves (348 against 267 MB), and V8's own memory reducer had not acted a minute later. So once
// the heap has grown and the process has gone quiet, one full collection gives that memory back.
// It stops this thread for 300-600 ms at that scale (it compacts, see compacting()): hence only
// when quiet, at most once a minute.
// A collection that freed a lot is followed by another soon after if the loop stays quiet (V8
// releases pages over two or three: 296 -> 238 -> 207 MB of heap), at most three in a row.
// Only the first of a chain compacts. What the follow-up gives back is the young generation, which
// V8 shrinks once allocation has been low for a while; it finds nothing to compact. At 50,000
// messages (--trace-gc-nvp): 27 MB of holes in the old generation before the first, 0.2 MB before
// the follow-up; compacting anyway copied the whole 115 MB again, 300-400 ms instead of 105-130 ms,
// for the same 147 -> 115 MB. Those pauses land as the agent starts scrolling, and take a core.

export interface SettleThresholds {
  /** Growth of the heap since the last collection of ours that is worth one. */
  growthBytes: number;
  /** Event-loop utilization (0-1) over the last check below which the process counts as quiet. */
  quietUtilization: number;
  /** Least time between two collections of ours. */
  minGapMs: number;
}

export const DEFAULT_THRESHOLDS: SettleThresholds = { growthBytes: 32 * 1024 * 1024, quietUtilization: 0.1, minGapMs: 60_000 };

export interface HeapReading {
  heapTotal: number;
  /** heapTotal right after our last collection (0 before the first). */
  baseline: number;
  utilization: number;
  msSinceLast: number;
  /** The previous collection of ours freed a lot: one more may free more (see above). */
  followUp: boolean;
}

/** Pure: whether to collect now. */
export function shouldSettle(reading: HeapReading, thresholds: SettleThresholds = DEFAULT_THRESHOLDS): boolean {
  if (reading.utilization >= thresholds.quietUtilization) return false;
  if (reading.followUp) return true;
  return reading.heapTotal - reading.baseline >= thresholds.growthBytes && reading.msSinceLast >= thresholds.minGapMs;
}

/** Collections in a row at most (the first and its follow-ups). */
export const MAX_CHAIN = 3;

/** V8's full collection, exposed at run time (the --expose-gc flag, without a launch flag). */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

export interface HeapSettler {
  /** Collections made so far. */
  readonly settled: number;
  /**
   * Bulk work may have just ended (the desk's queues were served): look again in a moment rather
   * than at the next check, with the quiet window starting now. Called again meanwhile, it waits
   * again. Nothing changes during a chain of collections.
   */
  soon(): void;
  stop(): void;
}

/**
 * A full collection that also compacts the old generation: V8 compacts only its most fragmented
 * pages by default, and after start-up at 50,000 messages 33 MB of the 186 MB old space stayed
 * free space between live objects (153 MB used). Only our own collections compact, when the
 * process is quiet; V8's collections during bulk work keep their default.
 */
export function compacting(collect: () => void): void {
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    collect();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** Whether the next collection would follow up a chain under way (`chain` collections into it, 0: none). */
function followingUp(chain: number): boolean {
  return chain > 0 && chain < MAX_CHAIN;
}

/** Pure: when to look again, `chain` collections into a chain. */
export function nextCheckInMs(chain: number, timing: { checkEveryMs: number; followUpAfterMs: number }): number {
  return followingUp(chain) ? timing.followUpAfterMs : timing.checkEveryMs;
}

/** Between two quiet checks. */
const CHECK_EVERY_MS = 2_000;
/**
 * After soon(): the pages of the queues come one after the other, so this is a pause in them.
 * At 50,000 messages the first collection (300-550 ms, it compacts) came 1-2.5 s after the last
 * page, as the agent started scrolling the queues that had just filled (bench/ui).
 */
const SOON_MS = 300;
/**
 * A follow-up collection comes this soon after one that freed a lot, if the loop stayed quiet.
 * At 50,000 messages the desk's start-up took the host from 375 to 301 MB with one collection
 * and to 260 MB with the follow-up; with checks 5 s apart the follow-up came 10 s after the
 * queues had loaded, so the desk sat at 300 MB or more all that time.
 */
const FOLLOW_UP_AFTER_MS = 5_000;

export function startHeapSettler(options: { checkEveryMs?: number; followUpAfterMs?: number; soonMs?: number; thresholds?: SettleThresholds; log?: (line: string) => void } = {}): HeapSettler {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
  const followUpAfterMs = options.followUpAfterMs ?? FOLLOW_UP_AFTER_MS;
  const collect = fullCollection();
  // Started once core has loaded: that start-up is bulk work too, so it counts from an empty heap.
  let baseline = 0;
  let last = performance.now() - thresholds.minGapMs;
  let elu: EventLoopUtilization = performance.eventLoopUtilization();
  let settled = 0;
  let chain = 0;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number): void => {
    timer = setTimeout(check, ms);
    timer.unref();
  };
  const check = (): void => {
    const now = performance.eventLoopUtilization();
    const utilization = performance.eventLoopUtilization(now, elu).utilization;
    elu = now;
    const heapTotal = process.memoryUsage().heapTotal;
    if (!shouldSettle({ heapTotal, baseline, utilization, msSinceLast: performance.now() - last, followUp: followingUp(chain) }, thresholds)) {
      if (utilization < thresholds.quietUtilization) chain = 0; // a quiet check with nothing to do ends a chain
      schedule(checkEveryMs);
      return;
    }
    const started = performance.now();
    const followUp = followingUp(chain);
    if (followUp) collect();
    else compacting(collect);
    last = performance.now();
    baseline = process.memoryUsage().heapTotal;
    settled++;
    chain = heapTotal - baseline >= thresholds.growthBytes / 2 ? chain + 1 : 0;
    const kind = followUp ? 'a follow-up, not compacted' : 'compacted';
    options.log?.(`memory: one full collection after the heap grew, ${Math.round(heapTotal / 1048576)} -> ${Math.round(baseline / 1048576)} MB in ${Math.round(last - started)} ms (${kind})`);
    // Read the loop again from here: the collection itself is not the app being busy.
    elu = performance.eventLoopUtilization();
    schedule(nextCheckInMs(chain, { checkEveryMs, followUpAfterMs }));
  };
  schedule(checkEveryMs);
  return {
    get settled() {
      return settled;
    },
    soon: () => {
      if (timer === null || chain > 0) return; // stopped, or a chain's follow-up is due
      clearTimeout(timer);
      elu = performance.eventLoopUtilization();
      schedule(options.soonMs ?? SOON_MS);
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** `dispatch`, telling the settler each time a page of a queue was served (see HeapSettler.soon). */
export function noticingQueuePages(dispatch: Dispatch, settler: () => HeapSettler | null): Dispatch {
  return (method, input) => {
    const answer = dispatch(method, input);
    if (method === 'tickets.list') void answer.then(() => settler()?.soon());
    return answer;
  };
}
