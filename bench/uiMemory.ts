// Memory attribution for bench/ui.ts: which Chromium renderer draws our page, and how big it is.
// Chromium keeps more renderers than the one showing a page (a spare renderer started ahead of
// the next navigation, the renderer of a closed context still shutting down, …): about 300 MB
// exist before our page loads. Summing them all charges Guichet for Chromium's housekeeping, so
// the page's own renderer is found by a measurement, not by guessing from the process list.
import { readFile, readdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';

export async function vmRssKb(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Proportional set size: private pages plus each shared page divided by the processes sharing it.
 * A Chromium renderer maps about 120 MB of Chromium's own code, shared with its other processes;
 * RSS charges all of it to each one, PSS its share.
 */
export async function pssKb(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

interface ProcStat { ppid: number; cpuTicks: number }

async function procStat(pid: number): Promise<ProcStat | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state ppid … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** The Chromium browser process started by this process (playwright-core does not expose its pid). */
export async function findBrowserPid(): Promise<number> {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if ((await procStat(Number(name)))?.ppid !== process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('chromium') && !cmdline.includes('--type=')) return Number(name);
  }
  throw new Error('could not find the Chromium browser process');
}

/** Chromium's renderer processes descending from the browser process. */
export async function rendererPids(browserPid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  const renderers: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const stat = await procStat(pid);
    if (stat === null) continue;
    parents.set(pid, stat.ppid);
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('--type=renderer')) renderers.push(pid);
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 10; p = parents.get(p), hops++) if (p === browserPid) return true;
    return false;
  };
  return renderers.filter(descends);
}

const BURN_MS = 400;
/** At 100 ticks a second, a renderer that burnt the loop shows at least this many ticks (2 busy cores allow for less). */
const MIN_BURN_TICKS = 10;

/**
 * The renderer running `page`: the page spins its main thread for BURN_MS and the renderer whose
 * CPU time grew by it is the one. It must stand out clearly (3x any other renderer) or the
 * measurement is retried, then refused: a wrong pid would report a wrong figure silently.
 */
export async function pageRendererPid(page: Page, browserPid: number): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const pids = await rendererPids(browserPid);
    const before = await Promise.all(pids.map(procStat));
    await page.evaluate(`(() => { const end = performance.now() + ${BURN_MS}; let x = 0; while (performance.now() < end) x++; return x; })()`);
    const after = await Promise.all(pids.map(procStat));
    const grown = pids.map((pid, i) => ({ pid, ticks: (after[i]?.cpuTicks ?? 0) - (before[i]?.cpuTicks ?? 0) })).sort((a, b) => b.ticks - a.ticks);
    const [best, next] = grown;
    if (best !== undefined && best.ticks >= MIN_BURN_TICKS && best.ticks >= 3 * (next?.ticks ?? 0)) return best.pid;
  }
  throw new Error('could not tell which Chromium renderer runs the page');
}

export interface RendererMemory {
  pid: number;
  /** RSS of the renderer drawing our page. */
  pageRendererMb: number;
  /** Its PSS (see pssKb): informational. */
  pageRendererPssMb: number;
  /** RSS of Chromium's other renderers (spare, closing…): informational, not Guichet's. */
  otherRenderersMb: number;
  /** The page's JavaScript heap (used), from CDP. */
  pageJsHeapMb: number;
  /** DOM nodes alive in the page, from CDP. */
  pageDomNodes: number;
}

export async function rendererMemory(page: Page, browserPid: number): Promise<RendererMemory> {
  const own = await pageRendererPid(page, browserPid);
  let other = 0;
  for (const pid of await rendererPids(browserPid)) if (pid !== own) other += await vmRssKb(pid);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.detach();
  return {
    pid: own,
    pageRendererMb: (await vmRssKb(own)) / 1024,
    pageRendererPssMb: (await pssKb(own)) / 1024,
    otherRenderersMb: other / 1024,
    pageJsHeapMb: metric('JSHeapUsedSize') / 1048576,
    pageDomNodes: metric('Nodes'),
  };
}
