// The triage desk at scale: 50,000 cached messages over two services, then the real loopback host
// and Chromium. Measures the cold start (host process launched -> queue loaded with clickable
// cards), the memory of the host and of the renderer, and the long tasks while a column is scrolled
// from top to bottom once every card has arrived.
// Round 0 is a first start with no desk snapshot (reported as *NoSnapshot*); the other rounds are
// ordinary starts, which show the last session's snapshot while core loads (see store/deskSnapshot.ts).
// Memory: rssMb = the host process's RSS + the RSS of the one Chromium renderer that draws our page,
// found by burning CPU in the page (bench/uiMemory.ts). Chromium's other renderers (a spare one kept
// for the next navigation, ones still closing) exist before our page loads and would exist for any
// page: they are reported apart as otherChromiumRendererMb, never in rssMb. Both are taken right
// after the scroll, so the renderer still holds the garbage the scroll left (mostly Blink's layout
// objects: 100-150 MB, collected some seconds later, unreliably within 15 s on a busy machine).
// The host is started as `npm start` starts it (scripts/host-runtime.mjs).
// Chromium runs with the V8 flags of Guichet's own window (src/main/rendererFlags.ts); `--browser-defaults`
// measures the page as another browser would run it.
// `npm run bench -- ui` or `npx tsx bench/ui.ts [--messages N per service] [--rounds N] [--steps N] [--keep] [--browser-defaults]`
// Prints a table, then a JSON object as its last line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import type { ServiceInput } from '../src/shared/views';
import { createCore } from '../src/main/core/core';
import { MessageAnalyzer, routingModelKey } from '../src/main/core/tickets/messageAnalysis';
import { createRoutingModel } from '../src/main/core/triage/routing';
import { createStoreSyncTarget } from '../src/main/core/live/storeSyncTarget';
import { openStore } from '../src/main/core/store';
import { openFileSecretStore } from '../src/main/core/store/secretFile';
import { createServiceSync } from '../src/main/core/sync/serviceSync';
import { startMailServer, type MailServer } from '../test/harness/mailServer';
import { mulberry32 } from '../test/support/seededRandom';
import { RENDERER_JS_FLAGS_SWITCH } from '../src/main/rendererFlags';
import { findBrowserPid, pssKb, rendererMemory, vmRssKb } from './uiMemory';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PER_SERVICE = arg('messages', 25_000);
const ROUNDS = arg('rounds', 3);
const MAX_STEPS = arg('steps', 300);
const KEEP = process.argv.includes('--keep');
/** Measure the page in a browser with its default V8 flags, not those of Guichet's own window. */
const BROWSER_DEFAULTS = process.argv.includes('--browser-defaults');
/** Development only: measure an existing data dir (left by --keep) without a mail server; sync stays offline. */
const REUSE = process.argv.includes('--reuse') ? process.argv[process.argv.indexOf('--reuse') + 1] : undefined;
const DAY = 24 * 3600_000;
const ROOT = process.cwd();
const TARGETS = { coldStartMs: 1500, rssMb: 400, longTasksOver50ms: 0 };

// ---------------------------------------------------------------------------------------------
// The corpus: small, realistic after-sales mail.


