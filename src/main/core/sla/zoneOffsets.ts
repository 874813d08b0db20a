// UTC offsets of an IANA time zone, with Intl only. Asking Intl costs microseconds, so offsets are
// memoised per zone and per 15-minute block of UTC: every offset in use since the 1970s is a
// multiple of 15 minutes and changes at a local quarter hour, so a transition falls on a block
// boundary. Older transitions (local mean time, -0:44:30 in Monrovia until 1972) are found to the
// second and remembered with their block.

const BLOCK_MS = 15 * 60_000;
/** Bound on memoised blocks per zone (about three years), so a long-lived process cannot grow without end. */
const BLOCK_LIMIT = 100_000;

/** A block holding a transition: `before` until `at` (exclusive), `after` from it. */
interface Transition {
  at: number;
  before: number;
  after: number;
}

interface ZoneOffsets {
  name: string;
  formatter: Intl.DateTimeFormat;
  /** Offset in ms of each block that has one offset; NaN for a block holding a transition. */
  blocks: Map<number, number>;
  transitions: Map<number, Transition>;
  /** Intl's offset at the first second of a block: learning a block asks for the next one's too. */
  starts: Map<number, number>;
}

const zones = new Map<string, ZoneOffsets>();
/** The zone asked last: a board uses one zone, and this spares a map lookup per offset. */
let lastZone: ZoneOffsets | null = null;

function zoneOf(timeZone: string): ZoneOffsets {
  if (lastZone?.name === timeZone) return lastZone;
  let zone = zones.get(timeZone);
  if (!zone) {
    // One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zone = { name: timeZone, formatter, blocks: new Map(), transitions: new Map(), starts: new Map() };
    zones.set(timeZone, zone);
  }
  lastZone = zone;
  return zone;
}

/** "11/22/2026, 17:05:26": what en-US with hourCycle h23 gives for ordinary years. */
const FORMATTED = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The wall clock reading at `instantMs`, expressed as if it were a UTC timestamp. */
function wallClockMs(formatter: Intl.DateTimeFormat, instantMs: number): number {
  // format() costs a fifth of formatToParts(); anything unexpected (an era, other digits) takes the parts.
  const match = FORMATTED.exec(formatter.format(instantMs));
  if (match !== null) {
    return Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2]), Number(match[4]), Number(match[5]), Number(match[6]));
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The offset at a whole second, asked of Intl. */
function intlOffset(formatter: Intl.DateTimeFormat, wholeSecond: number): number {
  return wallClockMs(formatter, wholeSecond) - wholeSecond;
}

function startOffset(zone: ZoneOffsets, block: number): number {
  let offset = zone.starts.get(block);
  if (offset === undefined) {
    offset = intlOffset(zone.formatter, block * BLOCK_MS);
    zone.starts.set(block, offset);
  }
  return offset;
}

function learnBlock(zone: ZoneOffsets, block: number): number {
  if (zone.blocks.size >= BLOCK_LIMIT || zone.starts.size >= BLOCK_LIMIT) {
    zone.blocks.clear();
    zone.transitions.clear();
    zone.starts.clear();
  }
  const from = block * BLOCK_MS;
  const before = startOffset(zone, block);
  // The same offset at the next block's start settles it; a change there may be right at that
  // start, so then the block's last second decides.
  const next = startOffset(zone, block + 1);
  const after = next === before ? next : intlOffset(zone.formatter, from + BLOCK_MS - 1000);
  if (before === after) {
    zone.blocks.set(block, before);
    return before;
  }
  // Off the grid: binary search for the first second at the new offset.
  let low = from;
  let high = from + BLOCK_MS - 1000;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2000) * 1000;
    if (intlOffset(zone.formatter, mid) === before) low = mid;
    else high = mid;
  }
  zone.blocks.set(block, NaN);
  zone.transitions.set(block, { at: high, before, after });
  return NaN;
}

/** UTC offset in ms at an instant (local = instant + offset), as at the start of its second. */
export function offsetAt(timeZone: string, instantMs: number): number {
  const zone = zoneOf(timeZone);
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  if (!Number.isFinite(wholeSecond)) return intlOffset(zone.formatter, wholeSecond);
  const block = Math.floor(wholeSecond / BLOCK_MS);
  let offset = zone.blocks.get(block);
  if (offset === undefined) offset = learnBlock(zone, block);
  if (!Number.isNaN(offset)) return offset;
  const transition = zone.transitions.get(block) as Transition;
  return wholeSecond < transition.at ? transition.before : transition.after;
}
