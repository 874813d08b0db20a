import { businessDurationText } from '../../../shared/durationText';
import type { HolidayLanguage } from './publicHolidays';

/** e.g. 52 -> "2 d 4 h", 12.5 -> "12 h 30 min" (fr "12 h 30"), -3 -> "overdue by 3 h". Rounded to the minute. */
export function describeDuration(hours: number, lang: HolidayLanguage = 'en'): string {
  return businessDurationText(hours, lang);
}
