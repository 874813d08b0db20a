import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

// The Electron shell itself. Its binary is downloaded by `npm install` where the internet is
// reachable; on machines without it (like CI here) this file skips, and the same UI is
// covered through the loopback host by the other end-to-end tests.

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip(binary === null, 'the Electron binary is not installed on this machine (its download needs the internet); the loopback host tests cover the same UI');

  test('opens the demo workspace in a sandboxed window whose preload exposes only call/on', async () => {
    const app = await electron.launch({
      executablePath: binary ?? '',
      args: ['.', '--no-sandbox'],
      env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'gx-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.locator('[data-app-state="loaded"]')).toBeVisible();
      await expect(window.locator('section[data-service="technical"]')).toBeVisible();
      const bridge = await window.evaluate(() => Object.keys((window as unknown as { guichet: object }).guichet).sort());
      expect(bridge).toEqual(['call', 'on']);
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      const refused = await window.evaluate(() => (window as unknown as { guichet: { call(m: string, i: unknown): Promise<unknown> } }).guichet.call('system.shell', {}).catch((e: Error) => e.message));
      expect(refused).toBe('Unknown method "system.shell".');
    } finally {
      await app.close();
    }
  });
});
