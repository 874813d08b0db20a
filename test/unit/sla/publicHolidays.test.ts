import { describe, it, expect } from 'vitest';
import { publicHolidays } from '../../../src/main/core/sla/publicHolidays';

// The French public holidays, as the law lists them; date-holidays must agree with this hand-made table.
// Whit Monday (Lundi de Pentecôte) is type 'public' in date-holidays for FR, and it is a legal public
// holiday (even where firms use it as "journée de solidarité"), so it does not count as business time.
// Pentecost Sunday and Mother's Day are only 'observance' and are left out.

const FR_2026: Array<[string, string, string]> = [
  ['2026-01-01', "New Year's Day", 'Nouvel An'], // Thursday
  ['2026-04-06', 'Easter Monday', 'Lundi de Pâques'], // Easter is Sunday 5 April 2026
  ['2026-05-01', 'Labour Day', 'Fête du travail'], // Friday
  ['2026-05-08', 'Victory Day', 'Fête de la Victoire 1945'], // Friday
  ['2026-05-14', 'Ascension Day', 'Ascension'], // Easter + 39 days, Thursday
  ['2026-05-25', 'Whit Monday', 'Lundi de Pentecôte'], // Easter + 50 days
  ['2026-07-14', 'Bastille Day', 'Fête Nationale de la France'], // Tuesday
  ['2026-08-15', 'Assumption', 'Assomption'], // Saturday
  ['2026-11-01', "All Saints' Day", 'Toussaint'], // Sunday
  ['2026-11-11', 'Armistice Day', 'Armistice 1918'], // Wednesday
  ['2026-12-25', 'Christmas Day', 'Noël'], // Friday
];

const FR_2027: Array<[string, string, string]> = [
  ['2027-01-01', "New Year's Day", 'Nouvel An'], // Friday
  ['2027-03-29', 'Easter Monday', 'Lundi de Pâques'], // Easter is Sunday 28 March 2027
  ['2027-05-01', 'Labour Day', 'Fête du travail'], // Saturday
  ['2027-05-06', 'Ascension Day', 'Ascension'], // Easter + 39 days, Thursday
  ['2027-05-08', 'Victory Day', 'Fête de la Victoire 1945'], // Saturday
  ['2027-05-17', 'Whit Monday', 'Lundi de Pentecôte'], // Easter + 50 days
  ['2027-07-14', 'Bastille Day', 'Fête Nationale de la France'], // Wednesday
  ['2027-08-15', 'Assumption', 'Assomption'], // Sunday
  ['2027-11-01', "All Saints' Day", 'Toussaint'], // Monday
  ['2027-11-11', 'Armistice Day', 'Armistice 1918'], // Thursday
  ['2027-12-25', 'Christmas Day', 'Noël'], // Saturday
];

describe('publicHolidays (FR)', () => {
  it.each([
    [2026, FR_2026],
    [2027, FR_2027],
  ])('lists exactly the eleven public holidays of %i, in English and French', (year, table) => {
    expect([...publicHolidays('FR', undefined, year, 'en')]).toEqual(table.map(([date, en]) => [date, en]));
    expect([...publicHolidays('FR', undefined, year, 'fr')]).toEqual(table.map(([date, , fr]) => [date, fr]));
  });

  it('leaves out observances: Pentecost Sunday and Mother\'s Day 2026', () => {
    const holidays = publicHolidays('FR', undefined, 2026, 'en');
    expect(holidays.has('2026-05-24')).toBe(false);
    expect(holidays.has('2026-05-31')).toBe(false);
  });

  it('adds the regional holidays of Moselle (57): Good Friday and 26 December', () => {
    const moselle = publicHolidays('FR', '57', 2026, 'en');
    expect(moselle.get('2026-04-03')).toBe('Good Friday');
    expect(moselle.get('2026-12-26')).toBe('Boxing Day');
    expect(moselle.size).toBe(13);
  });

  it('returns the same memoised map for the same (country, region, year, language)', () => {
    expect(publicHolidays('FR', undefined, 2026, 'en')).toBe(publicHolidays('FR', undefined, 2026, 'en'));
  });
});