const FIRST = ['Marie', 'Jean', 'Sophie', 'Luc', 'Camille', 'Thomas', 'Julie', 'Nicolas', 'Emma', 'Hugo', 'Léa', 'Paul', 'Chloé', 'Louis', 'Sarah', 'Anne', 'Peter', 'Olivia', 'James', 'Emily'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Smith', 'Brown', 'Taylor', 'Wilson', 'Davies'];
const TECH_SUBJECTS = [
  'Écran noir au lancement', 'Le jeu plante au chargement', 'Code erreur 0x{n} au démarrage', 'Installation impossible',
  'Crash after the last update', 'Game freezes on level {n}', 'Error {n} when saving', 'Son coupé en jeu',
  'Manette non reconnue', 'Activation key refused', 'Mise à jour bloquée à {n} %', 'Black screen on startup',
];
const CONSO_SUBJECTS = [
  'Remboursement commande {n}', 'Colis non reçu', 'Produit défectueux à échanger', 'Facture erronée',
  'Refund for order {n}', 'Wrong item delivered', 'Changement d’adresse de livraison', 'Réclamation sur ma commande {n}',
  'Delivery delayed', 'Annulation de commande', 'Garantie du produit', 'Where is my parcel?',
];
const TECH_TEXT = [
  'Bonjour,\r\n\r\nDepuis la dernière mise à jour, le jeu affiche un écran noir au lancement puis se ferme. J’ai réinstallé les pilotes sans succès.\r\n\r\nCordialement',
  'Hello,\r\n\r\nThe game crashes every time I load my save. I tried verifying the files and reinstalling, nothing works.\r\n\r\nThanks',
  'Bonjour,\r\n\r\nL’installation s’arrête à 80 % avec un message d’erreur. Mon PC a 16 Go de RAM et une carte graphique récente.\r\n\r\nMerci',
];
const CONSO_TEXT = [
  'Bonjour,\r\n\r\nJ’ai commandé un produit il y a trois semaines et je ne l’ai toujours pas reçu. Pouvez-vous me dire où en est ma commande ?\r\n\r\nCordialement',
  'Hello,\r\n\r\nI received the wrong item in my parcel. I would like a refund or an exchange as soon as possible.\r\n\r\nBest regards',
  'Bonjour,\r\n\r\nLe produit reçu est défectueux, je souhaite un échange sous garantie. Ma facture est jointe.\r\n\r\nMerci d’avance',
];

function techForm(n: number, rand: () => number): string {
  return [
    'Bonjour,', '',
    `Version du produit : 1.${n % 9}.${Math.floor(rand() * 20)}`,
    'Moment du problème : au lancement du jeu',
    'Détails du problème : écran noir puis retour au bureau',
    `Numéro ou message d'erreur : 0x${(n * 7919).toString(16).slice(0, 6)}`,
    'Circonstances : après la mise à jour',
    'Configuration technique de l’ordinateur : Windows 11, Intel i5, 16 Go RAM, GeForce RTX 3060',
    ...(rand() < 0.6 ? [`Numéro de série : ST-${code(rand)}-${code(rand)}-${code(rand)}`] : []),
    '', 'Merci',
  ].join('\r\n');
}

function consoForm(n: number, rand: () => number): string {
  return [
    'Bonjour,', '',
    'Nature de la demande : remboursement',
    `Nom : ${LAST[n % LAST.length] ?? 'Martin'}`,
    `Prénom : ${FIRST[n % FIRST.length] ?? 'Marie'}`,
    `Adresse : ${1 + (n % 120)} rue de la République, 69002 Lyon`,
    ...(rand() < 0.5 ? [`Numéro de série : ST-${code(rand)}-${code(rand)}-${code(rand)}`] : []),
    '', 'Cordialement',
  ].join('\r\n');
}

function code(rand: () => number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 4; i++) out += chars[Math.floor(rand() * chars.length)];
  return out;
}

