import { describe, expect, it } from 'vitest';
import { formatBusinessHours, formatBytes, formatRelative, formatDateTimeInZone } from '../../../src/renderer/src/state/format';

describe('formatBusinessHours', () => {
  it.each([
    [52, 'en', '2 d 4 h'],
    [52, 'fr', '2 j 4 h'],
    [48, 'fr', '2 j'],
    [12.5, 'en', '12 h 30 min'],
    [12.5, 'fr', '12 h 30'],
    [5, 'en', '5 h'],
    [0.25, 'en', '15 min'],
    [-3, 'en', 'overdue by 3 h'],
    [-3, 'fr', 'en retard de 3 h'],
    [-26, 'en', 'overdue by 1 d 2 h'],
    [0, 'en', '0 min'],
  ] as const)('%d h in %s -> %s', (hours, lang, expected) => {
    expect(formatBusinessHours(hours, lang)).toBe(expected);
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');
  it('says how long ago, in the UI language', () => {
    expect(formatRelative('2026-11-20T09:58:00Z', now, 'en')).toBe('2 minutes ago');
    expect(formatRelative('2026-11-20T09:58:00Z', now, 'fr')).toBe('il y a 2 minutes');
    expect(formatRelative('2026-11-20T09:59:50Z', now, 'en')).toBe('now');
    expect(formatRelative('2026-11-20T07:00:00Z', now, 'en')).toBe('3 hours ago');
  });
});

describe('formatBytes', () => {
  it.each([
    [512, 'en', '512 B'],
    [12_345, 'en', '12.3 kB'],
    [12_345, 'fr', '12,3 Ko'],
    [3_200_000, 'en', '3.2 MB'],
  ] as const)('%d in %s -> %s', (size, lang, expected) => expect(formatBytes(size, lang)).toBe(expected));
});

describe('formatDateTimeInZone', () => {
  const due = '2026-11-19T15:44:00.000Z'; // 16:44 in Paris, 15:44 in London
  it('names the zone when the desk runs in another one', () => {
    expect(formatDateTimeInZone(due, 'en', 'Europe/Paris', 'Europe/London')).toBe('Nov 19, 2026, 4:44 PM GMT+1');
    expect(formatDateTimeInZone(due, 'fr', 'Europe/Paris', 'UTC')).toBe('19 nov. 2026, 16:44 UTC+1');
  });

  it('says nothing more when the desk shows the same clock', () => {
    expect(formatDateTimeInZone(due, 'fr', 'Europe/Paris', 'Europe/Paris')).toBe('19 nov. 2026, 16:44');
    expect(formatDateTimeInZone(due, 'fr', 'Europe/Paris', 'Europe/Berlin')).toBe('19 nov. 2026, 16:44');
  });
});
