import type { HolidayLanguage } from './publicHolidays';

// Short text for a business duration on a ticket card; a "day" is 24 business hours.

const UNITS: Record<HolidayLanguage, { day: string; overdue: (text: string) => string; minutesSuffix: string }> = {
  en: { day: 'd', overdue: (text) => `overdue by ${text}`, minutesSuffix: ' min' },
  fr: { day: 'j', overdue: (text) => `en retard de ${text}`, minutesSuffix: '' },
};

/** e.g. 52 -> "2 d 4 h", 12.5 -> "12 h 30 min" (fr "12 h 30"), -3 -> "overdue by 3 h". Rounded to the minute. */
export function describeDuration(hours: number, lang: HolidayLanguage = 'en'): string {
  const units = UNITS[lang];
  const totalMinutes = Math.round(Math.abs(hours) * 60);
  const days = Math.floor(totalMinutes / (24 * 60));
  const wholeHours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  let text: string;
  if (days > 0) text = wholeHours > 0 ? `${days} ${units.day} ${wholeHours} h` : `${days} ${units.day}`;
  else if (wholeHours > 0) text = minutes > 0 ? `${wholeHours} h ${String(minutes).padStart(2, '0')}${units.minutesSuffix}` : `${wholeHours} h`;
  else text = `${minutes} min`;
  return hours < 0 && totalMinutes > 0 ? units.overdue(text) : text;
}
