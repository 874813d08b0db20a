import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';

// Test-only: decode a fixture .eml into the bodies triage reads. The HTML is not converted to
// text here (skipHtmlToText), so HTML-only fixtures exercise Guichet's own htmlToText.

export interface DecodedEml {
  text: string;
  html: string | null;
}

export async function loadEml(path: string): Promise<DecodedEml> {
  const parsed = await simpleParser(await readFile(path), { skipHtmlToText: true });
  return { text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : null };
}
