import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_JS_FLAGS_SWITCH } from '../rendererFlags';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | null {
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Opens the loopback UI as an app window (no tabs, no address bar) when a display and
 * Chromium are there; returns null otherwise, and the printed URL is the way in.
 */
export function openAppWindow(url: string, profileDir: string, env: NodeJS.ProcessEnv = process.env): ChildProcess | null {
  const chromium = findChromium();
  if (!chromium || (!env.DISPLAY && !env.WAYLAND_DISPLAY)) return null;
  // A lang="fr" page makes Chromium offer translation; this profile turns that off.
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ translate: { enabled: false } }));
  const args = [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1280,800', RENDERER_JS_FLAGS_SWITCH];
  if (process.getuid?.() === 0) args.push('--no-sandbox', '--test-type');
  const child = spawn(chromium, args, { stdio: 'ignore' });
  child.on('error', () => {});
  return child;
}
