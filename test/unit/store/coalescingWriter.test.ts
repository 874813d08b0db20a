import { describe, expect, it } from 'vitest';
import { CoalescingWriter } from '../../../src/main/core/store/coalescingWriter';

/** A write whose completion the test controls. */
function controllableWrites() {
  const started: Array<() => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const writeNow = () =>
    new Promise<void>((resolve) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      started.push(() => {
        inFlight -= 1;
        resolve();
      });
    });
  return { writeNow, started, maxInFlight: () => maxInFlight };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('CoalescingWriter', () => {
  it('merges a burst into one write and resolves only when that write completes', async () => {
    const writes = controllableWrites();
    const writer = new CoalescingWriter(writes.writeNow, 1);
    let resolved = 0;
    const burst = Array.from({ length: 10 }, () => writer.request().then(() => (resolved += 1)));
    await until(() => writes.started.length === 1);
    expect(resolved).toBe(0);
    writes.started[0]?.();
    await Promise.all(burst);
    expect(resolved).toBe(10);
    expect(writes.started.length).toBe(1);
  });

  it('keeps one write in flight and queues later requests into exactly one more', async () => {
    const writes = controllableWrites();
    const writer = new CoalescingWriter(writes.writeNow, 1);
    const first = writer.request();
    await until(() => writes.started.length === 1);
    const later = Array.from({ length: 5 }, () => writer.request());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes.started.length).toBe(1);
    writes.started[0]?.();
    await first;
    await until(() => writes.started.length === 2);
    writes.started[1]?.();
    await Promise.all(later);
    expect(writes.started.length).toBe(2);
    expect(writes.maxInFlight()).toBe(1);
  });

  it('flush starts the pending write at once and rejects when the write fails', async () => {
    let calls = 0;
    const writer = new CoalescingWriter(async () => {
      calls += 1;
      if (calls === 2) throw new Error('EIO');
    }, 60_000);
    const first = writer.request();
    await writer.flush();
    await first;
    expect(calls).toBe(1);
    const second = writer.request();
    await expect(writer.flush()).rejects.toThrow('EIO');
    await expect(second).rejects.toThrow('EIO');
    await writer.flush();
  });
});
