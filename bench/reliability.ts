// Outbox reliability at size: kill -9 of a desktop at random points of the send pipeline (>= 100
// kills), and two desktops racing to acknowledge the same 200 tickets. Real Dovecot + Postfix.
// Run: npx tsx bench/reliability.ts   (last line: JSON summary; GX_KILLS, GX_RACE to resize)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOutbox } from '../src/main/core/outbox';
import { openStore } from '../src/main/core/store';
import { startMailServer, type MailServer } from '../test/harness/mailServer';
import { crashScenario, mulberry32 } from '../test/integration/outbox/crashHarness';
import { ackSpec, connectionsFor, countByTicket, seedTickets, silentLog, tally, waitForCounts } from '../test/integration/outbox/support';

const KILLS = Number(process.env.GX_KILLS ?? 100);
const RACE = Number(process.env.GX_RACE ?? 200);
const SEED = Number(process.env.GX_SEED ?? 7);

async function race(server: MailServer, count: number) {
  const tickets = await seedTickets(server, 'technical', count);
  const desks = await Promise.all(['Alice', 'Bob'].map(async (agent) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gx-race-'));
    const store = await openStore(dir);
    const outbox = createOutbox({ store: store.outbox, connections: connectionsFor(server), clock: () => new Date(), log: silentLog, undoMs: 0, keepFinished: 10_000 });
    await outbox.start();
    return { agent, dir, store, outbox };
  }));
  const t0 = performance.now();
  await Promise.all(desks.map((d) => Promise.all(tickets.map((t) => d.outbox.enqueue(ackSpec(server, t, d.agent))))));
  await Promise.all(desks.map((d) => d.outbox.whenIdle()));
  const elapsedMs = performance.now() - t0;
  const ids = tickets.map((t) => t.ticketId);
  const counts = await waitForCounts(server, ids, 60_000, 1_000);
  const result = tally(ids, counts);
  const views = desks.flatMap((d) => d.outbox.list());
  const sent = await countByTicket(server, 'technical', 'Sent');
  const report = {
    raceTickets: count,
    raceDelivered: result.delivered,
    raceDuplicates: result.duplicates,
    raceLost: result.lost,
    raceDone: views.filter((v) => v.state === 'done').length,
    raceLostClaimReported: views.filter((v) => v.state === 'lostClaim').length,
    raceOther: views.filter((v) => v.state !== 'done' && v.state !== 'lostClaim').length,
    raceSentCopies: ids.reduce((n, id) => n + (sent.get(id) ?? 0), 0),
    raceWinsAlice: desks[0]?.outbox.list().filter((v) => v.state === 'done').length ?? 0,
    raceElapsedMs: Math.round(elapsedMs),
  };
  for (const d of desks) {
    await d.outbox.stop();
    await d.store.close();
    await rm(d.dir, { recursive: true, force: true });
  }
  return report;
}

const server = await startMailServer();
try {
  const started = performance.now();
  const crash = await crashScenario(server, { minKills: KILLS, batchSize: 6, random: mulberry32(SEED), log: (l) => { if (l.startsWith('round')) process.stderr.write(`${l}\n`); } });
  const crashMs = performance.now() - started;
  const raced = await race(server, RACE);
  const rows: Array<[string, string | number]> = [
    ['kill -9 (random points, restart until done)', ''],
    ['  kills', crash.kills],
    ['  runs', crash.runs],
    ['  tasks', crash.tasks],
    ['  delivered', crash.delivered],
    ['  duplicates', crash.duplicates],
    ['  lost', crash.lost],
    ['  unfinished phases at kill time', JSON.stringify(crash.phasesAtKill)],
    ['  duration s', (crashMs / 1000).toFixed(0)],
    ['race (two desktops, same tickets)', ''],
    ['  tickets', raced.raceTickets],
    ['  delivered', raced.raceDelivered],
    ['  duplicates', raced.raceDuplicates],
    ['  lost', raced.raceLost],
    ['  done / lostClaim reported / other', `${raced.raceDone} / ${raced.raceLostClaimReported} / ${raced.raceOther}`],
    ['  Sent copies', raced.raceSentCopies],
    ['  wins Alice / Bob', `${raced.raceWinsAlice} / ${raced.raceDone - raced.raceWinsAlice}`],
    ['  elapsed ms', raced.raceElapsedMs],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(46)} ${v}`);
  console.log(JSON.stringify({
    kills: crash.kills, tasks: crash.tasks, duplicates: crash.duplicates, lost: crash.lost,
    ...raced,
  }));
} finally {
  await server.stop();
}
