interface Waiters {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers hold their own reference; this only keeps an ignored promise from crashing the process.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Coalesces save requests for one document: requests within `delayMs` share one write, at most
 * one write is in flight, and every request resolves once a write that started after it is durable.
 */
export class CoalescingWriter {
  private readonly writeNow: () => Promise<void>;
  private readonly delayMs: number;
  private next: Waiters | null = null;
  private running: Waiters | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(writeNow: () => Promise<void>, delayMs: number) {
    this.writeNow = writeNow;
    this.delayMs = delayMs;
  }

  /** Ask for the current in-memory state to be written; resolves when it is durable. */
  request(): Promise<void> {
    if (this.next === null) {
      this.next = waiters();
      this.arm();
    }
    return this.next.promise;
  }

  /** Write what is pending now, without waiting for the debounce, and wait until all is durable. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
        this.start();
      }
      const pending = this.next?.promise ?? this.running?.promise;
      if (pending === undefined) return;
      await pending;
    }
  }

  private arm(): void {
    if (this.timer !== null || this.running !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, this.delayMs);
  }

  private start(): void {
    const batch = this.next;
    if (batch === null || this.running !== null) return;
    this.next = null;
    this.running = batch;
    this.writeNow()
      .then(batch.resolve, batch.reject)
      .finally(() => {
        this.running = null;
        if (this.next !== null) this.arm();
      });
  }
}