const qp = (text: string): string => `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** `count` messages to `service`: about 1 in 6 answers an earlier message of the same customer. */
function corpus(service: 'technical' | 'consumer', address: string, count: number, seed: number): Buffer[] {
  const rand = mulberry32(seed);
  const now = Date.now();
  const customers = Math.max(50, Math.floor(count / 3));
  const lastOf = new Map<number, { id: string; subject: string }>();
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const c = Math.floor(rand() * customers);
    const first = FIRST[c % FIRST.length] ?? 'Marie';
    const last = LAST[Math.floor(c / FIRST.length) % LAST.length] ?? 'Martin';
    const from = `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${c}@client${c % 17}.test`;
    // Oldest first, spread over the last 60 days.
    const date = new Date(now - Math.floor(((count - i) / count) * 60 * DAY) + Math.floor(rand() * 3_600_000) - 3_700_000);
    const id = `<ui-${service}-${i}@client.test>`;
    const previous = lastOf.get(c);
    const reply = previous !== undefined && rand() < 0.35;
    const subjects = service === 'technical' ? TECH_SUBJECTS : CONSO_SUBJECTS;
    const subject = reply ? `RE: ${previous.subject}` : (subjects[Math.floor(rand() * subjects.length)] ?? 'Question').replace('{n}', String(1000 + Math.floor(rand() * 9000)));
    const form = !reply && rand() < 0.25;
    const texts = service === 'technical' ? TECH_TEXT : CONSO_TEXT;
    const body = form ? (service === 'technical' ? techForm(i, rand) : consoForm(i, rand)) : (texts[Math.floor(rand() * texts.length)] ?? '');
    const head = [
      `From: ${qp(`${first} ${last}`)} <${from}>`,
      `To: ${address}`,
      `Subject: ${qp(subject)}`,
      `Date: ${date.toUTCString()}`,
      `Message-ID: ${id}`,
      ...(reply ? [`In-Reply-To: ${previous.id}`, `References: ${previous.id}`] : []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
    ];
    out.push(Buffer.from([...head, '', body, ''].join('\r\n'), 'utf8'));
    if (!reply) lastOf.set(c, { id, subject });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Setup: the two services configured through core, their INBOXes mirrored into the store.

function serviceInput(server: MailServer, name: 'technical' | 'consumer'): ServiceInput {
  const user = server.users[name];
  if (!user) throw new Error(`the harness has no ${name} user`);
  const endpoint = { host: '127.0.0.1', tls: 'none' as const, user: user.user };
  return {
    name: name === 'technical' ? 'Service technique' : 'Service consommateurs', kind: name, address: user.address,
    colour: name === 'technical' ? '#2f6fde' : '#d9822b', defaultLanguage: 'fr',
    imap: { ...endpoint, port: server.imapPort }, smtp: { ...endpoint, port: server.smtpPort },
    imapPassword: user.password, smtpPassword: user.password,
  };
}

async function prepareDataDir(server: MailServer, dataDir: string): Promise<{ seconds: number; cached: number }> {
  const t0 = performance.now();
  // Services added the way the settings screen does, passwords in the file fallback.
  const core = await createCore({ dataDir, resourcesDir: join(ROOT, 'resources'), secrets: await openFileSecretStore(dataDir) });
  await core.handlers['services.add'](serviceInput(server, 'technical'));
  await core.handlers['services.add'](serviceInput(server, 'consumer'));
  const services = (await core.handlers['services.list']({})).services;
  await core.close();
  // Then a deterministic initial sync of both INBOXes (metadata and bodies) into the same store.
  const store = await openStore(join(dataDir, 'store'));
  const targets = services.map((service) => createStoreSyncTarget(store, service.id, join(dataDir, 'attachments'), { onMessagesChanged: () => {} }));
  const syncs = services.map((service, i) => {
    const user = server.users[service.kind === 'technical' ? 'technical' : 'consumer'];
    if (!user) throw new Error('no user');
    return createServiceSync({
      serviceId: service.id,
      imap: { host: server.host, port: server.imapPort, secure: false, user: user.user, password: user.password },
      target: targets[i] as (typeof targets)[number],
    });
  });
  for (const sync of syncs) sync.start();
  await Promise.all(syncs.map((s) => s.whenIdle()));
  // The triage text of each message is read from its body in the background after a sync: a desk
  // that ran while the mail arrived has it. Without this wait, every measured start would be
  // parsing 50,000 bodies (and sending the cards that changed) while being measured.
  await Promise.all(targets.map((t) => t.whenTextsFilled()));
  await Promise.all(syncs.map((s) => s.stop()));
  await store.flush();
  const cached = services.reduce((n, s) => n + store.messages.count(s.id), 0);
  // A desktop that ran while the mail arrived has read every mail once: fill the analysis cache the same way.
  const analyzer = new MessageAnalyzer(createRoutingModel(), /* no examples yet in a fresh workspace */ { cache: store.analysis, modelKey: routingModelKey(store.routingExamples.list()) });
  for (const service of services) for (const message of store.messages.all(service.id)) analyzer.analyse(message);
  await store.close();
  return { seconds: (performance.now() - t0) / 1000, cached };
}

// ---------------------------------------------------------------------------------------------
// Measurement.

interface Round {
  round: number;
  hostReadyMs: number;
  loadedMs: number;
  coldStartMs: number;
  /** Every card of every queue arrived (the first cards show before, from the last session's snapshot). */
  queuesCompleteMs: number;
  cards: number;
  tickets: number;
  hostRssMb: number;
  /** The renderer process drawing our page (see bench/uiMemory.ts). */
  pageRendererRssMb: number;
  /** Chromium's other renderers (spare, closing): informational, not counted in rssMb. */
  otherChromiumRendererMb: number;
  pageJsHeapMb: number;
  pageDomNodes: number;
  rssMb: number;
  /** Host + page renderer as PSS (shared pages split among the processes sharing them): informational. */
  pssMb: number;
  scrollSteps: number;
  scrollPx: number;
  /** One scroll step (two frames): its median, 99th percentile and worst time. */
  stepP50Ms: number;
  stepP99Ms: number;
  stepMaxMs: number;
  longTasksOver50ms: number;
  longestTaskMs: number;
  loadLongTasks: number;
  listBytes: number;
  /** CPU time the hypervisor took from this virtual machine during the scroll (both cores). */
  stolenDuringScrollMs: number;
}

/**
 * "steal" of /proc/stat, in ms: time the hypervisor ran something else while this VM wanted the CPU.
 * A stolen slice inside a frame's task can make a 30 ms task read as 80 ms; shown beside the long
 * tasks so a reader can tell the machine's noise from the page's own work. 0 where not reported.
 */
async function stolenCpuMs(): Promise<number> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const cpu = /^cpu\s+(.*)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
  return ((cpu[7] ?? 0) * 1000) / 100; // USER_HZ is 100 on Linux
}

const LONG_TASKS_SCRIPT = `
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  // What a long task was made of (Long Animation Frames): scripts, then style and layout; the rest
  // of the frame is the browser's own work (a garbage collection between scripts, paint).
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longFrames.push({
      start: e.startTime, duration: e.duration,
      scripts: e.scripts.map((s) => ({ invoker: s.invoker, duration: s.duration, fn: s.sourceFunctionName })),
      layoutMs: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
    });
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

