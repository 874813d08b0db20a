import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore } from './core/core';
import { parseHostArgs } from './host/cliArgs';
import { openSafeStorageSecretStore } from './secrets/safeStorageSecretStore';
import { createDispatch } from './host/dispatch';
import { EventHub } from './host/events';
import { RENDERER_JS_FLAGS } from './rendererFlags';
import { noticingQueuePages, startHeapSettler } from './host/heapSettler';
import { CONTENT_SECURITY_POLICY, isExternalLink, isTrustedSender, secureWindowOptions } from './windowOptions';

// The Electron shell: one window, the IPC bridge to host/dispatch, nothing else.

const CALL_CHANNEL = 'guichet:call';
const EVENT_CHANNEL = 'guichet:event';

function rendererUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  return devUrl ?? pathToFileURL(join(import.meta.dirname, '..', 'renderer', 'index.html')).href;
}

/** `npm start -- --data-dir DIR` reaches Electron too; other Chromium switches are ignored. */
function dataDirFromArgs(): string | null {
  const ours = process.argv.slice(2).filter((a, i, all) => a === '--data-dir' || all[i - 1] === '--data-dir' || a.startsWith('--data-dir='));
  try {
    return ours.length > 0 ? parseHostArgs(ours).dataDir : null;
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  // Same per-user folder as the loopback host (~/.config/Guichet on Linux).
  app.setName('Guichet');
  // Before any window: the renderer's V8 flags (rendererFlags.ts).
  app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS);
  await app.whenReady();
  const log = (line: string): void => console.error(`[guichet] ${line}`);
  const events = new EventHub(log);
  const dataDir = dataDirFromArgs() ?? app.getPath('userData');
  // Passwords encrypted with the OS-backed safeStorage key when available.
  const secrets = await openSafeStorageSecretStore(dataDir);
  const core = await createCore({ dataDir, resourcesDir: join(app.getAppPath(), 'resources'), events, log, ...(secrets ? { secrets } : {}) });
  // Gives back the heap that core's start-up and later bulk work leave behind (host/heapSettler.ts).
  const settler = startHeapSettler({ log });
  const dispatch = noticingQueuePages(createDispatch(core.handlers, log), () => settler);
  const pageUrl = rendererUrl();

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!event.senderFrame || event.senderFrame.parent !== null || !isTrustedSender(event.senderFrame.url, pageUrl)) {
      return { ok: false, error: { code: 'unauthorized', message: 'This frame may not call Guichet.' } };
    }
    return dispatch(method, input);
  });

  const window = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '..', 'preload', 'index.cjs')));
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) event.preventDefault();
  });
  events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(pageUrl);

  app.on('window-all-closed', () => {
    settler.stop();
    void core.close().then(() => app.quit());
  });
}

start().catch((error: unknown) => {
  console.error('Guichet could not start:', error);
  app.exit(1);
});
