// How the loopback host's Node process is started: by `npm start` and by bench/ui.ts alike, so the
// benchmark measures the process a user gets.
//
// - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool, V8's GC helpers) an
//   arena of its own, which keeps freed memory mapped; two arenas suit a 2-core desktop.
//   A value already in the environment wins.
// - No V8 heap flags. --max-semi-space-size=1 took about 80 MB off the host's RSS at 50,000
//   messages, but made a first sync 15-25 % slower and the background triage-text fill about 10 %
//   slower (bench/sync.ts, same machine): not worth it while the memory target is missed anyway.

export const HOST_NODE_FLAGS = [];

export function hostEnv(env) {
  return { MALLOC_ARENA_MAX: '2', ...env };
}
