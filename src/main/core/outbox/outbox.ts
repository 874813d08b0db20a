import { readFile } from 'node:fs/promises';
import { GuichetError } from '../errors';
import type { OutboxTaskRecord } from '../store';
import { backoffDelay } from '../sync/backoff';
import { classifyDeliveryError } from './deliveryError';
import { ServiceImap, type OutboxLog } from './imapSession';
import { OUTBOX_BACKOFF, type Outbox, type OutboxOptions } from './outboxApi';
import { PermanentTaskError, releaseClaim, runPipeline, type PipelineContext } from './pipeline';
import { ServiceSmtp } from './smtpSender';
import { FINAL_STATES, OutboxTask, isFinal, newTask, toView } from './taskRecord';
import { OutboxTaskSpec } from './taskSpec';

// The outbox: every action is a task, persisted before enqueue() answers, then run
// local -> remote -> complete (Mailspring's task model) with retries on transient errors.

export type { Outbox, OutboxOptions, OutboxPersistence, ServiceConnections } from './outboxApi';
export { OUTBOX_BACKOFF };

const silentLog: OutboxLog = { info: () => {}, warn: () => {} };

export function createOutbox(options: OutboxOptions): Outbox {
  const clock = options.clock;
  const log = options.log ?? silentLog;
  const undoMs = (): number => (typeof options.undoMs === 'function' ? options.undoMs() : (options.undoMs ?? 10_000));
  const policy = options.retry ?? OUTBOX_BACKOFF;
  const random = options.random ?? Math.random;
  const concurrency = options.concurrency ?? 8;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const keepFinished = options.keepFinished ?? 200;
  const tasks = new Map<string, OutboxTask>();
  const running = new Set<string>();
  const offline = new Set<string>();
  const imaps = new Map<string, ServiceImap>();
  const smtps = new Map<string, ServiceSmtp>();
  let idleWaiters: Array<() => void> = [];
  let wakeTimer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;
  let started = false;
  let stopped = false;

  const notify = (task: OutboxTask) => {
    try {
      options.onTaskChange?.(toView(task));
    } catch (error) {
      log.warn('outbox: onTaskChange threw', { error: String(error) });
    }
  };

  /** Memory first (so checks made meanwhile see it), then the disk; resolves once durable. */
  async function save(task: OutboxTask, changes: Partial<OutboxTask>): Promise<OutboxTask> {
    const next: OutboxTask = { ...(tasks.get(task.id) ?? task), ...changes };
    tasks.set(next.id, next);
    await options.store.put(JSON.parse(JSON.stringify(next)) as OutboxTaskRecord);
    notify(next);
    return next;
  }

  function note(task: OutboxTask, changes: Partial<OutboxTask>): OutboxTask {
    const next: OutboxTask = { ...(tasks.get(task.id) ?? task), ...changes };
    tasks.set(next.id, next);
    notify(next);
    return next;
  }

  function imapFor(serviceId: string): ServiceImap {
    let imap = imaps.get(serviceId);
    if (!imap) {
      imap = new ServiceImap(() => options.connections.imap(serviceId), options.connections.sentMailbox?.(serviceId) ?? null, connectTimeoutMs);
      imaps.set(serviceId, imap);
    }
    return imap;
  }

  function smtpFor(serviceId: string): ServiceSmtp {
    let smtp = smtps.get(serviceId);
    if (!smtp) {
      smtp = new ServiceSmtp(() => options.connections.smtp(serviceId), connectTimeoutMs);
      smtps.set(serviceId, smtp);
    }
    return smtp;
  }

  const context: PipelineContext = {
    imap: imapFor,
    smtp: smtpFor,
    clock,
    save,
    note,
    readRaw: options.readRawSource ?? ((path) => readFile(path)),
    acceptanceGraceMs: options.acceptanceGraceMs ?? 5_000,
    witnessPollMs: options.witnessPollMs ?? 200,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
  };

  function settleIdle(): void {
    if ([...tasks.values()].some((t) => !isFinal(t))) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function scheduleWake(at: number): void {
    if (stopped || at === Infinity) return;
    if (wakeTimer !== null && at >= wakeAt) return;
    if (wakeTimer !== null) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      wakeAt = Infinity;
      pump();
    }, Math.max(0, at - clock().getTime()));
  }

  function pump(): void {
    if (!started || stopped) return;
    const now = clock().getTime();
    let nextWake = Infinity;
    for (const task of tasks.values()) {
      if (running.size >= concurrency) break;
      if (isFinal(task) || running.has(task.id)) continue;
      const due = task.state === 'undoWindow' && task.undoUntil !== null ? Date.parse(task.undoUntil) : task.nextAttemptAt !== null ? Date.parse(task.nextAttemptAt) : now;
      if (due > now) {
        nextWake = Math.min(nextWake, due);
        continue;
      }
      if (offline.has(task.spec.serviceId)) continue;
      void run(task.id);
    }
    scheduleWake(nextWake);
    settleIdle();
  }

  async function run(id: string): Promise<void> {
    running.add(id);
    try {
      let task = tasks.get(id);
      if (!task) return;
      if (task.state === 'undoWindow') task = note(task, { state: 'queued' });
      await runPipeline(task, context);
    } catch (error) {
      await fail(id, error).catch((e: unknown) => log.warn('outbox: could not record a failure', { taskId: id, error: String(e) }));
    } finally {
      running.delete(id);
      const task = tasks.get(id);
      if (task && isFinal(task)) await pruneFinished().catch(() => {});
      pump();
    }
  }

  async function fail(id: string, error: unknown): Promise<void> {
    const task = tasks.get(id);
    if (!task || stopped) return;
    const verdict = error instanceof PermanentTaskError ? { permanent: true, message: error.message } : classifyDeliveryError(error);
    const now = clock();
    if (verdict.permanent) {
      log.warn('outbox: task failed', { taskId: id, error: verdict.message });
      const failed = await save(task, { state: 'failed', error: verdict.message, retryable: false, finishedAt: now.toISOString(), nextAttemptAt: null });
      await releaseClaim(failed, context).catch(() => {});
      return;
    }
    const attempts = task.attempts + 1;
    const delay = backoffDelay(policy, { failures: attempts, connectedAt: null }, random());
    log.info('outbox: will retry', { taskId: id, attempts, delay, error: verdict.message });
    await save(task, { attempts, error: verdict.message, retryable: true, nextAttemptAt: new Date(now.getTime() + delay).toISOString() });
  }

  async function pruneFinished(): Promise<void> {
    const finished = [...tasks.values()].filter((t) => FINAL_STATES.has(t.state));
    for (const old of finished.slice(0, Math.max(0, finished.length - keepFinished))) {
      tasks.delete(old.id);
      await options.store.remove(old.id);
    }
  }

  /** A new task becomes runnable only once it is on disk: nothing runs that a crash could forget. */
  async function admit(task: OutboxTask): Promise<OutboxTask> {
    await options.store.put(JSON.parse(JSON.stringify(task)) as OutboxTaskRecord);
    tasks.set(task.id, task);
    notify(task);
    pump();
    return task;
  }

  function mustGet(taskId: string): OutboxTask {
    const task = tasks.get(taskId);
    if (!task) throw new GuichetError('not_found', `No outbox task "${taskId}".`);
    return task;
  }

  return {
    async enqueue(input) {
      const spec = OutboxTaskSpec.parse(input);
      return toView(await admit(newTask(spec, clock(), undoMs())));
    },

    async undo(taskId) {
      const task = mustGet(taskId);
      const inWindow = task.state === 'undoWindow' && !running.has(taskId) && (task.undoUntil === null || Date.parse(task.undoUntil) > clock().getTime());
      if (!inWindow) throw new GuichetError('conflict', 'Too late to undo: this action is already on its way.');
      const cancelled = await save(task, { state: 'cancelled', finishedAt: clock().toISOString() });
      settleIdle();
      return toView(cancelled);
    },

    async retry(taskId) {
      const old = mustGet(taskId);
      if (old.state !== 'failed') throw new GuichetError('conflict', 'Only a failed action can be sent again.');
      return toView(await admit(newTask(old.spec, clock(), undoMs(), old.id)));
    },

    list() {
      return [...tasks.values()].map(toView);
    },

    async start() {
      if (started) return;
      for (const record of options.store.list()) {
        const parsed = OutboxTask.safeParse(record);
        if (!parsed.success) {
          log.warn('outbox: unreadable task left aside', { taskId: record.id });
          continue;
        }
        tasks.set(parsed.data.id, parsed.data);
      }
      started = true;
      stopped = false;
      pump();
    },

    async stop() {
      stopped = true;
      if (wakeTimer !== null) clearTimeout(wakeTimer);
      wakeTimer = null;
      while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await Promise.all([...imaps.values()].map((i) => i.close()));
      for (const s of smtps.values()) s.close();
      imaps.clear();
      smtps.clear();
      started = false;
    },

    kick(serviceId) {
      for (const task of tasks.values()) {
        if (isFinal(task) || task.nextAttemptAt === null) continue;
        if (serviceId !== undefined && task.spec.serviceId !== serviceId) continue;
        tasks.set(task.id, { ...task, nextAttemptAt: null });
      }
      pump();
    },

    setOnline(serviceId, online) {
      if (online) {
        offline.delete(serviceId);
        this.kick(serviceId);
      } else {
        offline.add(serviceId);
      }
    },

    whenIdle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}
