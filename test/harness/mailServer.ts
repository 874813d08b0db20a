// A throwaway Dovecot (IMAP + LMTP) and Postfix (SMTP -> LMTP, SASL via Dovecot) on loopback ports,
// living entirely in one short temporary directory (instanceDir.ts). See test/harness/README.md and
// ../shared/docs/MACHINE-NOTES.md ("A real mail stack for tests") for the reasons behind each step.
import { existsSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, chmod, chown, writeFile, appendFile, readFile, rename, rm } from 'node:fs/promises';
import { join, basename } from 'node:path';
import {
  paths, dovecotConf, dovecotAuthConf, postfixMainCf, postfixMasterCf, homeOf,
  MAIL_UID, MAIL_GID, type InstanceLayout,
} from './configTemplates';
import { freePorts, canBind } from './ports';
import { generateCerts } from './certs';
import { readPidFile, readPidSync, terminateDaemon, killDaemonSync, isAlive, runToFile, cmdline, pidBelongsTo, descendants } from './procs';
import { seedMaildir, type SeedMessage } from './maildirSeed';
import { backdate, exists, portOpen, tail, waitFor } from './daemonWait';
import { MARKER, prepareDir, sweepStaleInstances, writeUserFile } from './instanceDir';

export type { SeedMessage } from './maildirSeed';

export interface MailUser { address: string; user: string; password: string }

/** The serializable part of a server: what globalSetup hands to tests through inject('mailServer'). */
export interface MailServerInfo {
  dir: string;
  host: '127.0.0.1';
  imapPort: number;
  imapsPort: number | null;
  smtpPort: number;
  ca: string | null;
  users: Record<string, MailUser>;
}

export interface MailServer extends MailServerInfo {
  addUser(name: string, address: string, password?: string): Promise<MailUser>;
  stopDovecot(): Promise<void>;
  startDovecot(): Promise<void>;
  stopPostfix(): Promise<void>;
  startPostfix(): Promise<void>;
  seedMaildir(userName: string, folder: string, messages: Array<Buffer | SeedMessage>): Promise<void>;
  stop(): Promise<void>;
  /** Pids of this instance's live daemon processes (masters and children). */
  processes(): number[];
  /** The serializable description (for vitest's provide / inject). */
  info(): MailServerInfo;
}

export interface StartOptions {
  tls?: boolean;
  users?: Record<string, { address: string; password?: string }>;
}

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const POSTFIX_MASTER_BIN = '/usr/lib/postfix/sbin/master';
export const APT_HINT =
  "sudo apt-get update && echo 'postfix postfix/main_mailer_type select No configuration' | sudo debconf-set-selections && " +
  'sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends dovecot-imapd dovecot-lmtpd postfix';

export const DEFAULT_USERS: Record<string, string> = {
  technical: 'servicetechnique@guichet.test',
  consumer: 'serviceconso@guichet.test',
  customer1: 'customer1@client.test',
  customer2: 'customer2@client.test',
  customer3: 'customer3@client.test',
  customer4: 'customer4@client.test',
};
const BASE_DOMAINS = ['guichet.test', 'client.test'];

/** Throws a clear error when the Debian packages are missing. */
export function checkMailBinaries(): void {
  const missing = [DOVECOT_BIN, POSTFIX_MASTER_BIN, '/usr/lib/dovecot/lmtp', '/usr/bin/openssl'].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`mail harness: missing ${missing.join(', ')}. Install the mail stack with:\n  ${APT_HINT}`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('mail harness: must run as root (Postfix master and Dovecot need it to switch users).');
  }
}

/**
 * The running master started with exactly `dovecot -c conf`, if any. A previous master that
 * was still shutting down when we restarted can delete the new one's pid file on its way out;
 * this finds the new master anyway and writes its pid file back.
 */
function recoverDovecotPid(conf: string, pidFile: string): number | null {
  const wanted = `${DOVECOT_BIN}\0-c\0${conf}\0`;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8') === wanted && isAlive(pid)) {
        writeFileSync(pidFile, `${pid}\n`);
        return pid;
      }
    } catch {}
  }
  return null;
}

class PortInUseError extends Error {}

/** Instances this process started and has not stopped: killed synchronously if it exits first. */
const liveServers = new Set<{ killSync(): void }>();
process.on('exit', () => {
  for (const s of liveServers) s.killSync();
});

class HarnessMailServer implements MailServer {
  readonly host = '127.0.0.1' as const;
  readonly dir: string;
  imapPort: number;
  imapsPort: number | null;
  smtpPort: number;
  ca: string | null;
  users: Record<string, MailUser>;
  private readonly owned: boolean;
  private stopped = false;
  private readonly p: ReturnType<typeof paths>;

