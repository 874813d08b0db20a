// Store benchmark: 100,000 messages' metadata over 2 services and 12 months, then 200 single
// keyword changes, each timed from call to durable, with the event-loop stall it caused.
// Run: npx tsx bench/store.ts   (last line: JSON summary)
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { openStore, type StoredMessage } from '../src/main/core/store';
import { mulberry32 } from '../test/support/seededRandom';

const MESSAGES = 100_000;
const SERVICES = ['technique', 'conso'] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i === 0 ? 2025 : 2026}-${String(i === 0 ? 12 : i).padStart(2, '0')}`);
const CHANGES = 200;

const random = mulberry32(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const PHRASES = [
  'Bonjour, mon lave-linge affiche le code erreur E21 depuis hier soir.',
  'Le numéro de série est indiqué sur la facture jointe.',
  'Hello, the dryer stopped mid-cycle and will not restart.',
  'Pouvez-vous me dire quand le technicien pourra passer ?',
  'Je vous remercie par avance de votre retour rapide.',
  'Purchase date: 12/03/2025, store: Boulanger Lyon Part-Dieu.',
];

/** A realistic record: decoded text of 400–1,200 characters, no HTML kept (re-derived from the .eml). */
function makeRecord(n: number): StoredMessage {
  const serviceId = SERVICES[n % SERVICES.length] ?? 'technique';
  const month = pick(MONTHS);
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const date = `${month}-${day}T${String(7 + Math.floor(random() * 11)).padStart(2, '0')}:12:00.000Z`;
  let text = '';
  while (text.length < 400 + random() * 800) text += `${pick(PHRASES)} `;
  const id = `${n.toString(16).padStart(8, '0')}${Math.floor(random() * 1e9).toString(16)}`;
  return {
    id,
    serviceId,
    folder: 'inbox',
    messageId: `<${id}@mail.customer.example>`,
    inReplyTo: random() < 0.3 ? `<r${id}@guichet.example>` : null,
    references: random() < 0.3 ? [`<r${id}@guichet.example>`, `<s${id}@mail.customer.example>`] : [],
    subject: `Panne lave-linge n° ${n}`,
    from: { name: 'Claire Martin', address: `client${n % 5000}@customer.example` },
    to: [{ name: 'Service technique', address: `${serviceId}@guichet.example` }],
    cc: [],
    date,
    keywords: random() < 0.5 ? ['$guichet_ack'] : [],
    text,
    html: null,
    attachments: random() < 0.2 ? [{ filename: 'facture.pdf', contentType: 'application/pdf', size: 182_000 }] : [],
    stamp: null,
    resent: null,
    incomplete: false,
    uids: { inbox: n + 1 },
    modseq: String(10_000 + n),
    flags: random() < 0.5 ? ['\\Seen'] : [],
    size: 3000 + Math.floor(random() * 200_000),
    internalDate: date,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'guichet-bench-store-'));
  try {
    // Build in a child process (sync's first full fetch, not what is measured), so this
    // process opens the store truly cold, with no leftover heap from building it.
    const buildStart = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--build', dir], { stdio: 'inherit' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build exited with ${code}`))));
    });
    const buildMs = performance.now() - buildStart;

    const loadStart = performance.now();
    const store = await openStore(dir);
    const loadMs = performance.now() - loadStart;
    const ids = SERVICES.flatMap((serviceId) => [...store.messages.all(serviceId)].map((m) => ({ serviceId, id: m.id })));
    const loaded = SERVICES.reduce((sum, serviceId) => sum + store.messages.count(serviceId), 0);
    if (loaded !== MESSAGES) throw new Error(`loaded ${loaded} messages, expected ${MESSAGES}`);

    const shardFiles = (await readdir(path.join(dir, 'messages'), { recursive: true })).filter((name) => name.endsWith('.json')).length;
    // Serialising the largest month whole, for reference (schema v1 rewrote a whole month per change).
    const shardSizes = SERVICES.flatMap((serviceId) =>
      store.messages.months(serviceId).map((month) => ({ serviceId, month, records: [...store.messages.all(serviceId)].filter((m) => m.date.startsWith(month)) })),
    );
    const largest = shardSizes.reduce((a, b) => (b.records.length > a.records.length ? b : a));
    const stringifyStart = performance.now();
    const shardText = JSON.stringify(largest.records);
    const stringifyMs = performance.now() - stringifyStart;

    // GC pauses during the changes, to tell the collector's stalls from the store's own.
    const gcPauses: number[] = [];
    const gcObserver = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((entry) => entry.duration)));
    gcObserver.observe({ entryTypes: ['gc'] });
    const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1e6);
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const persistMs: number[] = [];
    const stallMs: number[] = [];
    for (let change = 0; change < CHANGES; change += 1) {
      const target = pick(ids);
      await new Promise((resolve) => setTimeout(resolve, 5));
      histogram.reset();
      const start = performance.now();
      const found = await store.messages.patchKeywords(target.serviceId, target.id, ['$guichet_ack', `$guichet_c${change % 7}`]);
      persistMs.push(performance.now() - start);
      // Let the probe observe the turn that finished the write.
      await new Promise((resolve) => setTimeout(resolve, 2));
      stallMs.push(Math.max(0, histogram.max / 1e6 - 1));
      if (!found) throw new Error(`message ${target.id} not found`);
    }
    histogram.disable();
    gcObserver.disconnect();
    await store.close();

    const rows: Array<[string, string]> = [
      ['messages', String(MESSAGES)],
      ['shards', `${shardFiles} files over ${shardSizes.length} service months (largest month ${largest.serviceId}/${largest.month}: ${largest.records.length} records, ${(shardText.length / 1e6).toFixed(1)} MB)`],
      ['build (child process, first write of all shards)', `${round(buildMs)} ms`],
      ['load (cold open, all shards)', `${round(loadMs)} ms`],
      ['JSON.stringify of the largest month, whole', `${round(stringifyMs)} ms`],
      ['persist p50 / p95 / max', `${round(percentile(persistMs, 50))} / ${round(percentile(persistMs, 95))} / ${round(Math.max(...persistMs))} ms`],
      ['stall p50 / p95 / max', `${round(percentile(stallMs, 50))} / ${round(percentile(stallMs, 95))} / ${round(Math.max(...stallMs))} ms`],
      ['heap used after load', `${heapUsedMb} MB`],
      ['GC pauses during changes: count / max', `${gcPauses.length} / ${round(Math.max(0, ...gcPauses))} ms`],
      ['load average (1 min) at end', loadavg()[0]?.toFixed(2) ?? '?'],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
    console.log(
      JSON.stringify({
        messages: MESSAGES,
        persistP95Ms: round(percentile(persistMs, 95)),
        stallP95Ms: round(percentile(stallMs, 95)),
        loadMs: Math.round(loadMs),
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function build(dir: string): Promise<void> {
  const store = await openStore(dir);
  for (const serviceId of SERVICES) {
    const records: StoredMessage[] = [];
    for (let n = SERVICES.indexOf(serviceId); n < MESSAGES; n += SERVICES.length) records.push(makeRecord(n));
    await store.messages.upsert(serviceId, records);
  }
  await store.close();
}

const buildIndex = process.argv.indexOf('--build');
const buildDir = buildIndex === -1 ? undefined : process.argv[buildIndex + 1];
await (buildDir === undefined ? main() : build(buildDir));