interface ScrollResult {
  steps: number;
  px: number;
  count: number;
  longest: number;
  atBottom: boolean;
  frames: LongFrame[];
  stepP50: number;
  stepP99: number;
  stepMax: number;
  taskStarts: number[];
}

interface LongFrame {
  duration: number;
  scripts: Array<{ invoker: string; duration: number; fn: string }>;
  layoutMs: number;
}

/** "82 ms: scripts 12 ms (… 9 ms), style and layout 5 ms, other 65 ms" */
function describeFrame(frame: LongFrame): string {
  const scriptMs = frame.scripts.reduce((sum, s) => sum + s.duration, 0);
  const top = [...frame.scripts].sort((a, b) => b.duration - a.duration).slice(0, 2).map((s) => `${s.invoker}${s.fn ? ` ${s.fn}` : ''} ${Math.round(s.duration)} ms`);
  const other = frame.duration - scriptMs - frame.layoutMs;
  return `${Math.round(frame.duration)} ms: scripts ${Math.round(scriptMs)} ms${top.length ? ` (${top.join(', ')})` : ''}, style and layout ${Math.round(frame.layoutMs)} ms, other ${Math.round(other)} ms`;
}

/** In the page: the first card's button is what a click at its centre hits. */
const CLICKABLE_SCRIPT = `(() => {
  const button = document.querySelector('[data-ticket-open]');
  if (!button) return false;
  const box = button.getBoundingClientRect();
  return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('[data-ticket-open]') === button;
})()`;

/** In the page: the tickets the column headers count. */
const COUNT_SCRIPT = `(() => {
  let n = 0;
  for (const el of document.querySelectorAll('[data-testid^="count-"]')) n += Number((el.textContent || '').replace(/[^0-9]/g, '') || 0);
  return n;
})()`;

/** In the page: scrolls the first column from top to bottom, two frames per step; counts the long tasks meanwhile. */
const SCROLL_SCRIPT = `async (maxSteps) => {
  const scroller = document.querySelector('.column .cards');
  if (!scroller) throw new Error('no scroll container (.column .cards)');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  scroller.scrollTop = 0;
  await frame();
  await frame();
  const start = performance.now();
  // Card heights are measured as they render, so the height may change while scrolling.
  const bottom = () => scroller.scrollHeight - scroller.clientHeight;
  let steps = 0;
  // Each step's time (two frames): far more sensitive than the count of tasks over 50 ms.
  const stepMs = [];
  while (scroller.scrollTop < bottom() - 1 && steps < maxSteps * 3) {
    const stride = Math.max(scroller.clientHeight, Math.ceil(bottom() / maxSteps));
    const stepStart = performance.now();
    scroller.scrollTop = Math.min(bottom(), scroller.scrollTop + stride);
    steps++;
    await frame();
    await frame();
    stepMs.push(performance.now() - stepStart);
  }
  const total = bottom();
  // Long tasks are reported after they end: give the observer a moment.
  await new Promise((r) => setTimeout(r, 300));
  const during = window.__longTasks.filter((t) => t.start >= start);
  const frames = window.__longFrames.filter((f) => during.some((t) => t.start < f.start + f.duration && f.start < t.start + t.duration));
  stepMs.sort((a, b) => a - b);
  const at = (q) => stepMs[Math.min(stepMs.length - 1, Math.floor(stepMs.length * q))] ?? 0;
  return {
    steps, px: total, count: during.length, longest: Math.max(0, ...during.map((t) => t.duration)), atBottom: scroller.scrollTop >= total - 2, frames,
    stepP50: at(0.5), stepP99: at(0.99), stepMax: stepMs.at(-1) ?? 0,
    // When each long task began, in ms from the scroll's start (to set beside the host's collections).
    taskStarts: during.map((t) => Math.round(t.start - start)),
  };
}`;

