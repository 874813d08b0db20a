import { wallTimeMinutes, WallTime, type BusinessCalendar, type SlaPolicy } from '../../../../shared/calendar';

// Calendar and SLA settings as the form edits them, and the checks made before saving or previewing.

export const COUNTRIES = ['FR', 'BE', 'CH', 'CA', 'LU', 'GB', 'US', 'DE', 'ES', 'IT'] as const;

export const TIME_ZONES = [
  'Europe/Paris', 'Europe/Brussels', 'Europe/Zurich', 'Europe/Luxembourg', 'Europe/London', 'Europe/Berlin',
  'Europe/Madrid', 'Europe/Rome', 'Europe/Lisbon', 'America/Toronto', 'America/New_York', 'America/Chicago',
  'America/Denver', 'America/Los_Angeles', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea', 'UTC',
] as const;

/** Display order Monday first; values are the contract's weekday indexes (0 = Sunday). */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

export type Interval = [string, string];
export type IntervalError = 'format' | 'order' | 'overlap';

/** One error per interval (null when fine), in the same shape as the opening hours. */
export function openingHoursErrors(days: Interval[][]): (IntervalError | null)[][] {
  return days.map((intervals) =>
    intervals.map(([start, end], i) => {
      if (!WallTime.safeParse(start).success || !WallTime.safeParse(end).success) return 'format';
      if (wallTimeMinutes(start) >= wallTimeMinutes(end)) return 'order';
      const previous = intervals[i - 1];
      if (previous && WallTime.safeParse(previous[1]).success && wallTimeMinutes(start) < wallTimeMinutes(previous[1])) return 'overlap';
      return null;
    }),
  );
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The next interval to offer: office hours on a closed day, else one hour after the last one. Null when the day is full. */
export function nextInterval(intervals: Interval[]): Interval | null {
  const last = intervals.at(-1);
  if (!last) return ['09:00', '18:00'];
  if (!WallTime.safeParse(last[1]).success) return null;
  const start = wallTimeMinutes(last[1]);
  if (start >= 24 * 60) return null;
  return [hhmm(start), hhmm(Math.min(start + 60, 24 * 60))];
}

export interface SlaDraft {
  firstResponseHours: string;
  updateHours: string;
  customerRepliedHours: string;
  transferHours: string;
  dueSoonHours: string;
  undoSeconds: string;
}

export type SlaField = keyof SlaDraft;
export type SlaFieldError = 'positive' | 'nonNegative' | 'undoRange';

export function slaDraftFrom(sla: SlaPolicy, undoSeconds: number): SlaDraft {
  return {
    firstResponseHours: String(sla.firstResponseHours),
    updateHours: String(sla.updateHours),
    customerRepliedHours: String(sla.customerRepliedHours),
    transferHours: String(sla.transferHours),
    dueSoonHours: String(sla.dueSoonHours),
    undoSeconds: String(undoSeconds),
  };
}

function number(text: string): number | null {
  if (!/^\s*\d+(?:[.,]\d+)?\s*$/.test(text)) return null;
  return Number(text.trim().replace(',', '.'));
}

export function slaErrors(draft: SlaDraft): Partial<Record<SlaField, SlaFieldError>> {
  const errors: Partial<Record<SlaField, SlaFieldError>> = {};
  for (const field of ['firstResponseHours', 'updateHours', 'customerRepliedHours', 'transferHours'] as const) {
    const value = number(draft[field]);
    if (value === null || value <= 0) errors[field] = 'positive';
  }
  if (number(draft.dueSoonHours) === null) errors.dueSoonHours = 'nonNegative';
  const undo = number(draft.undoSeconds);
  if (undo === null || !Number.isInteger(undo) || undo > 120) errors.undoSeconds = 'undoRange';
  return errors;
}

/** Call only once slaErrors() is empty. */
export function slaFromDraft(draft: SlaDraft): { sla: SlaPolicy; undoSeconds: number } {
  const n = (text: string) => Number(text.trim().replace(',', '.'));
  return {
    sla: {
      firstResponseHours: n(draft.firstResponseHours),
      updateHours: n(draft.updateHours),
      customerRepliedHours: n(draft.customerRepliedHours),
      transferHours: n(draft.transferHours),
      dueSoonHours: n(draft.dueSoonHours),
    },
    undoSeconds: n(draft.undoSeconds),
  };
}

export function calendarFrom(timeZone: string, country: string, region: string | undefined, days: Interval[][]): BusinessCalendar {
  return { timeZone, country, ...(region ? { region } : {}), openingHours: days.map((d) => d.map(([a, b]): [string, string] => [a, b])) };
}

function offsetMs(instantMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instantMs / 1000) * 1000;
}

/** A datetime-local value ("2026-05-13T10:00") read as wall time in the team's zone, as an ISO instant. */
export function wallTimeToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let instant = asUtc - offsetMs(asUtc, timeZone);
  const corrected = asUtc - offsetMs(instant, timeZone);
  if (corrected !== instant) instant = corrected;
  return new Date(instant).toISOString();
}

/** Now as a datetime-local value in the team's zone. */
export function nowAsWallTime(timeZone: string, now = new Date()): string {
  const shifted = new Date(now.getTime() + offsetMs(now.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}
