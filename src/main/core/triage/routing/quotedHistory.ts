// Removes the quoted conversation under a customer's reply, so the routing reads only what they wrote now.

/** Lines that open a quoted block: everything from here down is history. */
const historyOpeners: readonly RegExp[] = [
  /^-{2,}\s*original message\s*-{2,}\s*$/i,
  /^-{2,}\s*message d'origine\s*-{2,}\s*$/i,
  /^-{2,}\s*message original\s*-{2,}\s*$/i,
  /^_{5,}\s*$/, // Outlook's rule above its "De : … Envoyé :" header block
];

/** Attribution lines, tried on one line and on two joined lines (clients wrap long attributions). */
const attributions: readonly RegExp[] = [
  /^\s*le\s.{3,200}\sa\s+[ée]crit\s*:\s*$/i,
  /^\s*on\s.{3,200}\swrote\s*:\s*$/i,
];

/** Outlook header blocks: "De : X" then "Envoyé : …" (or From/Sent, Von/Gesendet) within a few lines. */
const headerPairs: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^\s*\*?de\s?:\s?\*?\s*\S/i, /^\s*\*?(envoy[ée]|date)\s?:\s?\*?/i],
  [/^\s*\*?from\s?:\s?\*?\s*\S/i, /^\s*\*?(sent|date)\s?:\s?\*?/i],
];

const headerLookahead = 4;

export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = firstHistoryLine(lines);
  const kept = (cut === -1 ? lines : lines.slice(0, cut)).filter((line) => !/^\s*>/.test(line));
  return kept.join('\n').trim();
}

function firstHistoryLine(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (historyOpeners.some((re) => re.test(line.trim()))) return i;
    if (attributions.some((re) => re.test(line) || re.test(wrappedAttribution(line, lines[i + 1])))) return i;
    if (opensHeaderBlock(lines, i)) return i;
  }
  return -1;
}

/** "Le lun. 3 mars 2025 à 10:12, Jean <j@x.fr> a" + "écrit :" — only when the first part is not a finished sentence. */
function wrappedAttribution(line: string, next: string | undefined): string {
  if (next === undefined || /[.!?]\s*$/.test(line) || !/^\s*\S.{0,60}:\s*$/.test(next)) return '';
  return `${line} ${next}`;
}

function opensHeaderBlock(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? '';
  for (const [first, second] of headerPairs) {
    if (!first.test(line)) continue;
    for (let j = i + 1; j <= i + headerLookahead && j < lines.length; j++) {
      if (second.test(lines[j] ?? '')) return true;
    }
  }
  return false;
}