function summarise(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => `${n} x${c}`).join(', ');
}

/** A line the host printed, with when it arrived (performance.now() of this process). */
interface TimedLine {
  at: number;
  line: string;
}

async function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string; lines: TimedLine[] }> {
  // Started as `npm start` starts it (scripts/host-runtime.mjs: V8 and malloc settings).
  const child = spawn(process.execPath, [...HOST_RUNTIME.HOST_NODE_FLAGS, join(ROOT, 'out', 'main', 'host.js'), '--no-open', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: HOST_RUNTIME.hostEnv(process.env),
  });
  let output = '';
  const lines: TimedLine[] = [];
  const collect = (c: Buffer): void => {
    const text = c.toString();
    output += text;
    for (const line of text.split('\n')) if (line.trim()) lines.push({ at: performance.now(), line });
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not print its URL in 180 s:\n${output}`)), 180_000);
    const onData = (): void => {
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with ${code}:\n${output}`));
    });
  });
  return { child, url, output: () => output, lines };
}

async function stopHost(child: ChildProcess): Promise<void> {
  // Gone already (an exit code, or a signal: a crash): its 'exit' will not come again.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function measureRound(round: number, browser: Browser, dataDir: string): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(LONG_TASKS_SCRIPT);
  const page = await context.newPage();
  let listBytes = 0;
  // Core's events that reach the page while it scrolls (a long task may be one of them being applied).
  let scrolling = false;
  const scrollEvents: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8');
      if (text.includes('"tickets":[')) listBytes = Math.max(listBytes, Buffer.byteLength(text));
      if (scrolling && text.startsWith('{"type":"event"')) scrollEvents.push(/"name":"([^"]+)"/.exec(text)?.[1] ?? '?');
    });
  });
  const t0 = performance.now();
  const host = await startHost(dataDir);
  try {
    const hostReadyMs = performance.now() - t0;
    await page.goto(host.url);
    await page.locator('[data-app-state="loaded"]').waitFor({ state: 'attached', timeout: 120_000 });
    const loadedMs = performance.now() - t0;
    const firstCard = page.locator('[data-ticket-open]').first();
    await firstCard.waitFor({ state: 'visible', timeout: 120_000 });
    // Clickable: the card's button is what a click at its centre hits.
    await page.waitForFunction(CLICKABLE_SCRIPT, undefined, { polling: 'raf', timeout: 120_000 });
    const coldStartMs = performance.now() - t0;
    // Scrolling is measured on the whole queue: wait for every page of it.
    await page.locator('[data-queues="complete"]').waitFor({ state: 'attached', timeout: 180_000 });
    const queuesCompleteMs = performance.now() - t0;
    const cards = await page.locator('[data-ticket-open]').count();
    const tickets = (await page.evaluate(COUNT_SCRIPT)) as number;
    const loadLongTasks = (await page.evaluate('window.__longTasks.length')) as number;

    // Let the first paint settle (hints, the first tickets.changed), then scroll the first column.
    await page.waitForTimeout(1000);
    scrolling = true;
    const stolenBefore = await stolenCpuMs();
    const scrollStart = performance.now();
    const scroll = (await page.evaluate(`(${SCROLL_SCRIPT})(${MAX_STEPS})`)) as ScrollResult;
    const stolenDuringScrollMs = (await stolenCpuMs()) - stolenBefore;
    scrolling = false;
    // The host's quiet-time collections (heapSettler.ts): CPU the page may need while it scrolls.
    // Times are from the scroll's start; the host's lines are stamped when they reached this process, after the collection.
    const hostCollections = host.lines.filter((l) => l.at >= scrollStart && l.line.includes('memory: one full collection'));
    for (const { at, line } of hostCollections) console.log(`round ${round}: during the scroll, ended at +${Math.round(at - scrollStart)} ms: ${line.replace(/^\[guichet\] memory: /, 'the host made ')}`);
    if (scroll.taskStarts.length > 0) console.log(`round ${round}: long tasks began at ${scroll.taskStarts.map((t) => `+${t} ms`).join(', ')}`);
    if (scrollEvents.length > 0) console.log(`round ${round}: events from core during the scroll: ${summarise(scrollEvents)}`);
    for (const frame of scroll.frames) console.log(`round ${round}: long frame during the scroll: ${describeFrame(frame)}`);
    if (!scroll.atBottom) console.log(`round ${round}: the column did not reach its bottom in ${scroll.steps} steps`);

    // A host that died mid-round (the page keeps its cards) must not pass for one measured.
    if (host.child.exitCode !== null || host.child.signalCode !== null) {
      throw new Error(`round ${round}: the host exited (${host.child.exitCode ?? host.child.signalCode}):\n${host.output().slice(-3000)}`);
    }
    const hostRss = (await vmRssKb(host.child.pid ?? 0)) / 1024;
    const hostPss = (await pssKb(host.child.pid ?? 0)) / 1024;
    const renderer = await rendererMemory(page, CHROMIUM_PID);
    return {
      round, hostReadyMs, loadedMs, coldStartMs, queuesCompleteMs, cards, tickets,
      hostRssMb: hostRss, pageRendererRssMb: renderer.pageRendererMb, otherChromiumRendererMb: renderer.otherRenderersMb,
      pageJsHeapMb: renderer.pageJsHeapMb, pageDomNodes: renderer.pageDomNodes, rssMb: hostRss + renderer.pageRendererMb,
      pssMb: hostPss + renderer.pageRendererPssMb,
      scrollSteps: scroll.steps, scrollPx: scroll.px, stepP50Ms: scroll.stepP50, stepP99Ms: scroll.stepP99, stepMaxMs: scroll.stepMax, longTasksOver50ms: scroll.count, longestTaskMs: scroll.longest, loadLongTasks, listBytes,
      stolenDuringScrollMs,
    };
  } finally {
    await context.close();
    await stopHost(host.child);
  }
}

