import { decodeRawHeaderBytes } from './headers';

// Body text limits and a deliberately small HTML-to-text fallback. triage/htmlText.ts does the
// careful conversion for display; this only needs to be good enough for triage rules.

/** Characters of plain text kept for triage. */
export const MAX_TEXT_CHARS = 256 * 1024;
/** Characters of subject kept: RFC 5322's line limit; longer is noise or an attack. */
export const MAX_SUBJECT_CHARS = 998;
/** Characters of HTML kept for display. */
export const MAX_HTML_CHARS = 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Strips tags, scripts, styles and comments; block elements become line breaks. Linear time. */
export function stripHtmlTags(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<(script|style|head|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
      .replace(/<(?:br|\/p|\/div|\/li|\/tr|\/h[1-6]|\/blockquote|hr)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>?/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts to `max` characters without splitting a surrogate pair. */
export function clip(value: string, max: number): { value: string; clipped: boolean } {
  if (value.length <= max) return { value, clipped: false };
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { value: value.slice(0, end), clipped: true };
}

/** Removes NUL and other control characters that have no place in a stored text body. */
export function cleanBodyText(value: string): string {
  return value.replace(/(?![\t\n\r])\p{Cc}/gu, '');
}

/**
 * Best-effort text of a body MIME could not split (missing or wrong boundary): the raw bytes
 * as UTF-8 or Windows-1252, without delimiter lines and part headers.
 */
export function rawBodyText(body: Buffer | null): string {
  if (!body) return '';
  return decodeRawHeaderBytes(body.toString('latin1'))
    .split(/\r\n|\n|\r/)
    .filter((line) => !/^--\S+$/.test(line) && !/^content-[\w-]+:/i.test(line))
    .join('\n')
    .trim();
}
