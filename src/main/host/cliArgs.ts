import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export interface HostArgs {
  dataDir: string;
  port: number;
  open: boolean;
}

/** The OS's per-user application data folder for Guichet. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, os: NodeJS.Platform = platform(), home = homedir()): string {
  if (os === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Guichet');
  if (os === 'darwin') return join(home, 'Library', 'Application Support', 'Guichet');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Guichet');
}

/** Parses `--data-dir DIR`, `--port N`, `--no-open`; throws a readable error on bad input. */
export function parseHostArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HostArgs {
  const args: HostArgs = { dataDir: defaultDataDir(env), port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value.`);
      return next;
    };
    if (arg === '--data-dir') args.dataDir = value();
    else if (arg === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not "${raw}".`);
      args.port = port;
    } else if (arg === '--no-open') args.open = false;
    else if (arg !== undefined && arg.startsWith('--data-dir=')) args.dataDir = arg.slice('--data-dir='.length);
    else if (arg !== undefined && arg.startsWith('--port=')) return parseHostArgs([...argv.slice(0, i), '--port', arg.slice(7), ...argv.slice(i + 1)], env);
    else throw new Error(`Unknown option "${arg}". Options: --data-dir DIR, --port N, --no-open.`);
  }
  return args;
}
