import { headerValue, scanHeaderLines, type RawHeaderLine } from './headers';

// Most customer mails are one text/plain part in UTF-8 or ASCII. Reading those through mailparser
// (streams, a MIME tree, libmime) costs about 1.5 ms each, which is most of the background
// triage-text fill after a first sync (50,000 messages: about 85 s). This reads exactly those
// messages directly and gives what mailparser gives (test/unit/mail/simpleText.test.ts compares
// the two on generated variants and on mailparser's own fixtures). Anything else returns null and
// goes to mailparser: multipart, another type or charset, format=flowed, 8-bit bytes that are not
// valid UTF-8, an unknown transfer encoding, a repeated Content-Type, a source past MAX_BYTES.

const MAX_BYTES = 512 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface SimpleText {
  headerLines: RawHeaderLine[];
  text: string;
}

/** Where the body starts, after the header block and its blank line; -1 when there is no such line. */
function bodyStart(source: Buffer): number {
  const crlf = source.indexOf('\r\n\r\n');
  const lf = source.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return -1;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return crlf + 4;
  // A bare LF separator: mixed line endings are mailparser's to judge.
  return source.includes('\r') ? -1 : lf + 2;
}

function plainTextCharset(contentType: string | null): 'utf-8' | 'us-ascii' | null {
  if (contentType === null) return 'us-ascii';
  const [type, ...params] = contentType.split(';').map((p) => p.trim());
  if (type?.toLowerCase() !== 'text/plain') return null;
  let charset: 'utf-8' | 'us-ascii' = 'us-ascii';
  for (const param of params) {
    if (param === '') continue;
    const match = /^charset\s*=\s*"?([A-Za-z0-9_-]+)"?$/i.exec(param);
    if (!match) return null; // format=flowed, delsp, name=…: mailparser's job
    const name = (match[1] as string).toLowerCase();
    if (name === 'utf-8' || name === 'utf8') charset = 'utf-8';
    else if (name === 'us-ascii' || name === 'ascii') charset = 'us-ascii';
    else return null;
  }
  return charset;
}

function decodeQuotedPrintable(body: Buffer): Buffer | null {
  const text = body.toString('latin1');
  const out = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x3d) { out[n++] = c; continue; }
    if (text[i + 1] === '\r' && text[i + 2] === '\n') { i += 2; continue; } // soft line break
    if (text[i + 1] === '\n') { i += 1; continue; }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null; // a stray '=': decoders differ, leave it to mailparser
    out[n++] = parseInt(hex, 16);
    i += 2;
  }
  return out.subarray(0, n);
}

function decodeBody(body: Buffer, encoding: string | null): Buffer | null {
  const cte = (encoding ?? '7bit').trim().toLowerCase();
  if (cte === '7bit' || cte === '8bit' || cte === 'binary') return body;
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  if (cte === 'base64') {
    const clean = body.toString('latin1').replace(/[\r\n\t ]/g, '');
    return /^[A-Za-z0-9+/]*={0,2}$/.test(clean) && clean.length % 4 === 0 ? Buffer.from(clean, 'base64') : null;
  }
  return null;
}

function isAscii(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

/** The text of a simple single-part message, as mailparser reads it; null for anything else. */
export function simplePlainText(source: Buffer): SimpleText | null {
  if (source.length > MAX_BYTES) return null;
  const start = bodyStart(source);
  if (start === -1) return null;
  const body = source.subarray(start);
  // Only the header block is scanned (with its blank line, which ends it), never the body.
  const headerLines = scanHeaderLines(source.subarray(0, start));
  if (headerLines.filter((l) => l.key === 'content-type').length > 1) return null;
  if (headerLines.filter((l) => l.key === 'content-transfer-encoding').length > 1) return null;
  const charset = plainTextCharset(headerValue(headerLines, 'content-type'));
  if (charset === null) return null;
  const bytes = decodeBody(body, headerValue(headerLines, 'content-transfer-encoding'));
  if (bytes === null) return null;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null; // not UTF-8: mailparser's charset guessing decides
  }
  if (charset === 'us-ascii' && !isAscii(bytes)) return null;
  return { headerLines, text: text.replace(/\r\n/g, '\n') };
}
