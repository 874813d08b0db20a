import { readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { passwdFileOf, passwdLine, paths, POSTFIX_QUEUE_DIRS } from './configTemplates';
import type { MailUser } from './mailServer';
import { isAlive, killDaemonSync, pidBelongsTo, readPidSync } from './procs';

// The directory of one harness instance: where it lives (tmpfs when it has room), the tree the
// daemons need with their owners and modes, its users' passwd files, and the marker that lets a
// later run sweep an instance whose owner died without stop().

/** The file that marks a directory as a harness instance, with its owner's pid. */
export const MARKER = 'harness.json';

/**
 * Removes instances left behind by a harness process that died without stop(): only directories
 * carrying our marker, whose owner process is gone, and only pids whose command line names them.
 */
export function sweepStaleInstances(): void {
  const dirs: string[] = [];
  for (const root of new Set([harnessRoot(), '/tmp', '/dev/shm'])) {
    try {
      for (const n of readdirSync(root)) if (/^gx-[A-Za-z0-9]{6}$/.test(n)) dirs.push(join(root, n));
    } catch {}
  }
  for (const dir of dirs) {
    try {
      const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { ownerPid?: number; startedAt?: number };
      if (typeof marker.ownerPid !== 'number' || isAlive(marker.ownerPid)) continue;
      if (Date.now() - statSync(join(dir, MARKER)).mtimeMs < 5_000) continue;
      const p = paths(dir);
      for (const f of [p.postfixPid, p.dovecotPid, p.authPid]) {
        const pid = readPidSync(f);
        if (pid !== null && pidBelongsTo(pid, dir)) killDaemonSync(pid);
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
}

let dovecotGid: number | null = null;

/** users/<login>: one passwd-file line, readable by Dovecot's auth process (user dovecot). */
export async function writeUserFile(dir: string, user: MailUser): Promise<void> {
  dovecotGid ??= Number(execFileSync('getent', ['group', 'dovecot']).toString().split(':')[2]);
  const file = passwdFileOf(dir, user.user);
  const tmp = `${file}.tmp`;
  await writeFile(tmp, passwdLine(dir, user.user, user.password), { mode: 0o640 });
  await chown(tmp, 0, dovecotGid);
  await rename(tmp, file);
}

/**
 * Where instances live: tmpfs (/dev/shm) when it has room, because creating files on this
 * machine's disk costs ~0.8 ms each (10k seeded messages: 7 s on /tmp, 0.3 s on tmpfs). Override
 * with GUICHET_HARNESS_TMP. Paths stay short for the 108-byte unix-socket limit.
 */
export function harnessRoot(): string {
  const forced = process.env['GUICHET_HARNESS_TMP'];
  if (forced) return forced;
  try {
    const st = statfsSync('/dev/shm');
    if (st.bavail * st.bsize > 1024 ** 3) return '/dev/shm';
  } catch {}
  return '/tmp';
}

export async function prepareDir(): Promise<string> {
  const dir = await mkdtemp(join(harnessRoot(), 'gx-'));
  if (dir.length > 40) throw new Error(`mail harness: ${dir} is too long for unix socket paths; set GUICHET_HARNESS_TMP`);
  await chmod(dir, 0o755); // daemons running as other users must traverse it
  const p = paths(dir);
  for (const d of [p.run, p.state, p.authRun, p.authState, p.users, p.log, p.mail, p.tls, p.postfixEtc, p.postfixSpool]) {
    await mkdir(d, { recursive: true, mode: 0o755 });
    await chmod(d, 0o755);
  }
  await mkdir(p.postfixData, { mode: 0o700 });
  const postfixUid = Number(execFileSync('id', ['-u', 'postfix']).toString().trim());
  const postfixGid = Number(execFileSync('id', ['-g', 'postfix']).toString().trim());
  const postdropGid = Number(execFileSync('getent', ['group', 'postdrop']).toString().split(':')[2]);
  await chown(p.postfixData, postfixUid, postfixGid);
  for (const q of POSTFIX_QUEUE_DIRS) {
    const d = join(p.postfixSpool, q.name);
    await mkdir(d, { mode: q.mode });
    await chmod(d, q.mode);
    await chown(d, q.owner === 'root' ? 0 : postfixUid, q.group === 'postdrop' ? postdropGid : q.owner === 'root' ? 0 : postfixGid);
  }
  await writeFile(join(dir, MARKER), JSON.stringify({ ownerPid: process.pid, startedAt: Date.now() }) + '\n');
  return dir;
}
