// Dates of a sync row, quickly: the Date header (RFC 5322) as milliseconds, and ISO strings.
// Each is what V8 answers (new Date(header), Date#toISOString), at a fraction of the cost: both
// run twice per message.

const MONTHS: ReadonlyMap<string, number> = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i]));
/** RFC 5322 date-time with a numeric zone or GMT/UT/UTC/Z, an optional day name and a trailing comment. */
const RFC5322_DATE = /^\s*(?:[A-Za-z]{3}\s*,\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UTC?|Z)\s*(?:\([^()]*\)\s*)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Minutes east of UTC; null for an impossible numeric zone. */
function zoneOffsetMinutes(zone: string): number | null {
  if (zone[0] !== '+' && zone[0] !== '-') return 0;
  const minutes = Number(zone.slice(3, 5));
  if (minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + minutes);
}

/** The fast path of mailDateMs; null when V8 must decide. */
function rfc5322DateMs(value: string): number | null {
  const m = RFC5322_DATE.exec(value);
  if (!m) return null;
  const month = MONTHS.get((m[2] as string).toLowerCase());
  const day = Number(m[1]);
  const year = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offset = zoneOffsetMinutes(m[7] as string);
  if (month === undefined || offset === null || year < 1000 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > 28 && day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
}

/**
 * A Date header as milliseconds since the epoch, NaN when unreadable. The common RFC 5322 form is
 * read here (V8's string parsing costs several microseconds a header); anything else goes to V8.
 */
export function mailDateMs(value: string): number {
  return rfc5322DateMs(value) ?? new Date(value.replace(/\s*\([^)]*\)\s*$/, '')).getTime();
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Date#toISOString, written out: V8's costs about 2 µs, twice per message. */
export function isoFromMs(time: number): string {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return d.toISOString();
  const ms = d.getUTCMilliseconds();
  return `${year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
}
