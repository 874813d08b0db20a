import { decodeEntities } from './htmlEntities';

// HTML mail to plain text for form extraction and language detection. A single linear scan
// with no DOM, so it runs in plain Node and never executes or fetches anything. Table rows
// keep their cells on one line ("label : value") so form labels stay next to their values;
// <blockquote> content gets "> " prefixes so quoted history is recognised like in plain text.

const SKIPPED_CONTENT = new Set(['script', 'style', 'title', 'template', 'svg', 'noscript', 'object']);
const LINE_BLOCKS = new Set([
  'div', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'nav', 'aside',
  'main', 'address', 'center', 'form', 'fieldset', 'legend', 'caption', 'figure', 'figcaption',
  'hr', 'tbody', 'thead', 'tfoot',
]);
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Accumulates output lines; a line takes the quote depth current when its first text arrived. */
class TextBlock {
  private readonly lines: string[] = [];
  // Pieces of the line being built; joined once per line, as string `+=` then `endsWith` is quadratic.
  private current: string[] = [];
  private endsWithSpace = false;
  private currentDepth = 0;
  quoteDepth = 0;

  inline(text: string, keepIndent = false): void {
    let piece = text;
    if (this.current.length === 0) {
      if (!keepIndent) piece = piece.replace(/^ +/, '');
      if (piece === '') return;
      this.currentDepth = this.quoteDepth;
    } else if (this.endsWithSpace && piece.startsWith(' ')) {
      piece = piece.slice(1);
      if (piece === '') return;
    }
    this.current.push(piece);
    this.endsWithSpace = piece.endsWith(' ');
  }

  breakLine(): void {
    const text = this.current.join('').trimEnd();
    this.lines.push(text === '' ? '' : '> '.repeat(this.currentDepth) + text);
    this.current = [];
    this.endsWithSpace = false;
  }

  endLine(): void {
    if (this.current.some((piece) => piece.trim() !== '')) this.breakLine();
    else { this.current = []; this.endsWithSpace = false; }
  }

  paragraph(): void {
    this.endLine();
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }

  writeLines(text: string): void {
    this.endLine();
    for (const line of text.split('\n')) {
      this.inline(line);
      this.breakLine();
    }
  }

  finish(): string {
    this.endLine();
    return this.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }
}

type Frame =
  | { kind: 'table' }
  | { kind: 'row'; cells: string[] }
  | { kind: 'cell'; block: TextBlock };

function joinCells(cells: string[]): string {
  const [label, value] = cells;
  if (cells.length === 2 && label !== undefined && value !== undefined) {
    return /:\**$/.test(label) ? `${label} ${value}` : `${label} : ${value}`;
  }
  return cells.join(' | ');
}

/** Finds the '>' closing a tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  let lastSignificant = '';
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if ((c === '"' || c === "'") && lastSignificant === '=') {
      quote = c;
    } else if (c === '>') {
      return j;
    }
    if (c !== undefined && c.trim() !== '') lastSignificant = c;
  }
  return -1;
}

export function htmlToText(html: string): string {
  const root = new TextBlock();
  const frames: Frame[] = [];
  let preDepth = 0;

  const target = (): TextBlock => {
    for (let k = frames.length - 1; k >= 0; k--) {
      const frame = frames[k];
      if (frame?.kind === 'cell') return frame.block;
    }
    return root;
  };
  const top = (): Frame | undefined => frames[frames.length - 1];
  const closeCell = (): void => {
    const frame = top();
    if (frame?.kind !== 'cell') return;
    frames.pop();
    const text = frame.block.finish();
    const row = top();
    if (row?.kind === 'row' && text !== '') row.cells.push(text);
  };
  const closeRow = (): void => {
    closeCell();
    const frame = top();
    if (frame?.kind !== 'row') return;
    frames.pop();
    if (frame.cells.length > 0) target().writeLines(joinCells(frame.cells));
  };
  const closeTable = (): void => {
    while (frames.length > 0) {
      closeRow();
      const frame = frames.pop();
      if (frame?.kind === 'table') break;
    }
    target().endLine();
  };
  const emitText = (raw: string): void => {
    const block = target();
    if (preDepth > 0) {
      const parts = decodeEntities(raw).replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, index) => {
        if (index > 0) block.breakLine();
        block.inline(part.replace(/\u00a0/g, ' '), true);
      });
      return;
    }
    block.inline(decodeEntities(raw.replace(/[ \t\n\r\f]+/g, ' ')).replace(/[\u00a0\u2009\u202f]/g, ' '));
  };

  const handleTag = (name: string, closing: boolean, selfClosing: boolean): void => {
    const block = target();
    if (name === 'br') { block.breakLine(); return; }
    if (name === 'table') { if (closing) closeTable(); else { block.endLine(); frames.push({ kind: 'table' }); } return; }
    if (name === 'tr') {
      if (closing) { closeRow(); return; }
      closeRow();
      if (top()?.kind !== 'table') frames.push({ kind: 'table' });
      frames.push({ kind: 'row', cells: [] });
      return;
    }
    if (name === 'td' || name === 'th') {
      if (closing) { closeCell(); return; }
      closeCell();
      if (top()?.kind !== 'row') frames.push({ kind: 'row', cells: [] });
      if (!selfClosing) frames.push({ kind: 'cell', block: new TextBlock() });
      return;
    }
    if (name === 'blockquote') {
      block.paragraph();
      block.quoteDepth = Math.max(0, block.quoteDepth + (closing ? -1 : 1));
      return;
    }
    if (name === 'pre') { block.endLine(); preDepth = Math.max(0, preDepth + (closing ? -1 : 1)); return; }
    if (name === 'li') { block.endLine(); if (!closing) block.inline('- '); return; }
    if (PARAGRAPHS.has(name)) { block.paragraph(); return; }
    if (LINE_BLOCKS.has(name)) block.endLine();
  };

  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) { emitText(html.slice(i)); break; }
    if (lt > i) emitText(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    const next = html[lt + 1];
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? n : end + 1;
      continue;
    }
    const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (match === null) { emitText('<'); i = lt + 1; continue; }
    const end = tagEnd(html, lt + match[0].length);
    if (end === -1) break; // a tag cut off at the end of the document carries no text
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    const selfClosing = html[end - 1] === '/';
    i = end + 1;
    if (!closing && SKIPPED_CONTENT.has(name) && !selfClosing) {
      const closer = new RegExp(`</${name}\\b[^>]*>`, 'ig');
      closer.lastIndex = i;
      const close = closer.exec(html);
      i = close === null ? n : closer.lastIndex;
      continue;
    }
    handleTag(name, closing, selfClosing);
  }
  while (frames.length > 0) closeTable();
  return root.finish();
}
