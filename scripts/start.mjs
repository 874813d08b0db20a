// `npm start`: build when needed, then Electron if its binary is installed,
// otherwise the same UI on the loopback host (with a line saying so).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';
import { HOST_NODE_FLAGS, hostEnv } from './host-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** npm swallows `npm start --no-open` / `--port N` / `--data-dir D` as its own config; take them back. */
function argsFromNpm(argv, env) {
  const args = [...argv];
  if (env.npm_config_open === 'false' && !args.includes('--no-open')) args.push('--no-open');
  if (env.npm_config_port && !args.includes('--port')) args.push('--port', env.npm_config_port);
  if (env.npm_config_data_dir && !args.includes('--data-dir')) args.push('--data-dir', env.npm_config_data_dir);
  return args;
}

function electronBinary() {
  try {
    const path = require('electron'); // a path string once the binary is installed; throws otherwise
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const args = argsFromNpm(process.argv.slice(2), process.env);
try {
  buildIfNeeded(root);
} catch (error) {
  console.error(`guichet: ${error.message}`);
  process.exit(1);
}

const electron = process.env.GUICHET_FORCE_HOST ? null : electronBinary();
const child = electron
  ? spawn(electron, [root, ...args], { stdio: 'inherit' })
  : spawn(process.execPath, [...HOST_NODE_FLAGS, join(root, 'out', 'main', 'host.js'), ...args], { stdio: 'inherit', env: hostEnv(process.env) });

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 0 : 1)));
