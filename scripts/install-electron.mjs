// npm skips electron's own download script (package.json "allowScripts"), because a
// failed download makes npm roll back the whole install on machines without internet.
// We run that script here instead and tolerate its failure: `npm start` then serves
// Guichet on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0); // installed with --omit=dev: nothing to fetch
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('guichet: ELECTRON_SKIP_BINARY_DOWNLOAD is set — `npm start` will use the loopback host.');
  process.exit(0);
}
if (existsSync(join(dir, 'path.txt'))) process.exit(0);

const result = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
if (result.status === 0 && existsSync(join(dir, 'path.txt'))) {
  console.log('guichet: Electron binary installed.');
} else {
  const reason = (result.stderr?.toString() ?? '').split('\n').find((l) => /error|fail/i.test(l))?.trim() ?? 'download failed';
  console.log(`guichet: the Electron binary could not be downloaded (${reason.slice(0, 120)}) — \`npm start\` will serve Guichet on 127.0.0.1 instead.`);
}
process.exit(0);
