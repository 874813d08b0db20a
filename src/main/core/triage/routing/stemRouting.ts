// A light FR/EN stemmer: strip one common suffix, then cut to a prefix, so "installer" and "installation" meet.

const suffixes: readonly string[] = [
  'issements', 'issement', 'ements', 'ement', 'ations', 'ation', 'ments', 'ment', 'ables', 'able', 'ages', 'age',
  'ings', 'ing', 'ions', 'ion', 'euses', 'euse', 'eurs', 'eur', 'ees', 'ee', 'ies', 'ied', 'es', 'ed', 'er', 'ez',
  'ly', 's', 'e', 'x',
];

const minimumStem = 3;
const prefixLength = 6;

export function stemRouting(word: string): string {
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= minimumStem && word.endsWith(suffix)) {
      return word.slice(0, word.length - suffix.length).slice(0, prefixLength);
    }
  }
  return word.slice(0, prefixLength);
}