  constructor(info: MailServerInfo, owned: boolean) {
    this.dir = info.dir;
    this.imapPort = info.imapPort;
    this.imapsPort = info.imapsPort;
    this.smtpPort = info.smtpPort;
    this.ca = info.ca;
    this.users = { ...info.users };
    this.owned = owned;
    this.p = paths(info.dir);
    if (owned) liveServers.add(this);
  }

  info(): MailServerInfo {
    return {
      dir: this.dir, host: this.host, imapPort: this.imapPort, imapsPort: this.imapsPort, smtpPort: this.smtpPort,
      ca: this.ca, users: { ...this.users },
    };
  }

  private layout(): InstanceLayout {
    return {
      dir: this.dir,
      name: basename(this.dir),
      imapPort: this.imapPort,
      imapsPort: this.imapsPort,
      smtpPort: this.smtpPort,
      tls: this.ca ? { certFile: join(this.p.tls, 'server.crt'), keyFile: join(this.p.tls, 'server.key') } : null,
    };
  }

  private async domains(): Promise<string[]> {
    const set = new Set(BASE_DOMAINS);
    try {
      for (const line of (await readFile(this.p.vmailbox, 'utf8')).split('\n')) {
        const addr = line.split(/\s+/)[0] ?? '';
        const at = addr.lastIndexOf('@');
        if (at > 0) set.add(addr.slice(at + 1).toLowerCase());
      }
    } catch {}
    return [...set].sort();
  }

  /** (Re)writes dovecot.conf, main.cf and master.cf from the current ports. */
  async writeConfigs(): Promise<void> {
    const l = this.layout();
    await writeFile(this.p.dovecotConf, dovecotConf(l));
    await writeFile(this.p.authConf, dovecotAuthConf(l));
    const mainCf = join(this.p.postfixEtc, 'main.cf');
    const masterCf = join(this.p.postfixEtc, 'master.cf');
    await writeFile(mainCf, postfixMainCf(l, await this.domains()));
    await writeFile(masterCf, postfixMasterCf(l));
    for (const f of [mainCf, masterCf, this.p.vmailbox]) await backdate(f);
  }

  async createHome(login: string): Promise<void> {
    const home = homeOf(this.dir, login);
    const domainDir = join(home, '..');
    await mkdir(domainDir, { recursive: true });
    await chmod(domainDir, 0o755);
    for (const d of [home, join(home, 'Maildir'), join(home, 'Maildir', 'cur'), join(home, 'Maildir', 'new'), join(home, 'Maildir', 'tmp')]) {
      await mkdir(d, { recursive: true, mode: 0o700 });
      await chown(d, MAIL_UID, MAIL_GID);
    }
  }

  async addUser(name: string, address: string, password?: string): Promise<MailUser> {
    const existing = this.users[name];
    if (existing) {
      if (existing.address === address) return existing;
      throw new Error(`mail harness: user ${name} already exists as ${existing.address}`);
    }
    if (!/^[^\s@:]+@[^\s@:]+$/.test(address)) throw new Error(`mail harness: bad address ${address}`);
    const user: MailUser = { address, user: address.toLowerCase(), password: password ?? `secret-${name}` };
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    const newDomain = !(await this.domains()).includes(domain);
    await this.createHome(user.user);
    await writeUserFile(this.dir, user);
    // O_APPEND write of one short line: safe even when several test workers add users at once.
    await appendFile(this.p.vmailbox, `${address} ok\n`);
    await backdate(this.p.vmailbox);
    if (newDomain) {
      const mainCf = join(this.p.postfixEtc, 'main.cf');
      const tmp = `${mainCf}.${process.pid}.tmp`;
      await writeFile(tmp, postfixMainCf(this.layout(), await this.domains()));
      await backdate(tmp);
      await rename(tmp, mainCf); // Postfix never reads a half-written main.cf
    }
    this.users[name] = user;
    await this.reloadPostfix();
    return user;
  }

  private async reloadPostfix(): Promise<void> {
    const pid = await this.ownPid(this.p.postfixPid);
    if (pid === null) return; // read at next start
    const countReloads = async () => ((await readFile(this.p.postfixLog, 'utf8').catch(() => '')).match(/: reload -- /g) ?? []).length;
    const before = await countReloads();
    process.kill(pid, 'SIGHUP');
    await waitFor('postfix reload', async () => (await countReloads()) > before, 10_000, () => tail(this.p.postfixLog));
  }

