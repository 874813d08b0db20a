import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/core';
import { openAppWindow } from './appWindow';
import { parseHostArgs } from './cliArgs';
import type { Dispatch } from './dispatch';
import type { EventListener } from './events';
import { noticingQueuePages, startHeapSettler, type HeapSettler } from './heapSettler';
import { startLoopbackHost } from './loopbackHost';

// Entry of the loopback host (out/main/host.js): the same UI and contract as the
// Electron app, served on 127.0.0.1 to a browser.

const here = dirname(fileURLToPath(import.meta.url));
/** The longest core waits for a window to draw the snapshot (none may ever connect). */
const FIRST_PAINT_GRACE_MS = 1_500;
const appRoot = join(here, '..', '..');

async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`guichet: ${(error as Error).message}`);
    process.exit(2);
  }
  mkdirSync(args.dataDir, { recursive: true });
  const log = (line: string): void => console.error(`[guichet] ${line}`);
  // The window first, core second: core's libraries and the store take seconds to load at
  // 50,000 messages, and meanwhile the last session's desk snapshot draws the queues. Core shares
  // this thread, so it starts once the window has drawn them (or after FIRST_PAINT_GRACE_MS).
  // Even the contract's schemas and the snapshot (hostDesk.ts) load while the server listens:
  // the page's own loading overlaps them, and its first call waits for them.
  const desk = import('./hostDesk');
  const eventsReady = desk.then(({ EventHub }) => new EventHub(log));
  let startCore = (): void => {};
  const coreReady = new Promise<void>((resolve) => { startCore = resolve; })
    .then(() => Promise.all([import('../core/core'), eventsReady]))
    .then(([{ createCore }, events]) => createCore({ dataDir: args.dataDir, resourcesDir: join(appRoot, 'resources'), events, log }));
  coreReady.catch(() => {}); // reported below, once the window is up
  // Gives back the heap that core's start-up and later bulk work leave behind (heapSettler.ts).
  let settlerNow: HeapSettler | null = null;
  const settler = coreReady.then(() => (settlerNow = startHeapSettler({ log })), () => null);
  const early = desk.then(async ({ readDeskSnapshot, earlyHandlers, createDispatch }) => {
    const snapshot = await readDeskSnapshot(join(args.dataDir, 'store')).catch(() => null);
    const handlers = earlyHandlers(snapshot, coreReady);
    return { drawn: handlers.drawn, dispatch: noticingQueuePages(createDispatch(handlers.handlers, log), () => settlerNow) };
  });
  const dispatch: Dispatch = (method, input) => early.then(
    (e) => e.dispatch(method, input),
    (error: unknown) => ({ ok: false, error: { code: 'failed', message: `Guichet could not start: ${error instanceof Error ? error.message : String(error)}` } }),
  );
  const subscribe = (listener: EventListener): (() => void) => {
    let unsubscribe: (() => void) | null = null;
    let gone = false;
    void eventsReady.then((hub) => { if (!gone) unsubscribe = hub.subscribe(listener); }, () => {});
    return () => { gone = true; unsubscribe?.(); };
  };
  const host = await startLoopbackHost({
    dispatch,
    events: { subscribe },
    rendererDir: join(here, '..', 'renderer'),
    port: args.port,
    log,
  });
  console.log(`Electron is not installed here — Guichet is running at ${host.url}`);
  console.log(`Data folder: ${args.dataDir}. Press Ctrl-C to stop.`);
  const window = args.open ? openAppWindow(host.url, join(args.dataDir, 'chromium-profile')) : null;
  const grace = setTimeout(startCore, FIRST_PAINT_GRACE_MS);
  void early.then((e) => e.drawn).then(() => { clearTimeout(grace); startCore(); }, () => startCore());

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    window?.kill();
    (await settler)?.stop();
    await host.close();
    const core: Core | null = await coreReady.catch(() => null);
    await core?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  try {
    await coreReady;
  } catch (error) {
    window?.kill();
    (await settler)?.stop();
    await host.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`guichet: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
