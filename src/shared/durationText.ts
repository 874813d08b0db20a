// Short text for a business duration (a "day" is 24 business hours), shared by core and the UI.

export type DurationLanguage = 'fr' | 'en';

const UNITS: Record<DurationLanguage, { day: string; overdue: (text: string) => string }> = {
  en: { day: 'd', overdue: (text) => `overdue by ${text}` },
  fr: { day: 'j', overdue: (text) => `en retard de ${text}` },
};

/** 52 -> "2 d 4 h", 12.5 -> "12 h 30" (+ `minutesSuffix`), -3 -> "overdue by 3 h". Rounded to the minute. */
export function businessDurationText(hours: number, lang: DurationLanguage, minutesSuffix = ''): string {
  const units = UNITS[lang];
  const totalMinutes = Math.round(Math.abs(hours) * 60);
  const days = Math.floor(totalMinutes / (24 * 60));
  const wholeHours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  let text: string;
  if (days > 0) text = wholeHours > 0 ? `${days} ${units.day} ${wholeHours} h` : `${days} ${units.day}`;
  else if (wholeHours > 0) text = minutes > 0 ? `${wholeHours} h ${String(minutes).padStart(2, '0')}${minutesSuffix}` : `${wholeHours} h`;
  else text = `${minutes} min`;
  return hours < 0 && totalMinutes > 0 ? units.overdue(text) : text;
}
