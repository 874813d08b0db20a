// Builds out/ with electron-vite when it is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function buildIfNeeded(root, log = console.log) {
  const stamp = join(root, 'out', '.build-stamp');
  const sources = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p)).filter(existsSync);
  const newestSource = Math.max(...sources.map(newestMtime));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource) return;
  log('guichet: building the app (electron-vite)…');
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    throw new Error('the build failed (see above)');
  }
  writeFileSync(stamp, new Date().toISOString());
  log(`guichet: built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
