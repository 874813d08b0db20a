// Drives test/fixtures/outbox-crash-runner.ts: batches of tasks, a kill -9 at a random moment of each
// run, restarts until the batch is done. Shared by the crash test and bench/reliability.ts.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MailServer } from '../../harness/mailServer';
import { ackSpec, seedTickets, tally, waitForCounts } from './support';
import { mulberry32 } from '../../support/seededRandom';
export { mulberry32 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNNER = path.join(ROOT, 'test/fixtures/outbox-crash-runner.ts');

export interface CrashReport {
  kills: number;
  runs: number;
  tasks: number;
  delivered: number;
  duplicates: number;
  lost: number;
  /** Phases of unfinished tasks found in the store right after each kill. */
  phasesAtKill: Record<string, number>;
  statesAtEnd: Record<string, number>;
}

interface RunResult { killed: boolean; done: boolean; stderr: string }

function runOnce(args: string[], killPlan: { beforeReadyMs: number | null; afterReadyMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const early = killPlan.beforeReadyMs !== null ? setTimeout(kill, killPlan.beforeReadyMs) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('READY') && !stdout.includes('DONE') && early === null && !killed) {
        setTimeout(kill, killPlan.afterReadyMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', () => {
      if (early) clearTimeout(early);
      resolve({ killed, done: stdout.includes('DONE') && !killed, stderr });
    });
  });
}

export async function crashScenario(server: MailServer, opts: { minKills: number; batchSize: number; random: () => number; log?: (line: string) => void }): Promise<CrashReport> {
  const work = await mkdtemp(path.join(tmpdir(), 'gx-crash-'));
  const storeDir = path.join(work, 'store');
  const infoFile = path.join(work, 'server.json');
  await writeFile(infoFile, JSON.stringify(server.info()));
  const allTickets: string[] = [];
  const phasesAtKill: Record<string, number> = {};
  let kills = 0;
  let runs = 0;
  try {
    for (let round = 0; kills < opts.minKills; round++) {
      const tickets = await seedTickets(server, 'technical', opts.batchSize);
      allTickets.push(...tickets.map((t) => t.ticketId));
      const batchFile = path.join(work, `batch-${round}.json`);
      await writeFile(batchFile, JSON.stringify(tickets.map((t) => ackSpec(server, t, 'Crashy'))));
      for (let attempt = 0; ; attempt++) {
        if (attempt > 60) throw new Error(`round ${round} never finished`);
        // Most kills land while tasks run; some during start-up and enqueue; a last run may finish.
        const r = opts.random();
        const plan = attempt >= 8 || r < 0.1
          ? { beforeReadyMs: null, afterReadyMs: 60_000 }
          : r < 0.25 ? { beforeReadyMs: 150 + Math.floor(opts.random() * 700), afterReadyMs: 0 } : { beforeReadyMs: null, afterReadyMs: Math.floor(opts.random() * 400) };
        const result = await runOnce([infoFile, storeDir, batchFile], plan);
        runs++;
        if (result.stderr.trim()) opts.log?.(`run ${runs}${result.killed ? ' (killed)' : ''}: ${result.stderr.trim()}`);
        if (result.killed) {
          kills++;
          const outbox = JSON.parse(await readFile(path.join(storeDir, 'outbox.json'), 'utf8').catch(() => '{"tasks":[]}')) as { tasks: Array<{ state: string; phase: string; smtpAttemptAt: string | null }> };
          for (const t of outbox.tasks) {
            if (t.state === 'done') continue;
            const key = t.smtpAttemptAt !== null ? `${t.phase}+smtpStarted` : t.phase;
            phasesAtKill[key] = (phasesAtKill[key] ?? 0) + 1;
          }
          continue;
        }
        if (result.done) break;
        throw new Error(`runner exited without DONE: ${result.stderr.slice(-2000)}`);
      }
      opts.log?.(`round ${round}: kills so far ${kills}`);
    }
    const counts = await waitForCounts(server, allTickets, 30_000, 1_000);
    const outbox = JSON.parse(await readFile(path.join(storeDir, 'outbox.json'), 'utf8')) as { tasks: Array<{ state: string }> };
    const statesAtEnd: Record<string, number> = {};
    for (const t of outbox.tasks) statesAtEnd[t.state] = (statesAtEnd[t.state] ?? 0) + 1;
    return { kills, runs, tasks: allTickets.length, ...tally(allTickets, counts), phasesAtKill, statesAtEnd };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

