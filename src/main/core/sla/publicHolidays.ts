import Holidays from 'date-holidays';

// Public holidays of a country, by local date. date-holidays is slow per call, so both the
// per-country instance and each (country, region, year, language) list are memoised.

export type HolidayLanguage = 'fr' | 'en';

const instances = new Map<string, Holidays>();
const byYear = new Map<string, ReadonlyMap<string, string>>();

function holidaysOf(country: string, region: string | undefined): Holidays {
  const key = `${country}|${region ?? ''}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = region === undefined ? new Holidays(country) : new Holidays(country, region);
    instances.set(key, instance);
  }
  return instance;
}

/**
 * Public holidays of one year: 'YYYY-MM-DD' -> name in `lang`.
 * Only type 'public' counts: observances (Pentecost Sunday, Mother's Day) are ordinary days.
 * A holiday is taken as the whole local date, even where date-holidays gives a start hour.
 */
export function publicHolidays(
  country: string,
  region: string | undefined,
  year: number,
  lang: HolidayLanguage,
): ReadonlyMap<string, string> {
  const key = `${country}|${region ?? ''}|${year}|${lang}`;
  let holidays = byYear.get(key);
  if (!holidays) {
    const names = new Map<string, string>();
    for (const holiday of holidaysOf(country, region).getHolidays(year, lang)) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      const sameDay = names.get(date);
      names.set(date, sameDay === undefined ? holiday.name : `${sameDay}, ${holiday.name}`);
    }
    holidays = names;
    byYear.set(key, holidays);
  }
  return holidays;
}
