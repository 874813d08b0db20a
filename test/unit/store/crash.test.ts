import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/store';
import { CRASH_SERVICES, crashRecord, makeTempDir } from './storeFixtures';
import { mulberry32 } from '../../support/seededRandom';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const writerScript = path.join(root, 'test/fixtures/store-crash-writer.ts');
const KILLS = 20;


interface Writer {
  child: ChildProcessWithoutNullStreams;
  output: string[];
  ready: Promise<number>;
  exited: Promise<void>;
  acked: () => number;
}

/**
 * Starts the writer with node and the tsx loader directly: `npx tsx` puts two wrapper processes
 * between us and the writer, and SIGKILL on a wrapper would leave the writer running. It loads
 * (about 1 s here, mostly tsx) and then waits for "go", so the next writers warm up in advance.
 */
function spawnWriter(dir: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir, '--wait-for-go'], { cwd: root });
  const output: string[] = [];
  let acked = -1;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Promise<number>((resolve) => {
    child.on('exit', () => resolve(-1));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const [word, value] = line.split(' ');
      if (word === 'ready') resolve(Number(value));
      if (word === 'acked') acked = Number(value);
    });
  });
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output, ready, exited, acked: () => acked };
}

/** Lets the writer write for `delayMs` after it has opened the store, then kills it with SIGKILL. */
async function runAndKill(writer: Writer, delayMs: number): Promise<{ ready: number; acked: number; output: string[] }> {
  writer.child.stdin.write('go\n');
  const ready = await writer.ready;
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  writer.child.kill('SIGKILL');
  await writer.exited;
  return { ready, acked: writer.acked(), output: writer.output };
}

const WARM_AHEAD = 2;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

describe('store under kill -9', () => {
  it(`opens intact after ${KILLS} kills at random moments, keeping every acknowledged record`, async () => {
    const random = mulberry32(20261122);
    let previousTotal = 0;
    const warm = Array.from({ length: WARM_AHEAD }, () => spawnWriter(dir));
    for (let kill = 0; kill < KILLS; kill += 1) {
      const delayMs = 20 + Math.floor(random() * 281);
      const writer = warm.shift() ?? spawnWriter(dir);
      if (kill + warm.length + 1 < KILLS) warm.push(spawnWriter(dir));
      const run = await runAndKill(writer, delayMs);
      expect(run.ready, run.output.join('\n')).toBeGreaterThanOrEqual(0);
      expect(run.output.filter((line) => line.startsWith('corrupt'))).toEqual([]);

      const corrupt: string[] = [];
      const store = await openStore(dir, { onCorruptShard: (shard) => corrupt.push(shard) });
      expect(corrupt).toEqual([]);
      let total = 0;
      const incomplete: string[] = [];
      for (const serviceId of CRASH_SERVICES) {
        for (const record of store.messages.all(serviceId)) {
          const expected = { ...crashRecord(Number(record.id.slice(1))), keywords: record.keywords };
          if (JSON.stringify(record) !== JSON.stringify(expected)) incomplete.push(record.id);
          total += 1;
        }
      }
      expect(incomplete).toEqual([]);
      // Durable before acked: everything the writer acknowledged is there, and the count only grows.
      expect(total).toBeGreaterThanOrEqual(Math.max(run.acked, previousTotal));
      for (const task of store.outbox.list()) expect(task.id).toMatch(/^task-[0-4]$/);
      await store.close();
      previousTotal = total;
    }
    expect(previousTotal).toBeGreaterThan(0);
    console.info(`kill -9 test: ${KILLS} kills, ${previousTotal} records at the end`);
    const leftovers = (await readdir(dir, { recursive: true })).filter((name) => name.includes('.tmp-') || name.includes('.corrupt-'));
    expect(leftovers).toEqual([]);
  }, 60_000);
});
