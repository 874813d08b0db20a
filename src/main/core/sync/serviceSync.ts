import { ImapFlow, type ExpungeEvent, type ImapFlowOptions } from 'imapflow';
import { DEFAULT_BACKOFF, FRESH_BACKOFF, backoffConnected, backoffDelay, backoffFailed, type BackoffState } from './backoff';
import { BodyWriter, fetchBodies, fetchOneBody, missingBodies, nextRunSize } from './bodies';
import { CommandLane } from './commandLane';
import { bodyWindowStart, isAuthFailure, serverReasonOf, type ConnectionFeatures } from './decisions';
import { ExpungeLedger, syncFolder } from './folderSync';
import { resolveFolderPaths } from './folders';
import type { ServiceSync, ServiceSyncOptions, ServiceSyncState, SyncTimers } from './serviceSyncApi';
import type { SyncFolder } from './syncTarget';

export type { ImapEndpoint, ServiceSync, ServiceSyncOptions, ServiceSyncState, SyncStatus, SyncTimers } from './serviceSyncApi';

// One service mailbox kept in sync: an IDLE connection on INBOX that only listens, and a command
// connection that does every fetch. imapflow never reconnects: each session makes new clients.

const FOLDERS: SyncFolder[] = ['inbox', 'sent', 'archive'];

// Body prefetch runs: one FETCH each, sized from the average source seen so far to carry about
// RUN_BUDGET_BYTES, so an on-demand body or a resync waits at most one run on the command lane.
const RUN_BUDGET_BYTES = 8 * 1024 * 1024;
const RUN_FIRST_UIDS = 500;
const RUN_MIN_UIDS = 50;
const RUN_MAX_UIDS = 5000;
/** putBody calls in flight at once. */
const WRITE_CONCURRENCY = 32;

interface Session {
  id: number;
  cmd: ImapFlow;
  idle: ImapFlow | null;
  lane: CommandLane;
  ledger: ExpungeLedger;
  features: ConnectionFeatures;
  paths: Record<SyncFolder, string | null>;
  ready: boolean;
  writer: BodyWriter;
  /** Body prefetch under way (between lane jobs too): whenIdle waits for these. Never reject. */
  bodyTasks: Set<Promise<void>>;
}

