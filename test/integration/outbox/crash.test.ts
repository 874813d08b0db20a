// kill -9 of a desktop at random points of the send pipeline, 30+ times: every task reaches its
// customer exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMailServer, type MailServer } from '../../harness/mailServer';
import { crashScenario, mulberry32 } from './crashHarness';

let server: MailServer;
beforeAll(async () => {
  server = await startMailServer();
});
afterAll(async () => {
  await server?.stop();
});

it('survives 30+ kill -9 with no duplicate and no loss', { timeout: 180_000 }, async () => {
  const seed = Number(process.env.GX_CRASH_SEED ?? Date.now() % 100_000);
  const report = await crashScenario(server, { minKills: 30, batchSize: 6, random: mulberry32(seed) });
  console.log(`crash (seed ${seed}): kills=${report.kills} runs=${report.runs} tasks=${report.tasks} delivered=${report.delivered} duplicates=${report.duplicates} lost=${report.lost}`);
  console.log(`  unfinished phases seen at kill time: ${JSON.stringify(report.phasesAtKill)}; states at end: ${JSON.stringify(report.statesAtEnd)}`);
  expect(report.kills).toBeGreaterThanOrEqual(30);
  expect(report.duplicates).toBe(0);
  expect(report.lost).toBe(0);
  expect(report.statesAtEnd).toEqual({ done: report.tasks });
});
