// Process helpers for the mail-server harness: read pid files, find every process of one daemon's
// session through /proc, and wait until they are really gone (a zombie counts as gone: PID 1 here
// reaps only every second or two, so `kill -0` alone lies).
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  sid: number;
}

/** Parses /proc/PID/stat; null when the process does not exist. */
export function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp session ..." — comm may contain spaces and parentheses.
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  return { pid, state: rest[0] ?? '?', ppid: Number(rest[1]), sid: Number(rest[3]) };
}

/** Alive means present in /proc and not a zombie (Z) or dead (X). */
export function isAlive(pid: number): boolean {
  const st = procStat(pid);
  return st !== null && st.state !== 'Z' && st.state !== 'X';
}

export async function readPidFile(path: string): Promise<number | null> {
  try {
    const n = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(n) && n > 1 ? n : null;
  } catch {
    return null;
  }
}

/** Every live process whose session id is `sid` (a daemon master that called setsid()). */
export function sessionMembers(sid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (st && st.sid === sid && st.state !== 'Z' && st.state !== 'X') out.push(st.pid);
  }
  return out;
}

/** Live descendants of `root` (not including root). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = procStat(Number(name));
    if (!st || st.state === 'Z' || st.state === 'X') continue;
    const list = children.get(st.ppid) ?? [];
    list.push(st.pid);
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const p = todo.pop() as number;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      todo.push(c);
    }
  }
  return out;
}

/** The processes that make up one daemon: its session members plus its descendants. */
export function daemonProcesses(masterPid: number): number[] {
  const st = procStat(masterPid);
  if (!st || st.state === 'Z' || st.state === 'X') return [];
  const set = new Set<number>([masterPid, ...descendants(masterPid)]);
  // Only trust the session when the master leads it (else we would catch a shell's session).
  if (st.sid === masterPid) for (const p of sessionMembers(st.sid)) set.add(p);
  return [...set];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {}
}

/**
 * SIGTERM the master, then wait until it and every process collected from it are gone;
 * SIGKILL whatever survives `graceMs`. Returns the pids that were waited for.
 */
export async function terminateDaemon(
  masterPid: number,
  opts: { graceMs?: number; killWhenOnly?: (pid: number) => boolean } = {},
): Promise<number[]> {
  const graceMs = opts.graceMs ?? 5000;
  const pids = new Set(daemonProcesses(masterPid));
  if (pids.size === 0) return [];
  // A session id cannot be reused while any member lives, so this keeps matching the right
  // processes even after the master itself is gone.
  const leads = procStat(masterPid)?.sid === masterPid;
  signal(masterPid, 'SIGTERM');
  const started = Date.now();
  const deadline = started + graceMs;
  let killed = false;
  let lastTerm = started;
  for (;;) {
    // A master that has only just started may not handle SIGTERM yet (Postfix's and Dovecot's both
    // ignored a SIGTERM sent a few ms after start-up here): repeat it until the master is gone.
    if (!killed && Date.now() - lastTerm >= 200 && isAlive(masterPid)) {
      signal(masterPid, 'SIGTERM');
      lastTerm = Date.now();
    }
    // Children may be forked during shutdown; keep collecting from the session.
    if (leads) for (const p of sessionMembers(masterPid)) pids.add(p);
    const alive = [...pids].filter(isAlive);
    if (alive.length === 0) return [...pids];
    if (process.env['GUICHET_HARNESS_DEBUG'] && Date.now() - started > 300) {
      process.stderr.write(`[harness] still alive after ${Date.now() - started} ms: ${alive.map((p) => `${p}:${procStat(p)?.state}:${readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")[0] ?? ""}`).join(' ')}\n`);
    }
    // Once only bookkeeping processes remain (Dovecot's master and log linger ~1 s), end them now.
    const early = opts.killWhenOnly !== undefined && alive.every((p) => p === masterPid || opts.killWhenOnly?.(p));
    if (!killed && (early || Date.now() > deadline)) {
      for (const p of alive) signal(p, 'SIGKILL');
      killed = true;
    } else if (killed && Date.now() > deadline + 5000) {
      throw new Error(`mail harness: processes ${alive.join(', ')} survived SIGKILL`);
    }
    await sleep(20);
  }
}

/** Synchronous best-effort kill, for process 'exit' hooks. */
export function killDaemonSync(masterPid: number): void {
  for (const p of daemonProcesses(masterPid)) signal(p, 'SIGKILL');
}

export interface RunResult {
  code: number | null;
  output: string;
}

/**
 * Runs a command whose stdout/stderr go to a FILE, never to a pipe: daemons that fork from it
 * inherit those descriptors, and a pipe would keep the caller waiting forever.
 */
export async function runToFile(cmd: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  const fd = openSync(logFile, 'a');
  let before = 0;
  try {
    before = (await readFile(logFile)).length;
  } catch {}
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached: true, env: env ?? process.env });
      child.on('error', reject);
      child.on('exit', (c, s) => resolve(c ?? (s ? 128 : null)));
    });
    const output = (await readFile(logFile)).subarray(before).toString('utf8');
    return { code, output };
  } finally {
    closeSync(fd);
  }
}

export function readPidSync(file: string): number | null {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 1 ? n : null;
  } catch {
    return null;
  }
}

/** A pid is "ours" only when its command line names our directory (pid files can be stale). */
export function pidBelongsTo(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) && isAlive(pid);
  } catch {
    return false;
  }
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}
