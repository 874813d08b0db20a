import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore } from './core/core';
import { createDispatch } from './host/dispatch';
import { EventHub } from './host/events';
import { CONTENT_SECURITY_POLICY, isExternalLink, isTrustedSender, secureWindowOptions } from './windowOptions';

// The Electron shell: one window, the IPC bridge to host/dispatch, nothing else.

const CALL_CHANNEL = 'guichet:call';
const EVENT_CHANNEL = 'guichet:event';

function rendererUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  return devUrl ?? pathToFileURL(join(import.meta.dirname, '..', 'renderer', 'index.html')).href;
}

async function start(): Promise<void> {
  await app.whenReady();
  const log = (line: string): void => console.error(`[guichet] ${line}`);
  const events = new EventHub(log);
  const core = await createCore({ dataDir: app.getPath('userData'), resourcesDir: join(app.getAppPath(), 'resources'), events, log });
  const dispatch = createDispatch(core.handlers, log);
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
    void core.close().then(() => app.quit());
  });
}

start().catch((error: unknown) => {
  console.error('Guichet could not start:', error);
  app.exit(1);
});
