/**
 * The rules of an invitation batch file, without I/O: which columns it has, how Excel writes
 * it (comma, or semicolon in locales where the comma is the decimal separator, such as de-DE),
 * and how the per-row results are written back as CSV.
 */

/** The columns of a batch file, in the order the results file writes them. */
export const BATCH_COLUMNS = [
  'email',
  'companyName',
  'domain',
  'country',
  'includeDelegatedAdmin',
  'locale',
] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];

/** `locale` may be left out: it defaults to en-US, as for a single invitation. */
const OPTIONAL_COLUMNS: readonly BatchColumn[] = ['locale'];

/**
 * The result columns of a downloaded results file. An upload may carry them (fix the failed
 * rows in the download, upload it again) and they are ignored.
 */
export const RESULT_COLUMNS = [
  'line',
  'status',
  'invitationId',
  'code',
  'field',
  'message',
] as const;

export type CsvDelimiter = ',' | ';';

/**
 * The delimiter of a file, from its header line: the one of comma and semicolon that occurs
 * outside quotes more often; a comma when neither does.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

export interface HeaderProblem {
  readonly missing: readonly BatchColumn[];
  readonly unknown: readonly string[];
  readonly repeated: readonly string[];
}

/**
 * Maps the header cells to columns (case and surrounding spaces do not matter), or says what
 * is wrong with them. `columns[i]` is the column of cell i, undefined for an ignored result column.
 */
export function readHeader(
  cells: readonly string[],
): { columns: (BatchColumn | undefined)[] } | { problem: HeaderProblem } {
  const byName = new Map<string, BatchColumn | null>([
    ...BATCH_COLUMNS.map((c) => [c.toLowerCase(), c] as const),
    ...RESULT_COLUMNS.map((c) => [c.toLowerCase(), null] as const),
  ]);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const columns = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    const column = byName.get(name);
    if (column === undefined) {
      unknown.push(cell.trim());
      return undefined;
    }
    if (seen.has(name)) repeated.push(cell.trim());
    seen.add(name);
    return column ?? undefined;
  });
  const missing = BATCH_COLUMNS.filter(
    (c) => !OPTIONAL_COLUMNS.includes(c) && !seen.has(c.toLowerCase()),
  );
  if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
    return { problem: { missing, unknown, repeated } };
  }
  return { columns };
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'wahr', 'ja', 'x']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'falsch', 'nein', '']);

/**
 * A yes/no cell as people and spreadsheets write it (Excel writes TRUE/FALSE, or WAHR/FALSCH
 * in German); an empty cell is no. Anything else is left as text for validation to refuse.
 */
export function parseBooleanCell(cell: string): boolean | string {
  const word = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return cell;
}

/**
 * One CSV field, quoted when it needs to be (RFC 4180). A cell that a spreadsheet would run as
 * a formula (=, +, -, @ first) gets a leading apostrophe, so a downloaded file is safe to open.
 */
export function csvField(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV line of fields, comma-separated, ended with CRLF as RFC 4180 and Excel write it. */
export function csvLine(values: readonly (string | number | boolean | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
