// Ticket board benchmark: the desk's cold start on a kept live workspace (50,000 cached messages).
// Builds the board the way workspaceHandlers' refresh() does, without sync (no mail server runs),
// then the per-minute refresh. Run: npx tsx bench/board.ts [--data DIR] [--now ISO] [--profile FILE]
// (--profile FILE writes CPU profiles of the first build to FILE and of the first minute tick to
// FILE.minute.json, for Chrome DevTools).
// Last line: JSON {tickets, firstBuildMs, minuteRefreshMs, heapUsedMb}.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSerialRegistry, serviceSummaries, storedMessages, storedRoutingExamples } from '../src/main/core/live/liveBackend';
import { openStore } from '../src/main/core/store';
import { MessageAnalyzer, routingModelKey } from '../src/main/core/tickets/messageAnalysis';
import { TicketDesk } from '../src/main/core/tickets/ticketDesk';
import { fullCollection } from '../src/main/host/heapSettler';
import { createRoutingModel, learnRouting } from '../src/main/core/triage/routing';
import type { MailMessage } from '../src/shared/domain';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SOURCE = arg('data') ?? '/tmp/ui-data-orig';
/** As workspaceHandlers' ANALYSIS_BUDGET for a live workspace. */
const ANALYSIS_BUDGET = 300;
/** Minute ticks after the first build; the first one is the figure reported, the rest show the noise. */
const TICKS = 5;
const MINUTE_MS = 60_000;

const gc = fullCollection();
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

/** The latest message: a fixed `now` keeps runs comparable (the host uses the wall clock). */
function latestDate(messages: readonly MailMessage[]): Date {
  let latest = 0;
  for (const m of messages) latest = Math.max(latest, Date.parse(m.date) || 0);
  return new Date(latest);
}

if (!existsSync(join(SOURCE, 'store'))) {
  // It needs a 50k workspace: `npx tsx bench/ui.ts --keep` leaves one and prints where.
  const reason = `no workspace at ${SOURCE}: run \`npx tsx bench/ui.ts --keep\`, then \`npx tsx bench/board.ts --data <the data folder it printed>\``;
  console.log(`board: skipped, ${reason}`);
  console.log(JSON.stringify({ skipped: reason }));
  process.exit(arg('data') === undefined ? 0 : 1);
}
// Opening may migrate the store's format: always work on a copy.
const work = await mkdtemp(join(tmpdir(), 'gx-bench-board-'));
try {
  await cp(SOURCE, work, { recursive: true });
  const heapBeforeMb = heapMb();
  const opening = performance.now();
  const store = await openStore(join(work, 'store'));
  const storeOpenMs = performance.now() - opening;
  const examples = storedRoutingExamples(store);
  const model = examples.reduce((m, e) => learnRouting(m, e), createRoutingModel());
  const analyzer = new MessageAnalyzer(model, { cache: store.analysis, modelKey: routingModelKey(examples) });
  // Mails read during a build (not found in the analysis cache): counted, to tell reading from the rest.
  const read = new Set<MailMessage>();
  const analyse = analyzer.analyse.bind(analyzer);
  analyzer.analyse = (message) => (read.add(message), analyse(message));
  const form = analyzer.form.bind(analyzer);
  analyzer.form = (message) => (read.add(message), form(message));
  const messages = storedMessages(store);
  const services = serviceSummaries(store);
  const serials = loadSerialRegistry(store);
  const start = arg('now') !== undefined ? new Date(arg('now') as string) : latestDate(messages);
  const heapOpenMb = heapMb();

  const desk = new TicketDesk();
  const build = (now: Date) => {
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    // Settings read per build, as refresh() does: each read is a fresh copy of the calendar.
    const change = desk.rebuild({
      messages, services, calendar: store.settings.get().calendar, policy: store.settings.get().sla, serials, analyzer, now,
      actingAgents: new Map(), analysisBudget: ANALYSIS_BUDGET,
    });
    const cpu = process.cpuUsage(cpuBefore);
    return { ms: performance.now() - began, cpuMs: (cpu.user + cpu.system) / 1000, change };
  };
  const profile = arg('profile');
  const session = profile === undefined ? null : new Session();
  session?.connect();
  /** Runs `step`, under the CPU profiler when asked (the profile goes to `file`). */
  const profiled = async <T>(file: string | undefined, step: () => T): Promise<T> => {
    if (session === null || file === undefined) return step();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = step();
    const { profile: cpuProfile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(cpuProfile));
    return result;
  };
  const first = await profiled(profile, () => build(start));
  const firstBuildMs = first.ms;
  const firstReadings = read.size;
  const heapUsedMb = heapMb();
  const ticks: Array<{ ms: number; cpuMs: number; upserted: number }> = [];
  for (let k = 1; k <= TICKS; k++) {
    const now = new Date(start.getTime() + k * MINUTE_MS);
    const tick = await profiled(k === 1 && profile !== undefined ? profile.replace(/(\.json)?$/, '.minute.json') : undefined, () => build(now));
    ticks.push({ ms: tick.ms, cpuMs: tick.cpuMs, upserted: tick.change.upserted.length });
  }
  // A digest of the board after the first build and the ticks: equal before and after a change means the same result.
  const cards = desk.cards().sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1));
  const digest = createHash('sha256').update(JSON.stringify(cards)).digest('hex').slice(0, 16);
  const firstDigest = createHash('sha256')
    .update(JSON.stringify([...first.change.upserted].sort((a, b) => (a.ticketId < b.ticketId ? -1 : 1))))
    .digest('hex').slice(0, 16);

  const f = (x: number): string => x.toFixed(0);
  console.log(`workspace ${SOURCE}: ${messages.length} messages, ${services.length} services, now ${start.toISOString()}`);
  // CPU ms (all threads, the GC's included) is steadier than wall time on a shared machine.
  console.log('step | ms | cpu ms | notes');
  console.log(`store open | ${f(storeOpenMs)} | | reference only`);
  console.log(`first build | ${f(firstBuildMs)} | ${f(first.cpuMs)} | ${first.change.upserted.length} cards, ${firstReadings} mails read, ${desk.deferred.length} deferred, digest ${firstDigest}`);
  ticks.forEach((t, i) => console.log(`minute tick ${i + 1} | ${f(t.ms)} | ${f(t.cpuMs)} | ${t.upserted} cards changed`));
  console.log(`heap MB | before open ${f(heapBeforeMb)}, store open ${f(heapOpenMb)}, after first build ${f(heapUsedMb)} (desk ${f(heapUsedMb - heapOpenMb)})`);
  console.log(`board digest after ticks: ${digest}`);
  session?.disconnect();
  await store.close();
  console.log(JSON.stringify({
    tickets: first.change.upserted.length,
    firstBuildMs: Math.round(firstBuildMs),
    minuteRefreshMs: Math.round(ticks[0]?.ms ?? 0),
    heapUsedMb: Math.round(heapUsedMb),
  }));
} finally {
  await rm(work, { recursive: true, force: true });
}
