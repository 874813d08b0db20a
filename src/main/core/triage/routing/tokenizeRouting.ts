import { stemRouting } from './stemRouting';
import { stopWords } from './stopWords';

// Turns subject + body into routing features: folded, stop-worded, stemmed words plus adjacent-word pairs.

export interface RoutingToken {
  /** The feature the model counts, e.g. "instal" or "cart graphi". */
  feature: string;
  /** What the customer actually wrote, shown as evidence, e.g. "installation". */
  surface: string;
}

/** Amounts of money are consumer talk whatever the figure. */
const moneyPattern = /(\d+(?:[.,]\d{1,2})?\s?(?:€|eur\b|euros?\b|\$|usd\b|£))|((?:€|\$|£)\s?\d)/i;
const hexCodePattern = /^0x[0-9a-f]{4,}$/;
const unitPattern = /^\d+(go|gb|mo|mb|to|tb|ghz|mhz|hz|fps)$/;
const letterCodePattern = /^([a-z]{2,})\d+[a-z]?$/;

export function foldForRouting(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

export function tokenizeRouting(text: string): RoutingToken[] {
  const tokens: RoutingToken[] = [];
  if (moneyPattern.test(text)) tokens.push({ feature: '#money', surface: 'montant / amount' });
  let previous: RoutingToken | null = null;
  // Split before folding so evidence shows the customer's own spelling, accents included.
  for (const written of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const raw = foldForRouting(written).replace(/[^a-z0-9]/g, '');
    const word = wordFeature(raw, written);
    if (word === null) {
      // Short dropped words ("pas", "the") keep the pair; longer ones ("avec", "because") end it.
      if (raw.length > 3) previous = null;
      continue;
    }
    tokens.push(word);
    if (previous !== null) tokens.push({ feature: `${previous.feature} ${word.feature}`, surface: `${previous.surface} ${word.surface}` });
    previous = word;
  }
  return tokens;
}

function wordFeature(raw: string, surface: string): RoutingToken | null {
  if (raw.length < 2 || stopWords.has(raw)) return null;
  if (hexCodePattern.test(raw)) return { feature: '#hexcode', surface };
  const unit = unitPattern.exec(raw);
  if (unit?.[1] !== undefined) return { feature: `#${unit[1]}`, surface };
  if (/^\d+$/.test(raw)) return null;
  const code = letterCodePattern.exec(raw);
  const word = code?.[1] ?? raw;
  if (stopWords.has(word)) return null;
  return { feature: stemRouting(word), surface };
}