  /** The pid in a pid file, if that process is alive and really one of ours. */
  private async ownPid(pidFile: string): Promise<number | null> {
    const pid = await readPidFile(pidFile);
    return pid !== null && pidBelongsTo(pid, this.dir) ? pid : null;
  }

  processes(): number[] {
    const out: number[] = [];
    for (const file of [this.p.dovecotPid, this.p.authPid, this.p.postfixPid]) {
      const pid = readPidSync(file);
      if (pid !== null && pidBelongsTo(pid, this.dir)) out.push(pid, ...descendants(pid));
    }
    return [...new Set(out)];
  }

  /** Runs `dovecot -c conf` (it forks and returns once its listeners are bound) and waits for readiness. */
  private async runDovecot(conf: string, pidFile: string, log: string, ready: Array<() => Promise<boolean>>): Promise<void> {
    await rm(pidFile, { force: true });
    const res = await runToFile(DOVECOT_BIN, ['-c', conf], this.p.daemonOutput);
    if (res.code !== 0) {
      const msg = `${res.output}\n${tail(log)}`;
      if (/in use/i.test(msg)) throw new PortInUseError(`mail harness: Dovecot port in use\n${msg}`);
      throw new Error(`mail harness: dovecot -c ${conf} exited ${res.code}\n${msg}`);
    }
    const hint = () => tail(log) + '\n' + tail(this.p.daemonOutput);
    await waitFor(`${pidFile}`, async () => (await this.ownPid(pidFile)) !== null || recoverDovecotPid(conf, pidFile) !== null, 10_000, hint);
    for (const check of ready) await waitFor(`Dovecot (${conf}) to be ready`, check, 10_000, hint);
  }

  /** Starts the auth-only Dovecot that answers Postfix's SASL queries. */
  async startAuth(): Promise<void> {
    if ((await this.ownPid(this.p.authPid)) !== null) return;
    await this.runDovecot(this.p.authConf, this.p.authPid, this.p.authLog, [() => exists(this.p.authSocket)]);
  }

  async stopAuth(): Promise<void> {
    await this.stopDovecotAt(this.p.authPid);
  }

  async startDovecot(): Promise<void> {
    if ((await this.ownPid(this.p.dovecotPid)) !== null) return;
    await this.runDovecot(this.p.dovecotConf, this.p.dovecotPid, this.p.dovecotLog, [
      () => exists(this.p.lmtpSocket),
      () => portOpen(this.imapPort),
      ...(this.imapsPort !== null ? [() => portOpen(this.imapsPort as number)] : []),
    ]);
    // Mail deferred while Dovecot was away: ask Postfix to retry now.
    if ((await this.ownPid(this.p.postfixPid)) !== null) {
      await runToFile('/usr/sbin/postqueue', ['-c', this.p.postfixEtc, '-f'], this.p.daemonOutput);
    }
  }

  private async stopDovecotAt(pidFile: string): Promise<void> {
    const pid = await this.ownPid(pidFile);
    if (pid !== null) {
      // Dovecot's master and log process wait about 1 s after the real work has stopped.
      await terminateDaemon(pid, { graceMs: 3000, killWhenOnly: (p) => cmdline(p).endsWith('/log') });
    }
    await rm(pidFile, { force: true });
  }

  async stopDovecot(): Promise<void> {
    await this.stopDovecotAt(this.p.dovecotPid);
  }

  async startPostfix(): Promise<void> {
    if ((await this.ownPid(this.p.postfixPid)) !== null) return;
    // Postfix complains about group/other-writable or fresh files; re-backdate in case someone edited.
    for (const f of ['main.cf', 'master.cf']) await backdate(join(this.p.postfixEtc, f));
    const res = await runToFile(POSTFIX_MASTER_BIN, ['-c', this.p.postfixEtc, '-w'], this.p.daemonOutput,
      { ...process.env, MAIL_CONFIG: this.p.postfixEtc });
    if (res.code !== 0) {
      const msg = `${res.output}\n${tail(this.p.postfixLog)}`;
      // The master's own complaint is often lost (its log daemon is not up yet): check the port.
      if (/in use/i.test(msg) || !(await canBind(this.smtpPort))) {
        throw new PortInUseError(`mail harness: Postfix SMTP port ${this.smtpPort} in use\n${msg}`);
      }
      throw new Error(`mail harness: postfix master -c ${this.p.postfixEtc} -w exited ${res.code}\n${msg}\n` +
        `Debug by hand: script -qc "postfix -c ${this.p.postfixEtc} check" /dev/null`);
    }
    const hint = () => tail(this.p.postfixLog) + '\n' + tail(this.p.daemonOutput);
    await waitFor('Postfix master.pid', async () => (await this.ownPid(this.p.postfixPid)) !== null, 10_000, hint);
    await waitFor('Postfix SMTP port', () => portOpen(this.smtpPort), 10_000, hint);
  }

