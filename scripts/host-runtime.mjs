// How the loopback host's Node process is started: by `npm start` and by bench/ui.ts alike, so the
// benchmark measures the process a user gets.
//
// - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool, V8's GC helpers) an
//   arena of its own, which keeps freed memory mapped; two arenas suit a 2-core desktop.
//   A value already in the environment wins.
// - --single-threaded-gc: V8 collects on the host's own thread, never on every core at once. The
//   host's quiet-time collections (src/main/host/heapSettler.ts) run right after the queues load,
//   when the agent starts scrolling; with parallel marking and compaction they took both cores
//   of a 2-core desk from the page. bench/ui.ts, 50,000 messages, 2026-11-23: rounds with a long
//   task while scrolling went from 7 of 24 to 3 of 24; cold start, memory and the pauses (250-500
//   ms, the host idle) unchanged. bench/sync.ts run with the flag, paired runs: full sync 1.00 and
//   1.20 s against 0.97 and 0.89 s, through the real store 1.58 and 1.21 s against 1.71 and
//   1.37 s: within the run-to-run noise. (The Electron main process is not started from here.)
// - No V8 heap flags. --max-semi-space-size=1 took about 80 MB off the host's RSS at 50,000
//   messages, but made a first sync 15-25 % slower and the background triage-text fill about 10 %
//   slower (bench/sync.ts, same machine): not worth it.

export const HOST_NODE_FLAGS = ['--single-threaded-gc'];

export function hostEnv(env) {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
