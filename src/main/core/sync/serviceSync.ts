import type { ImapFlow } from 'imapflow';
import { DEFAULT_BACKOFF, FRESH_BACKOFF, backoffConnected, backoffDelay, backoffFailed, type BackoffState } from './backoff';
import { fetchOneBody, windowUids } from './bodies';
import { CommandLane } from './commandLane';
import { bodyWindowStart, isAuthFailure, serverReasonOf, type ConnectionFeatures, type ServerFolderStatus } from './decisions';
import { ExpungeLedger, serverStatusOf, syncFolder, type FolderPass } from './folderSync';
import { resolveFolderPaths } from './folders';
import { imapClient } from './imapClients';
import { SessionBodies } from './sessionBodies';
import type { ServiceSync, ServiceSyncOptions, ServiceSyncState, SyncTimers } from './serviceSyncApi';
import type { SyncFolder } from './syncTarget';

export type { ImapEndpoint, ServiceSync, ServiceSyncOptions, ServiceSyncState, SyncStatus, SyncTimers } from './serviceSyncApi';

// One service mailbox kept in sync: an IDLE connection on INBOX that only listens, and a command
// connection that does every fetch (imapClients.ts). Each session makes new clients: its life is
// open -> first passes -> polls and IDLE-driven resyncs, until lost (backoff, then a new session).

const FOLDERS: SyncFolder[] = ['inbox', 'sent', 'archive'];

/** Full passes fetch the sources of the window's messages up to this size with their metadata. */
const INLINE_BODY_MAX_BYTES = 256 * 1024;

interface Session {
  id: number;
  cmd: ImapFlow;
  idle: ImapFlow | null;
  lane: CommandLane;
  ledger: ExpungeLedger;
  features: ConnectionFeatures;
  paths: Record<SyncFolder, string | null>;
  ready: boolean;
  bodies: SessionBodies;
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
    return imapClient(imap, options.extensions, kind, ledger);
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
    const lane = new CommandLane();
    const s: Session = {
      id, cmd, idle: null, lane, ledger, ready: false,
      features: { condstore: false, qresync: false }, paths: { inbox: 'INBOX', sent: null, archive: null },
      bodies: new SessionBodies({
        client: cmd, lane, target, pathOf: (folder) => s.paths[folder],
        onCount: countBodies,
        onFailed: (what, error) => jobFailed(s, what, error),
      }),
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
    if (id !== sessionSeq) { teardown(s, new Error('superseded')); return; }
    s.ready = true;
    backoff = backoffConnected(backoff, now().getTime());

    // The IDLE connection logs in while the command connection syncs (a login costs round trips).
    const idle = clientFor('idle', null);
    s.idle = idle;
    idle.on('error', (e: unknown) => onLost(e));
    idle.on('close', () => onLost());
    for (const event of ['exists', 'flags', 'expunge'] as const) idle.on(event, () => requestResync(s, 'inbox'));
    const listening = idle.connect().then(() => idle.mailboxOpen(s.paths.inbox ?? 'INBOX', { readOnly: true }));
    setState({ status: 'syncing', progress: { done: 0, total: 0 }, since: null, reason: null });
    const [idleBox] = await Promise.all([listening, ...FOLDERS.map((f) => requestResync(s, f, true))]);
    if (id !== sessionSeq) return;
    // Mail that landed between the first pass's EXAMINE and the IDLE one raises no IDLE event.
    if (await inboxMovedBefore(serverStatusOf(idleBox))) await requestResync(s, 'inbox');
    if (id !== sessionSeq) return;
    setState({ status: 'connected', progress: null });
    schedulePoll(s);
  }

  /** Whether INBOX as the IDLE connection opened it is newer than what the first pass saw. */
  async function inboxMovedBefore(idleSaw: ServerFolderStatus): Promise<boolean> {
    const synced = await target.loadFolderState('inbox');
    if (synced === null || synced.highestModseq === null || idleSaw.highestModseq === null || synced.uidValidity !== idleSaw.uidValidity) return true;
    return idleSaw.uidNext > synced.uidNext || BigInt(idleSaw.highestModseq) > BigInt(synced.highestModseq);
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
    const windowStart = bodyWindowStart(now(), windowDays);
    const since = windowStart.toISOString();
    const newBodies: number[] = [];
    /** Body-window messages this pass reported as changed (a full pass reports each one so). */
    const seenInWindow: number[] = [];
    let pass: FolderPass;
    try {
      pass = await syncFolder({
        client: s.cmd, folder, path, target, features: s.features, ledger: s.ledger, now, batchSize,
        inlineBodies: { since: windowStart, maxBytes: INLINE_BODY_MAX_BYTES, store: (rows) => s.bodies.storeInline(folder, rows) },
        onChange: (change) => {
          for (const m of change.added) if (m.internalDate >= since) newBodies.push(m.uid);
          for (const m of change.changed) if (m.internalDate >= since) seenInWindow.push(m.uid);
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
    const { plan } = pass;
    if (plan !== 'unchanged') log(`sync ${options.serviceId}: ${folder} ${plan}`);
    // A session's first pass also picks up bodies an earlier session left unfetched (cut short).
    // A pass that saw every message already knows the window's UIDs: no SEARCH for them.
    if (firstPass || plan === 'initial' || plan === 'rebuild') {
      const window = pass.sawEveryMessage ? [...seenInWindow, ...newBodies].sort((a, b) => b - a) : await windowUids(s.cmd, path, windowStart);
      s.bodies.prefetch(folder, window);
    } else if (newBodies.length > 0) void s.bodies.storeUids(folder, newBodies);
  }

  function countBodies(done: number, total: number): void {
    const b = current.bodies ?? { done: 0, total: 0 };
    setState({ bodies: { done: b.done + done, total: b.total + total } });
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
        while (s.bodies.busy) {
          await s.bodies.settled();
          await s.lane.whenIdle();
        }
        if (session === s && s.ready && current.status === 'connected' && s.lane.pending() === 0 && !s.bodies.busy) return;
      }
    },
  };
}
