// Short texts for business durations and relative times, pure so they are unit-tested.
import { businessDurationText } from '../../../shared/durationText';

export type UiLang = 'fr' | 'en';

/** Business hours left on a clock: 52 -> "2 d 4 h" ("2 j 4 h"), -3 -> "overdue by 3 h". A day is 24 business hours. */
export function formatBusinessHours(hours: number, lang: UiLang): string {
  return businessDurationText(hours, lang);
}

/** "2 minutes ago" / "il y a 2 minutes", from two instants. */
export function formatRelative(atIso: string, nowMs: number, lang: UiLang): string {
  const seconds = Math.round((Date.parse(atIso) - nowMs) / 1000);
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** "12.3 kB" style sizes for attachments. */
export function formatBytes(size: number, lang: UiLang): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toLocaleString(lang, { maximumFractionDigits: 1 });
  return `${text} ${units[unit]}`;
}

/** Date and time for a message or a deadline, in the UI language. */
export function formatDateTime(iso: string, lang: UiLang, timeZone?: string | undefined): string {
  return new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
}

/**
 * Date and time in the team's calendar zone (deadlines count its opening hours). When the desk
 * runs in another zone the zone is named ("16:44 UTC+1"): the thread beside it is in the desk's
 * own zone, and two unlabelled clocks an hour apart read as a wrong deadline.
 */
export function formatDateTimeInZone(iso: string, lang: UiLang, timeZone: string, localZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): string {
  if (sameClock(iso, timeZone, localZone)) return formatDateTime(iso, lang, timeZone);
  // dateStyle cannot be combined with timeZoneName: the offset comes from a formatter of its own.
  const offset = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(iso)).find((part) => part.type === 'timeZoneName')?.value;
  return offset ? `${formatDateTime(iso, lang, timeZone)} ${offset}` : formatDateTime(iso, lang, timeZone);
}

/** Whether two zones show the same wall clock at that instant (Europe/Paris and Europe/Berlin do). */
function sameClock(iso: string, a: string, b: string): boolean {
  if (a === b) return true;
  const at = new Date(iso);
  const wall = (timeZone: string) => at.toLocaleString('en-GB', { timeZone, hour12: false });
  return wall(a) === wall(b);
}
