// Regenerates docs/screenshot.png: the main screen on the demo workspace at 1280×800.
// Usage: node scripts/screenshot.mjs [output.png]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = process.argv[2] ?? join(root, 'docs', 'screenshot.png');
buildIfNeeded(root);
const dataDir = mkdtempSync(join(tmpdir(), 'gx-shot-'));
const host = spawn(process.execPath, [join(root, 'out', 'main', 'host.js'), '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  host.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/);
    if (match) resolve(match[1]);
  });
  host.on('exit', (code) => reject(new Error(`the host exited with ${code}`)));
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await page.goto(url);
  await page.waitForSelector('[data-app-state="loaded"]');
  await page.waitForSelector('[data-testid="ticket-card"]');
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  host.kill('SIGINT');
  rmSync(dataDir, { recursive: true, force: true });
}
