// Case- and accent-insensitive matching that keeps string positions: each character folds to
// exactly one character, so an index found in the folded text is valid in the original.

const SPACES = /[\u00a0\u2007\u202f\u2009\u2002\u2003]/;
const APOSTROPHES = /[’‘`´ʼ]/;

function foldChar(c: string): string {
  if (SPACES.test(c)) return ' ';
  if (APOSTROPHES.test(c)) return "'";
  if (c === '：') return ':';
  if (c === '°' || c === 'º') return 'o';
  const base = c.normalize('NFD')[0] ?? c;
  const lower = base.toLowerCase();
  return lower.length === 1 ? lower : base;
}

/** Lowercase, accents removed, typographic spaces/apostrophes made plain; same length. */
export function foldText(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const code = c.charCodeAt(0);
    if (code < 0x80) { folded += c.toLowerCase(); continue; }
    // Astral characters are two UTF-16 units: keep both untouched to preserve positions.
    folded += code >= 0xd800 && code <= 0xdfff ? c : foldChar(c);
  }
  return folded;
}