  async stopPostfix(): Promise<void> {
    const pid = await this.ownPid(this.p.postfixPid);
    // Postfix's queue is crash-safe; a master that has only just started can sit on SIGTERM ~1 s.
    if (pid !== null) await terminateDaemon(pid, { graceMs: 1500 });
  }

  async stop(): Promise<void> {
    if (!this.owned) throw new Error('mail harness: this server is shared (globalSetup stops it); start your own with startMailServer()');
    if (this.stopped) return;
    this.stopped = true;
    // A master whose pid file went missing is still found by its command line, so none is left behind.
    if ((await this.ownPid(this.p.dovecotPid)) === null) recoverDovecotPid(this.p.dovecotConf, this.p.dovecotPid);
    if ((await this.ownPid(this.p.authPid)) === null) recoverDovecotPid(this.p.authConf, this.p.authPid);
    await this.stopPostfix();
    await Promise.all([this.stopDovecot(), this.stopAuth()]);
    await rm(this.dir, { recursive: true, force: true });
    liveServers.delete(this);
  }

  /** Last resort from process.on('exit'): synchronous SIGKILL of our daemons, remove the dir. */
  killSync(): void {
    if (this.stopped) return;
    for (const file of [this.p.postfixPid, this.p.dovecotPid, this.p.authPid]) {
      const pid = readPidSync(file);
      if (pid !== null && pidBelongsTo(pid, this.dir)) killDaemonSync(pid);
    }
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {}
  }

  private resolveUser(userName: string): MailUser {
    const u = this.users[userName] ?? Object.values(this.users).find((x) => x.user === userName || x.address === userName);
    if (u) return u;
    if (userName.includes('@')) return { address: userName, user: userName, password: '' };
    throw new Error(`mail harness: unknown user ${userName} (known: ${Object.keys(this.users).join(', ')})`);
  }

  async seedMaildir(userName: string, folder: string, messages: Array<Buffer | SeedMessage>): Promise<void> {
    await seedMaildir(join(homeOf(this.dir, this.resolveUser(userName).user), 'Maildir'), folder, messages);
  }
}

export async function startMailServer(opts: StartOptions = {}): Promise<MailServer> {
  checkMailBinaries();
  sweepStaleInstances();
  const wanted: Record<string, { address: string; password?: string }> = {};
  for (const [name, address] of Object.entries(DEFAULT_USERS)) wanted[name] = { address };
  Object.assign(wanted, opts.users ?? {});

  const dir = await prepareDir();
  const p = paths(dir);
  let ca: string | null = null;
  if (opts.tls) ca = (await generateCerts(p.tls)).caPem;

  const users: Record<string, MailUser> = {};
  let vmailbox = '';
  for (const [name, u] of Object.entries(wanted)) {
    const user: MailUser = { address: u.address, user: u.address.toLowerCase(), password: u.password ?? `secret-${name}` };
    users[name] = user;
    await writeUserFile(dir, user);
    vmailbox += `${user.address} ok\n`;
  }
  await writeFile(p.vmailbox, vmailbox);

  for (let attempt = 1; ; attempt++) {
    const [imapPort, smtpPort, imapsPort] = await freePorts(opts.tls ? 3 : 2);
    const server = new HarnessMailServer({
      dir, host: '127.0.0.1', imapPort: imapPort as number, smtpPort: smtpPort as number,
      imapsPort: opts.tls ? (imapsPort as number) : null, ca, users,
    }, true);
    try {
      if (attempt === 1) for (const u of Object.values(users)) await server.createHome(u.user);
      await server.writeConfigs();
      await Promise.all([server.startDovecot(), server.startAuth()]);
      await server.startPostfix();
      return server;
    } catch (err) {
      await server.stopPostfix().catch(() => {});
      await server.stopDovecot().catch(() => {});
      await server.stopAuth().catch(() => {});
      liveServers.delete(server);
      if (err instanceof PortInUseError && attempt < 4) continue;
      await rm(dir, { recursive: true, force: true }).catch(() => {});
      throw err;
    }
  }
}

/**
 * A control object for an instance started elsewhere (the shared one from globalSetup): addUser and
 * seedMaildir work; stop() refuses. Users added by other workers are not listed in `users`.
 */
export function attachMailServer(info: MailServerInfo): MailServer {
  if (!existsSync(join(info.dir, MARKER))) throw new Error(`mail harness: ${info.dir} is not a running harness instance`);
  return new HarnessMailServer(info, false);
}