let CHROMIUM_PID = 0;

// ---------------------------------------------------------------------------------------------

const { buildIfNeeded } = (await import(join(ROOT, 'scripts', 'build-if-needed.mjs'))) as { buildIfNeeded: (root: string) => void };
const HOST_RUNTIME = (await import(join(ROOT, 'scripts', 'host-runtime.mjs'))) as { HOST_NODE_FLAGS: string[]; hostEnv: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv };
buildIfNeeded(ROOT);

const server = REUSE === undefined ? await startMailServer() : null;
const work = REUSE === undefined ? await mkdtemp(join(tmpdir(), 'gx-ui-')) : null;
const dataDir = REUSE ?? join(work ?? '', 'data');
try {
  if (server) {
    const tech = server.users.technical;
    const conso = server.users.consumer;
    if (!tech || !conso) throw new Error('the harness has no service users');
    const s0 = performance.now();
    await server.seedMaildir('technical', 'INBOX', corpus('technical', tech.address, PER_SERVICE, 1));
    await server.seedMaildir('consumer', 'INBOX', corpus('consumer', conso.address, PER_SERVICE, 2));
    const seedSeconds = (performance.now() - s0) / 1000;
    const prepared = await prepareDataDir(server, dataDir);
    if (prepared.cached !== 2 * PER_SERVICE) throw new Error(`the store holds ${prepared.cached} messages, expected ${2 * PER_SERVICE}`);
    console.log(`seeded ${2 * PER_SERVICE} messages in ${seedSeconds.toFixed(1)} s; cached in the store by sync in ${prepared.seconds.toFixed(1)} s (${dataDir})`);
  } else {
    console.log(`reusing ${dataDir} without a mail server (development only: sync stays offline)`);
  }

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // As Guichet's own window runs it (src/main/rendererFlags.ts); --browser-defaults measures a browser without it.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...(BROWSER_DEFAULTS ? [] : [RENDERER_JS_FLAGS_SWITCH])],
  });
  // playwright-core does not expose the pid publicly: find the browser process by its profile.
  CHROMIUM_PID = await findBrowserPid();
  const rounds: Round[] = [];
  try {
    // Round 0: a first start, with no desk snapshot from an earlier session (reported on its own).
    await rm(join(dataDir, 'store', 'desk-snapshot.json'), { force: true });
    rounds.push(await measureRound(0, browser, dataDir));
    // Then ordinary starts: each finds the snapshot the previous session saved when it closed.
    for (let round = 1; round <= ROUNDS; round++) rounds.push(await measureRound(round, browser, dataDir));
  } finally {
    await browser.close();
  }

  const f0 = (x: number) => x.toFixed(0);
  console.log('round | host up ms | loaded ms | cold start ms | queues complete ms | tickets | list MB | host MB | page renderer MB | other renderers MB | rss MB | pss MB | scroll steps | step p50/p99/max ms | long tasks (scroll) | longest ms | CPU stolen by the hypervisor during the scroll ms | long tasks (load)');
  for (const r of rounds) {
    console.log([r.round, f0(r.hostReadyMs), f0(r.loadedMs), f0(r.coldStartMs), f0(r.queuesCompleteMs), r.tickets, (r.listBytes / 1e6).toFixed(1), f0(r.hostRssMb), f0(r.pageRendererRssMb), f0(r.otherChromiumRendererMb), f0(r.rssMb), f0(r.pssMb), r.scrollSteps, `${f0(r.stepP50Ms)}/${f0(r.stepP99Ms)}/${f0(r.stepMaxMs)}`, r.longTasksOver50ms, f0(r.longestTaskMs), f0(r.stolenDuringScrollMs), r.loadLongTasks].join(' | '));
  }
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  };
  const first = rounds[0] as Round;
  rounds.shift();
  const result = {
    messages: 2 * PER_SERVICE,
    rounds: ROUNDS,
    coldStartMs: Math.round(median(rounds.map((r) => r.coldStartMs))),
    coldStartBestMs: Math.round(Math.min(...rounds.map((r) => r.coldStartMs))),
    hostReadyMs: Math.round(median(rounds.map((r) => r.hostReadyMs))),
    queuesCompleteMs: Math.round(median(rounds.map((r) => r.queuesCompleteMs))),
    coldStartNoSnapshotMs: Math.round(first.coldStartMs),
    queuesCompleteNoSnapshotMs: Math.round(first.queuesCompleteMs),
    rssMb: Math.round(median(rounds.map((r) => r.rssMb))),
    /** The same two processes as PSS: Chromium's shared code counted once across its processes. */
    pssMb: Math.round(median(rounds.map((r) => r.pssMb))),
    hostRssMb: Math.round(median(rounds.map((r) => r.hostRssMb))),
    pageRendererRssMb: Math.round(median(rounds.map((r) => r.pageRendererRssMb))),
    pageJsHeapMb: Math.round(median(rounds.map((r) => r.pageJsHeapMb))),
    pageDomNodes: Math.round(median(rounds.map((r) => r.pageDomNodes))),
    /** Not Guichet's: Chromium's spare and closing renderers, outside rssMb (see bench/uiMemory.ts). */
    otherChromiumRendererMb: Math.round(median(rounds.map((r) => r.otherChromiumRendererMb))),
    longTasksOver50ms: Math.max(first.longTasksOver50ms, ...rounds.map((r) => r.longTasksOver50ms)),
    longestScrollTaskMs: Math.round(Math.max(...rounds.map((r) => r.longestTaskMs))),
    /** One scroll step (two frames), worst round: the margin the long-task count does not show. */
    scrollStepP99Ms: Math.round(Math.max(first.stepP99Ms, ...rounds.map((r) => r.stepP99Ms))),
    stolenDuringScrollMs: Math.round(Math.max(...rounds.map((r) => r.stolenDuringScrollMs))),
    tickets: first.tickets,
    /** The largest tickets.list answer (the list comes in pages). */
    ticketsListMb: Math.round(first.listBytes / 1e5) / 10,
    targets: TARGETS,
  };
  const met = (k: keyof typeof TARGETS) => (result[k] <= TARGETS[k] ? 'met' : 'MISSED');
  console.log(`targets (median of ${ROUNDS}; long tasks: worst round): coldStartMs <= ${TARGETS.coldStartMs}: ${met('coldStartMs')}; rssMb <= ${TARGETS.rssMb}: ${met('rssMb')}; longTasksOver50ms = 0: ${met('longTasksOver50ms')}`);
  console.log(JSON.stringify(result));
} finally {
  if (!KEEP && work !== null) await rm(work, { recursive: true, force: true });
  await server?.stop();
}
