import { detectAll } from 'tinyld/light';
import { type Language } from '../../../shared/domain';
import { type FormFieldKey } from './formLabels';
import { scanForm, type FormScan } from './formScan';
import { foldText } from './textFold';

// The customer's language, to pick the template language. Only the customer's own prose is
// read: quoted history, form labels and technical values (configuration, error text, names)
// would pull a French mail towards English and the reverse. tinyld is right on short FR/EN
// phrases but not always ("Hello" comes out Italian), so a small list of function words that
// only French or only English uses settles short texts.

/** Field values written in the customer's own words; the rest are names, specs or codes. */
const PROSE_FIELDS: readonly FormFieldKey[] = ['problem', 'circumstances', 'nature', 'moment'];

/**
 * Restricting tinyld to languages a European game's customers write avoids exotic picks on short text.
 * tinyld's light model (24 languages) is enough: only French, English or "another language" matters
 * here, and a Danish, Czech or Ukrainian mail still reads as another language (Norwegian, Polish,
 * Russian). The full model kept about 6 MB more on the host's heap, for 50,000 messages or none.
 */
const CANDIDATES = ['fr', 'en', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'no', 'fi', 'ro', 'hu', 'tr', 'el', 'ru', 'ar', 'he', 'zh', 'ja', 'ko'];

const FRENCH_WORDS = new Set([
  'le', 'les', 'une', 'des', 'du', 'et', 'est', 'je', 'ai', 'mon', 'ma', 'mes', 'ne', 'pas', 'vous', 'nous',
  'sur', 'dans', 'pour', 'avec', 'qui', 'au', 'aux', 'ce', 'cette', 'mais', 'quand', 'jeu', 'bonjour',
  'merci', 'cordialement', 'madame', 'monsieur', 'plante', 'lancement', 'commande', 'recu', 'depuis',
  'toujours', 'jamais', 'votre', 'notre', 'bien', 'salut', 'svp', 'ecran', 'rien', 'suis', 'avoir', 'fait',
]);
const ENGLISH_WORDS = new Set([
  'the', 'an', 'and', 'is', 'are', 'my', 'not', 'dont', 'doesnt', 'cant', 'it', 'this', 'that', 'with',
  'for', 'to', 'of', 'you', 'we', 'when', 'game', 'hello', 'hi', 'thanks', 'thank', 'please', 'regards',
  'order', 'received', 'was', 'have', 'has', 'does', 'cannot', 'dear', 'after', 'every', 'time', 'screen',
  'still', 'never', 'your', 'our', 'crashes', 'crash', 'launch', 'start', 'what', 'would', 'could',
]);

const PROSE_SAMPLE_LENGTH = 3000;

interface WordCounts { fr: number; en: number }

function countFunctionWords(text: string): WordCounts {
  const counts: WordCounts = { fr: 0, en: 0 };
  const words = foldText(text).replace(/'/g, ' ').split(/[^\p{L}]+/u);
  for (const word of words) {
    if (FRENCH_WORDS.has(word)) counts.fr += 1;
    if (ENGLISH_WORDS.has(word)) counts.en += 1;
  }
  return counts;
}

function proseOf(scan: FormScan): string {
  const values = PROSE_FIELDS.map((key) => scan.fields[key]).filter((value): value is string => value !== undefined);
  return [...scan.proseLines, ...values]
    .join('\n')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\S*\d\S*/g, ' '); // serials, versions, dates and prices say nothing of the language
}

/** Language of a piece of prose, or null when there is too little text to tell. */
export function proseLanguage(fullProse: string): Language | null {
  // The opening paragraphs tell the language; tinyld's time grows badly on long odd input.
  const prose = fullProse.slice(0, PROSE_SAMPLE_LENGTH);
  if ((prose.match(/\p{L}/gu) ?? []).length < 2) return null;
  const words = countFunctionWords(prose);
  const best = detectAll(prose, { only: CANDIDATES })[0];
  if (best !== undefined && best.lang !== 'fr' && best.lang !== 'en' && best.accuracy >= 0.5) return 'other';
  const lead = words.fr > words.en ? 'fr' : words.en > words.fr ? 'en' : null;
  const leadCount = Math.max(words.fr, words.en);
  const trailCount = Math.min(words.fr, words.en);
  const tinyldDisagrees = best !== undefined && best.accuracy >= 0.5 && best.lang !== lead;
  if (lead !== null && leadCount >= 2 && leadCount >= 2 * trailCount) return lead;
  if (lead !== null && trailCount === 0 && !tinyldDisagrees) return lead;
  if (best === undefined) return null;
  return best.lang === 'fr' || best.lang === 'en' ? best.lang : 'other';
}

/** The language most of the form's labels are written in, or null on a tie. */
export function labelLanguage(scan: FormScan): 'fr' | 'en' | null {
  const { fr, en } = scan.labelLanguages;
  return fr > en ? 'fr' : en > fr ? 'en' : null;
}

export function languageOfScan(scan: FormScan): Language {
  return proseLanguage(proseOf(scan)) ?? labelLanguage(scan) ?? 'other';
}

/** The language the customer wrote in: 'fr', 'en', or 'other' (including "cannot tell"). */
export function detectLanguage(text: string): Language {
  return languageOfScan(scanForm(text));
}
