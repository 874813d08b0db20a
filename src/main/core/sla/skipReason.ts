import type { BusinessCalendar } from '../../../shared/calendar';
import type { SkipCause } from './businessDay';
import { publicHolidays, type HolidayLanguage } from './publicHolidays';
import { dateKey, type LocalDate } from './zonedTime';

// Human-readable reason a stretch of time was not counted, for the deadline explanation.

const WEEKDAYS: Record<HolidayLanguage, readonly string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['Dimanche', 'Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi'],
};

const CLOSED: Record<HolidayLanguage, string> = { en: 'closed', fr: 'fermé' };

export function skipReason(
  calendar: BusinessCalendar,
  cause: SkipCause,
  date: LocalDate,
  weekday: number,
  lang: HolidayLanguage,
): string {
  if (cause === 'closed') return CLOSED[lang];
  if (cause === 'weekday') return WEEKDAYS[lang][weekday] ?? CLOSED[lang];
  return publicHolidays(calendar.country, calendar.region, date.year, lang).get(dateKey(date)) ?? CLOSED[lang];
}