const realTimers: SyncTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createServiceSync(options: ServiceSyncOptions): ServiceSync {
  const now = options.clock ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const windowDays = options.bodyWindowDays ?? 90;
  // Also the command connection's keep-alive: imapflow drops a socket silent for 5 minutes.
  const pollMs = Math.min(options.pollIntervalMs ?? 60_000, 4 * 60_000);
  const batchSize = options.batchSize ?? 1000;
  const { target } = options;
  const imap = { ...options.imap };

  let current: ServiceSyncState = { status: 'offline', progress: null, since: null, reason: null, bodies: null };
  let session: Session | null = null;
  let sessionSeq = 0;
  let backoff: BackoffState = FRESH_BACKOFF;
  let reconnectTimer: unknown = null;
  let pollTimer: unknown = null;
  let started = false;
  let stopped = false;
  const stateWaiters = new Set<() => void>();

  function setState(patch: Partial<ServiceSyncState>): void {
    current = { ...current, ...patch };
    for (const w of [...stateWaiters]) w();
    options.onState?.({ ...current });
  }

  function clientFor(kind: 'command' | 'idle', ledger: ExpungeLedger | null): ImapFlow {
    const ext = options.extensions ?? {};
    const opts: ImapFlowOptions = {
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      tls: imap.ca !== undefined ? { ca: [imap.ca] } : undefined,
      qresync: ext.qresync !== false && ext.condstore !== false,
      disableAutoEnable: ext.condstore === false,
      disableAutoIdle: kind === 'command',
      autoIdleDelay: 10,
      maxIdleTime: 4 * 60_000,
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
      ...(ledger ? { expungeHandler: (e: ExpungeEvent) => ledger.record(e) } : {}),
    };
    return new ImapFlow(opts);
  }

  function teardown(s: Session, why: Error): void {
    s.ready = false;
    s.lane.close(why);
    for (const c of [s.cmd, s.idle]) {
      if (c) {
        c.removeAllListeners('exists').removeAllListeners('flags').removeAllListeners('expunge');
        c.close();
      }
    }
  }

  function clearTimer(handle: unknown): null {
    if (handle !== null) timers.clear(handle);
    return null;
  }

  /** A session ended (or never began): decide between retrying later and waiting for new credentials. */
  function lose(id: number, error: unknown): void {
    if (id !== sessionSeq || stopped) return;
    sessionSeq++;
    const s = session;
    session = null;
    pollTimer = clearTimer(pollTimer);
    const reason = serverReasonOf(error);
    if (s) teardown(s, new Error(`offline: ${reason}`));
    if (isAuthFailure(error)) {
      log(`sync ${options.serviceId}: login refused: ${reason}`);
      setState({ status: 'authFailed', progress: null, since: current.since ?? now().toISOString(), reason });
      return;
    }
    backoff = backoffFailed(policy, backoff, now().getTime());
    const delay = backoffDelay(policy, backoff, random());
    log(`sync ${options.serviceId}: offline (${reason}), retry in ${delay} ms`);
    setState({ status: 'offline', progress: null, since: current.since ?? now().toISOString(), reason });
    reconnectTimer = clearTimer(reconnectTimer);
    reconnectTimer = timers.set(() => { reconnectTimer = null; connect(); }, delay);
  }

  function connect(): void {
    if (stopped) return;
    if (current.status === 'connected') setState({ status: 'syncing', progress: null });
    const id = ++sessionSeq;
    open(id).catch((error: unknown) => lose(id, error));
  }

  async function listPaths(s: Session): Promise<void> {
    s.paths = resolveFolderPaths(await s.cmd.list());
  }

  async function open(id: number): Promise<void> {
    const ledger = new ExpungeLedger();
    const cmd = clientFor('command', ledger);
    const s: Session = {
      id, cmd, idle: null, lane: new CommandLane(), ledger, ready: false,
      writer: new BodyWriter(target, { concurrency: WRITE_CONCURRENCY }), bodyTasks: new Set(),
      features: { condstore: false, qresync: false }, paths: { inbox: 'INBOX', sent: null, archive: null },
    };
    session = s;
    // Attached before connect(): an unhandled 'error' would kill the process.
    const onLost = (error?: unknown) => { if (s.ready) lose(id, error ?? new Error('connection closed')); };
    cmd.on('error', (e: unknown) => onLost(e));
    cmd.on('close', () => onLost());
    await cmd.connect();
    if (id !== sessionSeq) { cmd.close(); return; }
    s.features = { condstore: cmd.enabled.has('CONDSTORE'), qresync: cmd.enabled.has('QRESYNC') };
    await listPaths(s);

    const idle = clientFor('idle', null);
    s.idle = idle;
    idle.on('error', (e: unknown) => onLost(e));
    idle.on('close', () => onLost());
    for (const event of ['exists', 'flags', 'expunge'] as const) idle.on(event, () => requestResync(s, 'inbox'));
    await idle.connect();
    await idle.mailboxOpen(s.paths.inbox ?? 'INBOX', { readOnly: true });
    if (id !== sessionSeq) { teardown(s, new Error('superseded')); return; }
    s.ready = true;
    backoff = backoffConnected(backoff, now().getTime());

    setState({ status: 'syncing', progress: { done: 0, total: 0 }, since: null, reason: null });
    await Promise.all(FOLDERS.map((f) => requestResync(s, f, true)));
    if (id !== sessionSeq) return;
    setState({ status: 'connected', progress: null });
    schedulePoll(s);
  }

  function schedulePoll(s: Session): void {
    pollTimer = clearTimer(pollTimer);
    pollTimer = timers.set(() => {
      pollTimer = null;
      if (s.id !== sessionSeq || !s.ready) return;
      void requestResync(s, 'sent');
      void requestResync(s, 'archive');
      schedulePoll(s);
    }, pollMs);
  }

  function jobFailed(s: Session, what: string, error: unknown): void {
    if (s.id !== sessionSeq) return;
    if (!s.cmd.usable) { lose(s.id, error); return; }
    log(`sync ${options.serviceId}: ${what} failed: ${serverReasonOf(error)}`);
  }

  /** Queues a resync of one folder (coalesced with one already waiting). Never rejects. */
  function requestResync(s: Session, folder: SyncFolder, firstPass = false): Promise<void> {
    return s.lane.enqueue('soon', () => resync(s, folder, firstPass), `sync:${folder}`)
      .catch((error: unknown) => jobFailed(s, `sync of ${folder}`, error));
  }

  async function resync(s: Session, folder: SyncFolder, firstPass: boolean): Promise<void> {
    const path = s.paths[folder];
    if (path === null) return;
    const since = bodyWindowStart(now(), windowDays).toISOString();
    const newBodies: number[] = [];
    let plan: string;
    try {
      plan = await syncFolder({
        client: s.cmd, folder, path, target, features: s.features, ledger: s.ledger, now, batchSize,
        onChange: (change) => {
          for (const m of change.added) if (m.internalDate >= since) newBodies.push(m.uid);
          options.onChange?.(change);
        },
        onProgress: ({ done, total }) => {
          if (!firstPass || current.progress === null) return;
          setState({ progress: { done: current.progress.done + done, total: current.progress.total + total } });
        },
      });
    } catch (error) {
      if ((error as { mailboxMissing?: boolean }).mailboxMissing) {
        log(`sync ${options.serviceId}: ${folder} (${path}) is gone; folders listed again`);
        await listPaths(s);
        return;
      }
      throw error;
    }
    if (plan !== 'unchanged') log(`sync ${options.serviceId}: ${folder} ${plan}`);
    // A session's first pass also picks up bodies an earlier session left unfetched (cut short).
    if (firstPass || plan === 'initial' || plan === 'rebuild') prefetch(s, folder);
    else if (newBodies.length > 0) storeBodies(s, folder, newBodies);
  }

  function track(s: Session, task: Promise<void>): Promise<void> {
    s.bodyTasks.add(task);
    void task.finally(() => s.bodyTasks.delete(task));
    return task;
  }

  function countBodies(done: number, total: number): void {
    const b = current.bodies ?? { done: 0, total: 0 };
    setState({ bodies: { done: b.done + done, total: b.total + total } });
  }

  /**
   * Fetches and stores `uids` (newest first) as a series of background runs on the command lane.
   * Each run is one FETCH whose sources go to the session's writer as they arrive; the lane is
   * free again as soon as the run is received, and the next run starts once the writer's backlog
   * is under one run's budget (memory stays bounded, the disk and the network overlap).
   */
  function storeBodies(s: Session, folder: SyncFolder, uids: number[]): Promise<void> {
    countBodies(0, uids.length);
    const task = (async () => {
      let rest = uids;
      let seenBytes = 0;
      let seenCount = 0;
      let failed: { reason: unknown } | null = null;
      const stored: Array<Promise<void>> = [];
      while (rest.length > 0 && failed === null) {
        await s.writer.whenBelow(RUN_BUDGET_BYTES);
        const size = nextRunSize(seenBytes, seenCount, RUN_BUDGET_BYTES, RUN_MIN_UIDS, RUN_MAX_UIDS, RUN_FIRST_UIDS);
        const part = rest.slice(0, size);
        rest = rest.slice(size);
        const run = await s.lane.enqueue('background', async () => {
          const path = s.paths[folder];
          return path === null ? null : fetchBodies(s.cmd, path, folder, s.writer, part);
        });
        if (run === null) break;
        seenBytes += run.bytes;
        seenCount += run.count;
        stored.push(Promise.allSettled(run.writes).then((results) => {
          const bad = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (bad && failed === null) failed = { reason: bad.reason };
          countBodies(part.length, 0);
        }));
      }
      await Promise.all(stored);
      if (failed !== null) throw (failed as { reason: unknown }).reason;
    })();
    return track(s, task.catch((error: unknown) => jobFailed(s, `bodies of ${folder}`, error)));
  }

  /** Bodies of the window that the target lacks, newest first. */
  function prefetch(s: Session, folder: SyncFolder): void {
    track(s, s.lane.enqueue('background', async () => {
      const path = s.paths[folder];
      return path === null ? [] : missingBodies(s.cmd, path, folder, target, bodyWindowStart(now(), windowDays));
    }, `prefetch:${folder}`).then((uids) => storeBodies(s, folder, uids), (error: unknown) => jobFailed(s, `prefetch of ${folder}`, error)));
  }

  /** Resolves when `test` holds, or when the engine is stopped. */
  function waitForState(test: (s: ServiceSyncState) => boolean): Promise<void> {
    if (stopped || test(current)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => { if (stopped || test(current)) { stateWaiters.delete(check); resolve(); } };
      stateWaiters.add(check);
    });
  }

  return {
    start() {
      if (started) return;
      started = true;
      setState({ status: 'syncing', progress: null });
      connect();
    },
    async stop() {
      stopped = true;
      reconnectTimer = clearTimer(reconnectTimer);
      pollTimer = clearTimer(pollTimer);
      sessionSeq++;
      const s = session;
      session = null;
      if (s) teardown(s, new Error('sync stopped'));
      setState({ status: 'offline', progress: null, since: current.since ?? now().toISOString(), reason: 'stopped' });
    },
    fetchBody(folder, uid) {
      const s = session;
      if (s === null || !s.ready) return Promise.reject(new Error(`${options.serviceId} is offline: the message cannot be downloaded now`));
      return s.lane.enqueue('now', async () => {
        const path = s.paths[folder];
        if (path === null) throw new Error(`${options.serviceId} has no ${folder} folder`);
        const raw = await fetchOneBody(s.cmd, path, uid);
        if (raw === null) throw new Error(`message ${uid} is no longer in ${folder}`);
        await target.putBody(folder, uid, raw);
        return raw;
      });
    },
    state: () => ({ ...current }),
    updateCredentials(credentials) {
      if (credentials.user !== undefined) imap.user = credentials.user;
      imap.password = credentials.password;
      if (!started || stopped) return;
      reconnectTimer = clearTimer(reconnectTimer);
      pollTimer = clearTimer(pollTimer);
      const s = session;
      sessionSeq++;
      session = null;
      if (s) teardown(s, new Error('credentials changed'));
      backoff = FRESH_BACKOFF;
      connect();
    },
    async syncNow() {
      const s = session;
      if (s === null || !s.ready) throw new Error(`${options.serviceId} is offline`);
      await s.lane.enqueue('soon', () => listPaths(s), 'list').catch((error: unknown) => jobFailed(s, 'folder list', error));
      await Promise.all(FOLDERS.map((f) => requestResync(s, f)));
    },
    async whenIdle() {
      for (;;) {
        await waitForState((st) => st.status === 'connected' && session !== null && session.ready);
        const s = session;
        if (stopped || s === null) throw new Error(`sync of ${options.serviceId} stopped`);
        await s.lane.whenIdle();
        while (s.bodyTasks.size > 0) {
          await Promise.all([...s.bodyTasks]);
          await s.lane.whenIdle();
        }
        if (session === s && s.ready && current.status === 'connected' && s.lane.pending() === 0 && s.bodyTasks.size === 0) return;
      }
    },
  };
}
