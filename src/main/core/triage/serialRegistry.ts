import { normaliseSerial, SERIAL_FORMAT } from './serial';

// Rule P6: the registry of sold serials, imported from whatever CSV the team's sales tool
// exports (";" or "," or tab, optional header, BOM, quoted fields). The report says which
// lines were refused and why, so a bad export is fixed rather than silently half-imported.

export interface SerialRegistry {
  serials: ReadonlySet<string>;
}

export interface SerialRegistryReport {
  /** Data rows read: every non-blank row except the header. */
  rows: number;
  accepted: number;
  rejected: Array<{ line: number; reason: string }>;
}

export type SerialStatus = 'verified' | 'unknown' | 'none';

interface CsvRow { line: number; cells: string[] }

function detectSeparator(csv: string): string {
  const firstLine = csv.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((sep) => ({ sep, count: unquoted.split(sep).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.sep : ',';
}

/** RFC 4180 rows with the physical line each starts on; quoted fields may hold separators and newlines. */
function parseCsvRows(csv: string, separator: string): { rows: CsvRow[]; unterminatedAt: number | null } {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const endRow = (): void => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < csv.length; i++) {
    const c = csv.charAt(i);
    if (inQuotes) {
      if (c === '"' && csv.charAt(i + 1) === '"') { cell += '"'; i++; }
      else if (c === '"') inQuotes = false;
      else {
        if (c === '\n' || (c === '\r' && csv.charAt(i + 1) !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') { cell = ''; inQuotes = true; quoteLine = line; }
    else if (c === separator) { cells.push(cell); cell = ''; }
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && csv.charAt(i + 1) === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (inQuotes) return { rows, unterminatedAt: quoteLine };
  endRow();
  return { rows, unterminatedAt: null };
}

const SERIAL_HEADER = /(serial|s[eé]rie|^s\/?n$|^n[°o]?\s*de\s*s)/i;
const OTHER_ID_HEADER = /(num[eé]ro|number|code|licen[cs]e|cl[eé])/i;

function serialColumnOf(header: readonly string[]): number | null {
  const exact = header.findIndex((cell) => SERIAL_HEADER.test(cell.trim()));
  if (exact >= 0) return exact;
  const loose = header.findIndex((cell) => OTHER_ID_HEADER.test(cell.trim()));
  return loose >= 0 ? loose : null;
}

export function parseSerialRegistryCsv(csv: string): SerialRegistry & { report: SerialRegistryReport } {
  const text = csv.replace(/^\uFEFF/, '');
  const { rows, unterminatedAt } = parseCsvRows(text, detectSeparator(text));
  const serials = new Set<string>();
  const firstLineOf = new Map<string, number>();
  const report: SerialRegistryReport = { rows: 0, accepted: 0, rejected: [] };

  let column: number | null = null;
  let dataRows = rows;
  const first = rows[0];
  // A header names a serial column, or at least has no digits: a mistyped serial is data.
  const looksLikeHeader = first !== undefined
    && !first.cells.some((cell) => normaliseSerial(cell, { labelled: true }) !== null)
    && (serialColumnOf(first.cells) !== null || !first.cells.some((cell) => /[0-9]/.test(cell)));
  if (first !== undefined && looksLikeHeader) {
    column = serialColumnOf(first.cells);
    dataRows = rows.slice(1);
  }

  for (const row of dataRows) {
    report.rows += 1;
    const raw = column === null
      ? row.cells.find((cell) => normaliseSerial(cell, { labelled: true }) !== null)
      : row.cells[column];
    if (raw === undefined || raw.trim() === '') {
      report.rejected.push({ line: row.line, reason: column === null ? 'no serial number in this row' : 'empty serial number' });
      continue;
    }
    const serial = normaliseSerial(raw, { labelled: true });
    if (serial === null) {
      report.rejected.push({ line: row.line, reason: `"${raw.trim()}" is not a serial number (expected ${SERIAL_FORMAT})` });
      continue;
    }
    const seenOn = firstLineOf.get(serial);
    if (seenOn !== undefined) {
      report.rejected.push({ line: row.line, reason: `duplicate of line ${seenOn}` });
      continue;
    }
    firstLineOf.set(serial, row.line);
    serials.add(serial);
    report.accepted += 1;
  }
  if (unterminatedAt !== null) {
    report.rows += 1;
    report.rejected.push({ line: unterminatedAt, reason: 'unterminated quoted field: the rest of the file was not read' });
  }
  return { serials, report };
}

/** "none" when the mail has no serial; otherwise whether the registry holds it. */
export function verifySerial(registry: SerialRegistry, serial: string | null): SerialStatus {
  if (serial === null) return 'none';
  const canonical = normaliseSerial(serial, { labelled: true });
  return canonical !== null && registry.serials.has(canonical) ? 'verified' : 'unknown';
}
