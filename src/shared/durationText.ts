// Short text for a business duration (a "day" is 24 business hours), shared by core and the UI.

export type DurationLanguage = 'fr' | 'en';

// After hours, minutes read "12 h 30 min" in English and "12 h 30" in French (as French writes it).
const UNITS: Record<DurationLanguage, { day: string; minutesAfterHours: string; overdue: (text: string) => string }> = {
  en: { day: 'd', minutesAfterHours: ' min', overdue: (text) => `overdue by ${text}` },
  fr: { day: 'j', minutesAfterHours: '', overdue: (text) => `en retard de ${text}` },
};

/** 52 -> "2 d 4 h", 12.5 -> "12 h 30 min" (fr "12 h 30"), -3 -> "overdue by 3 h". Rounded to the minute. */
export function businessDurationText(hours: number, lang: DurationLanguage): string {
  const units = UNITS[lang];
  const totalMinutes = Math.round(Math.abs(hours) * 60);
  const days = Math.floor(totalMinutes / (24 * 60));
  const wholeHours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  let text: string;
  if (days > 0) text = wholeHours > 0 ? `${days} ${units.day} ${wholeHours} h` : `${days} ${units.day}`;
  else if (wholeHours > 0) text = minutes > 0 ? `${wholeHours} h ${String(minutes).padStart(2, '0')}${units.minutesAfterHours}` : `${wholeHours} h`;
  else text = `${minutes} min`;
  return hours < 0 && totalMinutes > 0 ? units.overdue(text) : text;
}
