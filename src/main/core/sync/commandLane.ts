// The command connection runs one thing at a time: on-demand bodies first, then resyncs, then
// background body prefetch. Queued jobs with the same key share one run (coalesced resyncs).

export type LanePriority = 'now' | 'soon' | 'background';

const ORDER: LanePriority[] = ['now', 'soon', 'background'];

interface Job {
  key: string | null;
  run: () => Promise<unknown>;
  promise: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class CommandLane {
  private readonly queues: Record<LanePriority, Job[]> = { now: [], soon: [], background: [] };
  private running = false;
  private closedWith: Error | null = null;
  private idleWaiters: Array<() => void> = [];

  enqueue<T>(priority: LanePriority, run: () => Promise<T>, key: string | null = null): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (key !== null) {
      const queued = this.queues[priority].find((j) => j.key === key);
      if (queued) return queued.promise as Promise<T>;
    }
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => { resolve = res; reject = rej; });
    promise.catch(() => {}); // callers that do not await still must not crash the process
    this.queues[priority].push({ key, run, promise, resolve, reject });
    void this.pump();
    return promise as Promise<T>;
  }

  /** Resolves when nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (!this.running && this.pending() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  pending(): number {
    return ORDER.reduce((n, p) => n + this.queues[p].length, 0);
  }

  /** Rejects everything queued; the running job finishes (or fails) on its own. */
  close(error: Error): void {
    this.closedWith = error;
    for (const p of ORDER) for (const job of this.queues[p].splice(0)) job.reject(error);
    this.settleIdle();
  }

  private next(): Job | undefined {
    for (const p of ORDER) {
      const job = this.queues[p].shift();
      if (job) return job;
    }
    return undefined;
  }

  private settleIdle(): void {
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.next(); job; job = this.next()) {
        try {
          job.resolve(await job.run());
        } catch (error) {
          job.reject(error);
        }
      }
    } finally {
      this.running = false;
      this.settleIdle();
    }
  }
}
