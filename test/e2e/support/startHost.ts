import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningGuichet {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  output: () => string;
  /** Ctrl-C, as a user would; resolves with the exit code. The data folder is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<number | null>;
}

const URL_LINE = /Guichet is running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+))/;

/**
 * Runs `npm start --no-open` the way a user does (through scripts/start.mjs), forcing the loopback host;
 * in a new data folder, or in `dataDir` (a restart of a desktop stopped with keepData).
 */
export async function startGuichet(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}, dataDir: string = mkdtempSync(join(tmpdir(), 'gx-data-'))): Promise<RunningGuichet> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', '--no-open', '--data-dir', dataDir, ...extraArgs], {
    cwd: process.cwd(),
    env: { ...process.env, GUICHET_FORCE_HOST: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Guichet did not print its URL in 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const m = output.match(URL_LINE);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`Guichet exited with ${code} before printing its URL:\n${output}`));
    });
  });
  const port = Number(match[2]);
  return {
    url: match[1] ?? '',
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[3] ?? '',
    dataDir,
    output: () => output,
    async stop(options = {}) {
      child.kill('SIGINT');
      const code = await exited;
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Calls one contract method the way the UI does (WebSocket, token, same Origin); for test set-up. */
export async function callContract(guichet: RunningGuichet, method: string, input: unknown): Promise<unknown> {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(`ws://127.0.0.1:${guichet.port}/api?token=${guichet.token}`, { headers: { Origin: guichet.origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    return await new Promise((resolve, reject) => {
      ws.on('message', (raw: Buffer) => {
        const frame = JSON.parse(raw.toString()) as { type: string; id: number; result: { ok: boolean; value?: unknown; error?: { message: string } } };
        if (frame.type !== 'result' || frame.id !== 1) return;
        if (frame.result.ok) resolve(frame.result.value);
        else reject(new Error(frame.result.error?.message ?? 'call failed'));
      });
      ws.send(JSON.stringify({ id: 1, method, input }));
    });
  } finally {
    ws.close();
  }
}
