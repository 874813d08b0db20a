import { describe, expect, it } from 'vitest';
import { BodyWriter, nextRunSize } from '../../../src/main/core/sync/bodies';
import type { SyncTarget } from '../../../src/main/core/sync/syncTarget';

function gatedTarget() {
  const started: number[] = [];
  const gates = new Map<number, () => void>();
  const target = {
    putBody: (_folder: string, uid: number) => new Promise<void>((resolve) => { started.push(uid); gates.set(uid, resolve); }),
  } as unknown as SyncTarget;
  return { target, started, release: (uid: number) => gates.get(uid)?.() };
}

describe('BodyWriter', () => {
  it('runs at most `concurrency` writes at once, in order, and reports the bytes not yet written', async () => {
    const { target, started, release } = gatedTarget();
    const writer = new BodyWriter(target, { concurrency: 2 });
    const writes = [1, 2, 3].map((uid) => writer.write('inbox', uid, Buffer.alloc(10)));
    expect(started).toEqual([1, 2]);
    expect(writer.pendingBytes()).toBe(30);
    let below = false;
    void writer.whenBelow(10).then(() => { below = true; });
    release(1);
    await writes[0];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 2, 3]);
    expect(writer.pendingBytes()).toBe(20);
    expect(below).toBe(false);
    release(2);
    await writes[1];
    await new Promise((r) => setImmediate(r));
    expect(below).toBe(true);
    release(3);
    await Promise.all(writes);
    expect(writer.pendingBytes()).toBe(0);
  });

  it('a failed write rejects its own promise and frees its slot', async () => {
    let calls = 0;
    const target = { putBody: async () => { calls++; if (calls === 1) throw new Error('disk full'); } } as unknown as SyncTarget;
    const writer = new BodyWriter(target, { concurrency: 1 });
    const a = writer.write('inbox', 1, Buffer.alloc(5));
    const b = writer.write('inbox', 2, Buffer.alloc(5));
    await expect(a).rejects.toThrow('disk full');
    await expect(b).resolves.toBeUndefined();
    expect(writer.pendingBytes()).toBe(0);
  });
});

describe('nextRunSize', () => {
  it('starts with `first`, then sizes runs to the byte budget from the average source, within bounds', () => {
    expect(nextRunSize(0, 0, 8e6, 50, 5000, 500)).toBe(500);
    expect(nextRunSize(4000 * 500, 500, 8e6, 50, 5000, 500)).toBe(2000);
    expect(nextRunSize(100 * 500, 500, 8e6, 50, 5000, 500)).toBe(5000);
    expect(nextRunSize(10e6 * 2, 2, 8e6, 50, 5000, 500)).toBe(50);
  });
});
