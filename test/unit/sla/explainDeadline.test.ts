import { describe, it, expect } from 'vitest';
import { explainDeadline, type DeadlineExplanation } from '../../../src/main/core/sla/businessTime';
import { at, DEFAULT_CALENDAR, OFFICE } from './calendarFixtures';

// Explanations as plain ISO strings, so each expected table reads like the deadline card.
function plain(explanation: DeadlineExplanation) {
  return {
    dueAt: explanation.dueAt.toISOString(),
    counted: explanation.counted.map(({ from, to, hours }) => [from.toISOString(), to.toISOString(), hours]),
    skipped: explanation.skipped.map(({ from, to, reason }) => [from.toISOString(), to.toISOString(), reason]),
  };
}
const iso = (local: string): string => at(local).toISOString();

describe('explainDeadline', () => {
  it('names the holiday it skipped: Ascension 2026, 48 h from Wednesday 10:00', () => {
    // Wed 10:00–24:00 = 14 h, Thursday is Ascension, Fri 24 h + Sat 10 h = 34 h.
    expect(plain(explainDeadline(DEFAULT_CALENDAR, at('2026-05-13T10:00+02:00'), 48))).toEqual({
      dueAt: iso('2026-05-16T10:00+02:00'),
      counted: [
        [iso('2026-05-13T10:00+02:00'), iso('2026-05-14T00:00+02:00'), 14],
        [iso('2026-05-15T00:00+02:00'), iso('2026-05-16T10:00+02:00'), 34],
      ],
      skipped: [[iso('2026-05-14T00:00+02:00'), iso('2026-05-15T00:00+02:00'), 'Ascension Day']],
    });
  });

  it.each([
    ['en', 'Sunday', 'Whit Monday'],
    ['fr', 'Dimanche', 'Lundi de Pentecôte'],
  ] as const)('in %s lists Sunday and Whit Monday 2026 as two reasons', (lang, sunday, whitMonday) => {
    // Sat 12:00–24:00 = 12 h, Sunday, Whit Monday, Tue 00:00–12:00 = 12 h.
    expect(plain(explainDeadline(DEFAULT_CALENDAR, at('2026-05-23T12:00+02:00'), 24, lang))).toEqual({
      dueAt: iso('2026-05-26T12:00+02:00'),
      counted: [
        [iso('2026-05-23T12:00+02:00'), iso('2026-05-24T00:00+02:00'), 12],
        [iso('2026-05-26T00:00+02:00'), iso('2026-05-26T12:00+02:00'), 12],
      ],
      skipped: [
        [iso('2026-05-24T00:00+02:00'), iso('2026-05-25T00:00+02:00'), sunday],
        [iso('2026-05-25T00:00+02:00'), iso('2026-05-26T00:00+02:00'), whitMonday],
      ],
    });
  });

  it('a Sunday arrival: the rest of Sunday is skipped, Monday 00:00 starts the count', () => {
    expect(plain(explainDeadline(DEFAULT_CALENDAR, at('2026-06-07T10:00+02:00'), 48))).toEqual({
      dueAt: iso('2026-06-10T00:00+02:00'),
      counted: [[iso('2026-06-08T00:00+02:00'), iso('2026-06-10T00:00+02:00'), 48]],
      skipped: [[iso('2026-06-07T10:00+02:00'), iso('2026-06-08T00:00+02:00'), 'Sunday']],
    });
  });

  it.each([
    ['All Saints 2026 falls on a Sunday: the reason stays "Sunday"', 'en', '2026-10-31T12:00+01:00', '2026-11-01T00:00+01:00', '2026-11-02T00:00+01:00', 'Sunday'],
    ['Assumption 2026 falls on an open Saturday: the holiday is named', 'en', '2026-08-14T12:00+02:00', '2026-08-15T00:00+02:00', '2026-08-16T00:00+02:00', 'Assumption'],
    ['Christmas 2026 in French', 'fr', '2026-12-24T12:00+01:00', '2026-12-25T00:00+01:00', '2026-12-26T00:00+01:00', 'Noël'],
  ] as const)('%s', (_why, lang, from, skipFrom, skipTo, reason) => {
    const { skipped } = plain(explainDeadline(DEFAULT_CALENDAR, at(from), 24, lang));
    expect(skipped[0]).toEqual([iso(skipFrom), iso(skipTo), reason]);
  });

  it('the spring-forward Sunday is skipped as 23 real hours', () => {
    // Sat 22:00–24:00 (+01:00) = 2 h, Sunday 29 March skipped, Mon 00:00–02:00 (+02:00) = 2 h.
    expect(plain(explainDeadline(DEFAULT_CALENDAR, at('2026-03-28T22:00+01:00'), 4))).toEqual({
      dueAt: '2026-03-30T00:00:00.000Z',
      counted: [
        ['2026-03-28T21:00:00.000Z', '2026-03-28T23:00:00.000Z', 2],
        ['2026-03-29T22:00:00.000Z', '2026-03-30T00:00:00.000Z', 2],
      ],
      skipped: [['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 'Sunday']],
    });
  });

  it('office calendar: evening and morning are "closed", the weekend days are named', () => {
    expect(plain(explainDeadline(OFFICE, at('2026-06-12T17:00+02:00'), 2))).toEqual({
      dueAt: iso('2026-06-15T10:00+02:00'),
      counted: [
        [iso('2026-06-12T17:00+02:00'), iso('2026-06-12T18:00+02:00'), 1],
        [iso('2026-06-15T09:00+02:00'), iso('2026-06-15T10:00+02:00'), 1],
      ],
      skipped: [
        [iso('2026-06-12T18:00+02:00'), iso('2026-06-13T00:00+02:00'), 'closed'],
        [iso('2026-06-13T00:00+02:00'), iso('2026-06-14T00:00+02:00'), 'Saturday'],
        [iso('2026-06-14T00:00+02:00'), iso('2026-06-15T00:00+02:00'), 'Sunday'],
        [iso('2026-06-15T00:00+02:00'), iso('2026-06-15T09:00+02:00'), 'closed'],
      ],
    });
  });

  it('office calendar: an overnight gap between two days is one "fermé" stretch, lunch another', () => {
    // Mon 17:00–18:00 = 1 h, closed 18:00 → Tue 09:00, Tue 09:00–12:00 = 3 h, lunch, 14:00–15:00 = 1 h.
    expect(plain(explainDeadline(OFFICE, at('2026-06-08T17:00+02:00'), 5, 'fr'))).toEqual({
      dueAt: iso('2026-06-09T15:00+02:00'),
      counted: [
        [iso('2026-06-08T17:00+02:00'), iso('2026-06-08T18:00+02:00'), 1],
        [iso('2026-06-09T09:00+02:00'), iso('2026-06-09T12:00+02:00'), 3],
        [iso('2026-06-09T14:00+02:00'), iso('2026-06-09T15:00+02:00'), 1],
      ],
      skipped: [
        [iso('2026-06-08T18:00+02:00'), iso('2026-06-09T09:00+02:00'), 'fermé'],
        [iso('2026-06-09T12:00+02:00'), iso('2026-06-09T14:00+02:00'), 'fermé'],
      ],
    });
  });

  it('gives the same dueAt as addBusinessHours would for zero hours: the arrival, nothing listed', () => {
    expect(plain(explainDeadline(DEFAULT_CALENDAR, at('2026-06-07T10:00+02:00'), 0))).toEqual({
      dueAt: iso('2026-06-07T10:00+02:00'), counted: [], skipped: [],
    });
  });
});
