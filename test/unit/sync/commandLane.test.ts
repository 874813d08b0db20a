import { describe, expect, it } from 'vitest';
import { CommandLane } from '../../../src/main/core/sync/commandLane';

describe('CommandLane', () => {
  it('runs one job at a time, on-demand first, and coalesces queued jobs with the same key', async () => {
    const lane = new CommandLane();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const first = lane.enqueue('background', async () => { order.push('bg1'); await gate; });
    const bg2 = lane.enqueue('background', async () => { order.push('bg2'); });
    const s1 = lane.enqueue('soon', async () => { order.push('sync'); return 1; }, 'sync:inbox');
    const s2 = lane.enqueue('soon', async () => { order.push('sync-dup'); return 2; }, 'sync:inbox');
    const now = lane.enqueue('now', async () => { order.push('body'); });
    release();
    await Promise.all([first, bg2, s1, s2, now]);
    expect(await s2).toBe(1);
    expect(order).toEqual(['bg1', 'body', 'sync', 'bg2']);
    await lane.whenIdle();
  });

  it('close rejects what is queued and refuses new work', async () => {
    const lane = new CommandLane();
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const running = lane.enqueue('soon', () => gate);
    const queued = lane.enqueue('soon', async () => 'never');
    lane.close(new Error('offline'));
    await expect(queued).rejects.toThrow('offline');
    await expect(lane.enqueue('now', async () => 1)).rejects.toThrow('offline');
    release();
    await expect(running).resolves.toBeUndefined();
  });
});
