import { foldText } from './textFold';

// The customer's own words only: quoted replies ("> …") and everything after an attribution
// line ("Le … a écrit :", "On … wrote:") or an "Original Message" header belong to older mail,
// whose form must not be read as this one's.

const ATTRIBUTION_END = /(a\s+ecrit|wrote|schrieb|escribio|ha\s+scritto)\s*:?\s*$/;
const ATTRIBUTION_START = /^(le|on|am|el|il)\b/;
const ORIGINAL_MESSAGE = /^-{2,}\s*(original message|message d'origine|message original|messaggio originale|ursprungliche nachricht)\s*-*$/;
const HEADER_BLOCK_START = /^(de|from)\s*:/;
const HEADER_BLOCK_NEXT = /^(envoye|sent|date|a|to|objet|subject)\s*:/;
const SIGNATURE = /^--\s?$/;

function isQuoteLine(line: string): boolean {
  return /^\s*>/.test(line);
}

/** Index of the first line of older history, or lines.length when there is none. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const folded = foldText(line).trim();
    if (SIGNATURE.test(line)) return i;
    if (ORIGINAL_MESSAGE.test(folded)) return i;
    if (ATTRIBUTION_END.test(folded)) {
      if (ATTRIBUTION_START.test(folded)) return i;
      const previous = foldText(lines[i - 1] ?? '').trim();
      if (i > 0 && ATTRIBUTION_START.test(previous) && !isQuoteLine(lines[i - 1] ?? '')) return i - 1;
    }
    if (HEADER_BLOCK_START.test(folded)) {
      const next = foldText(lines[i + 1] ?? '').trim();
      if (HEADER_BLOCK_NEXT.test(next)) return i;
    }
  }
  return lines.length;
}

/** The text without quoted lines, attribution and everything after it, or a signature. */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines
    .slice(0, historyStart(lines))
    .filter((line) => !isQuoteLine(line))
    .join('\n');
}
