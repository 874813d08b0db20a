import { describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import { compacting, DEFAULT_THRESHOLDS, fullCollection, MAX_CHAIN, nextCheckInMs, noticingQueuePages, shouldSettle, startHeapSettler, type HeapReading, type HeapSettler } from '../../../src/main/host/heapSettler';

const MB = 1024 * 1024;
const quietAfterGrowth: HeapReading = { heapTotal: 300 * MB, baseline: 0, utilization: 0.01, msSinceLast: 120_000, followUp: false };

describe('shouldSettle', () => {
  it('collects once the heap has grown and the process is quiet', () => {
    expect(shouldSettle(quietAfterGrowth)).toBe(true);
  });

  it('never while the process is busy, even as a follow-up', () => {
    expect(shouldSettle({ ...quietAfterGrowth, utilization: 0.5 })).toBe(false);
    expect(shouldSettle({ ...quietAfterGrowth, utilization: DEFAULT_THRESHOLDS.quietUtilization, followUp: true })).toBe(false);
  });

  it('not for a small growth, nor twice within the minimum gap, unless following up a collection that freed a lot', () => {
    expect(shouldSettle({ ...quietAfterGrowth, baseline: 290 * MB })).toBe(false);
    expect(shouldSettle({ ...quietAfterGrowth, msSinceLast: 5_000 })).toBe(false);
    expect(shouldSettle({ ...quietAfterGrowth, baseline: 300 * MB, msSinceLast: 5_000, followUp: true })).toBe(true);
  });
});

describe('nextCheckInMs', () => {
  it('comes back soon only to follow up a collection that freed a lot, and not past the chain', () => {
    const timing = { checkEveryMs: 2_000, followUpAfterMs: 300 };
    expect(nextCheckInMs(0, timing)).toBe(2_000);
    expect(nextCheckInMs(1, timing)).toBe(300);
    expect(nextCheckInMs(MAX_CHAIN, timing)).toBe(2_000);
  });
});

describe('startHeapSettler (real V8 collections)', () => {
  it('collects after the heap grew and the loop went quiet, and gives the heap back', async () => {
    const settler = startHeapSettler({ checkEveryMs: 100, thresholds: { growthBytes: 16 * MB, quietUtilization: 0.5, minGapMs: 0 } });
    try {
      // Bulk work: objects that live long enough to reach the old generation, then are dropped.
      let kept: Array<{ id: number; text: string }> | null = [];
      for (let i = 0; i < 600_000; i++) kept.push({ id: i, text: `record ${i}` });
      await new Promise((r) => setTimeout(r, 50));
      const grown = process.memoryUsage().heapTotal;
      kept = null;
      const deadline = Date.now() + 10_000;
      while (settler.settled === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(settler.settled).toBeGreaterThan(0);
      expect(process.memoryUsage().heapTotal).toBeLessThan(grown);
    } finally {
      settler.stop();
    }
  });

  it('follows a collection that freed a lot with another, inside the minimum gap', async () => {
    const kept: Array<{ id: number; text: string }> = [];
    for (let i = 0; i < 600_000; i++) kept.push({ id: i, text: `record ${i}` });
    await new Promise((r) => setTimeout(r, 50));
    kept.length = 0; // dropped: garbage for the settler to find
    const lines: string[] = [];
    const quick = startHeapSettler({ checkEveryMs: 20, followUpAfterMs: 20, thresholds: { growthBytes: 16 * MB, quietUtilization: 1, minGapMs: 60 * 60_000 }, log: (line) => lines.push(line) });
    try {
      const deadline = Date.now() + 5_000;
      while (quick.settled < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      // The second collection is a follow-up: the minimum gap of an hour would forbid an ordinary one.
      expect(quick.settled).toBeGreaterThanOrEqual(2);
      // Only the first of the chain pays for a compaction.
      expect(lines[0]).toMatch(/\(compacted\)$/);
      expect(lines[1]).toMatch(/\(a follow-up, not compacted\)$/);
    } finally {
      quick.stop();
    }
  });
});

describe('soon (real V8 collections)', () => {
  it('looks again in a moment once bulk work may have ended, not at the next check', async () => {
    const settler = startHeapSettler({ checkEveryMs: 60 * 60_000, soonMs: 50, thresholds: { growthBytes: 16 * MB, quietUtilization: 1, minGapMs: 0 } });
    try {
      let kept: Array<{ id: number; text: string }> | null = [];
      for (let i = 0; i < 600_000; i++) kept.push({ id: i, text: `record ${i}` });
      await new Promise((r) => setTimeout(r, 50));
      kept = null;
      await new Promise((r) => setTimeout(r, 300));
      expect(settler.settled).toBe(0); // the next ordinary check is an hour away
      settler.soon();
      const deadline = Date.now() + 5_000;
      while (settler.settled === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(settler.settled).toBe(1);
    } finally {
      settler.stop();
    }
  });

  it('is told each time a page of a queue was served, and for nothing else', async () => {
    let told = 0;
    const settler = { settled: 0, soon: () => { told++; }, stop: () => {} } satisfies HeapSettler;
    const dispatch = noticingQueuePages(async (method) => ({ ok: true, value: method }), () => settler);
    await dispatch('tickets.list', { serviceId: 'tech' });
    await dispatch('tickets.get', { ticketId: 'GX-7K2M9Q' });
    await dispatch('tickets.list', { serviceId: 'conso' });
    await new Promise((r) => setTimeout(r, 0));
    expect(told).toBe(2);
  });
});

describe('compacting (real V8 collection)', () => {
  it('gives back the old generation\'s pages left mostly empty, which a plain collection keeps', () => {
    const oldSpace = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space') as v8.HeapSpaceInfo;
    const collect = fullCollection();
    const fragment = (): Array<{ i: number; s: string }> => {
      const all: Array<{ i: number; s: string }> = [];
      for (let i = 0; i < 1_000_000; i++) all.push({ i, s: `x${i}` });
      collect(); collect(); // old enough to be promoted
      return all.filter((_, i) => i % 8 === 0); // one object in eight survives, spread over every page
    };
    const plain = fragment();
    collect();
    const plainFree = oldSpace().space_size - oldSpace().space_used_size;
    plain.length = 0;
    const compacted = fragment();
    compacting(collect);
    const compactedFree = oldSpace().space_size - oldSpace().space_used_size;
    expect(compacted.length).toBe(125_000);
    expect(plainFree).toBeGreaterThan(30 * MB);
    expect(compactedFree).toBeLessThan(plainFree / 3);
  });
});
