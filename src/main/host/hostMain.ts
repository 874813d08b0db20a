import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/core';
import { openAppWindow } from './appWindow';
import { parseHostArgs } from './cliArgs';
import { createDispatch } from './dispatch';
import { EventHub } from './events';
import { startLoopbackHost } from './loopbackHost';

// Entry of the loopback host (out/main/host.js): the same UI and contract as the
// Electron app, served on 127.0.0.1 to a browser.

const here = dirname(fileURLToPath(import.meta.url));
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
  const events = new EventHub(log);
  const core = await createCore({ dataDir: args.dataDir, resourcesDir: join(appRoot, 'resources'), events, log });
  const host = await startLoopbackHost({
    dispatch: createDispatch(core.handlers, log),
    events,
    rendererDir: join(here, '..', 'renderer'),
    port: args.port,
    log,
  });
  console.log(`Electron is not installed here — Guichet is running at ${host.url}`);
  console.log(`Data folder: ${args.dataDir}. Press Ctrl-C to stop.`);
  const window = args.open ? openAppWindow(host.url, join(args.dataDir, 'chromium-profile')) : null;

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    window?.kill();
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`guichet: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
