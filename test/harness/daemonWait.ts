import { readFileSync } from 'node:fs';
import { access, utimes } from 'node:fs/promises';
import { connect } from 'node:net';

// Small waits and checks the mail harness uses while its daemons start and stop.

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, logHint: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`mail harness: timed out waiting for ${what}\n${logHint()}`);
    await sleep(10);
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

export const exists = (p: string) => access(p).then(() => true, () => false);

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/** Postfix re-reads files younger than ~2 s after a wait: make every file we write look old. */
export async function backdate(file: string): Promise<void> {
  const t = new Date(Date.now() - 60_000);
  await utimes(file, t, t);
}
