import { CsvError, parse } from 'csv-parse/sync';
import {
  detectDelimiter,
  parseBooleanCell,
  readHeader,
  type BatchColumn,
} from '../domain/batchCsv';
import { fieldProblem, ProblemError } from '../domain/problem';
import { parseJson, validate } from '../http/requestBody';
import { createInvitationBody } from './schemas';
import type { InvitationRowReader } from '../domain/newInvitation';
import type { BatchSource, UploadedRow } from '../store/batchDocuments';

/** The most rows one batch may hold. */
export const BATCH_MAX_ROWS = 10_000;
/** 10,000 rows of long names and addresses fit; a larger body is refused before parsing. */
export const BATCH_MAX_BYTES = 4 * 1024 * 1024;

/** The media types a batch can be uploaded as. */
export function batchSourceOf(mediaType: string): BatchSource | undefined {
  if (mediaType === 'text/csv' || mediaType === 'application/csv') return 'csv';
  if (mediaType === 'application/json') return 'json';
  return undefined;
}

/**
 * Reads an uploaded batch into rows, refusing a file that is not one (not UTF-8 text, wrong
 * header, broken quoting, not a JSON array, no rows, too many rows) as a whole: a 400 naming
 * what is wrong, before anything is stored. Rows are validated one by one later.
 */
export function readBatchUpload(source: BatchSource, bytes: Buffer): UploadedRow[] {
  const rows = source === 'csv' ? readCsv(bytes) : readJsonRows(bytes);
  if (rows.length === 0) {
    throw fieldProblem(400, 'BATCH_EMPTY', 'body', 'The batch holds no rows.');
  }
  return rows;
}

function tooManyRows(): ProblemError {
  return fieldProblem(
    400,
    'BATCH_TOO_MANY_ROWS',
    'body',
    `A batch holds at most ${BATCH_MAX_ROWS} rows; split the file.`,
  );
}

function decodeText(bytes: Buffer): string {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw fieldProblem(
      400,
      'CSV_NOT_TEXT',
      'body',
      'This is a workbook (e.g. .xlsx), not CSV: save it as "CSV UTF-8" and upload that.',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw fieldProblem(
      400,
      'CSV_NOT_TEXT',
      'body',
      'The file is not UTF-8 text: save it as "CSV UTF-8" (comma or semicolon delimited).',
    );
  }
}

function readCsv(bytes: Buffer): UploadedRow[] {
  const text = decodeText(bytes);
  if (text.includes('\u0000')) {
    throw fieldProblem(400, 'CSV_NOT_TEXT', 'body', 'The file is binary, not CSV text.');
  }
  if (/^\s*[[{]/.test(text)) {
    throw fieldProblem(
      400,
      'CSV_HEADER_INVALID',
      'body',
      'This looks like JSON, not CSV: send a JSON array as application/json.',
    );
  }
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(headerLine),
      relax_column_count: true,
      skip_empty_lines: false,
      // One more than allowed is enough to know the file is too long.
      to: BATCH_MAX_ROWS + 2,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw fieldProblem(
        400,
        'CSV_MALFORMED',
        'body',
        `The file is not valid CSV${line === undefined ? '' : ` (line ${line})`}: ${error.message}`,
      );
    }
    throw error;
  }
  const [headerCells, ...records_] = records;
  const header = readHeader(headerCells ?? []);
  if ('problem' in header) {
    const { missing, unknown, repeated } = header.problem;
    const errors = [
      ...missing.map((column) => ({
        field: column,
        code: 'COLUMN_MISSING',
        message: `The column "${column}" is missing.`,
      })),
      ...unknown.map((column) => ({
        field: column === '' ? '(empty)' : column,
        code: 'COLUMN_UNKNOWN',
        message: `"${column}" is not a column of a batch file.`,
      })),
      ...repeated.map((column) => ({
        field: column,
        code: 'COLUMN_REPEATED',
        message: `The column "${column}" appears more than once.`,
      })),
    ];
    throw new ProblemError({
      status: 400,
      code: 'CSV_HEADER_INVALID',
      title: 'The file does not have the columns of a batch',
      detail:
        'The first line must name the columns email, companyName, domain, country, ' +
        `includeDelegatedAdmin and (optionally) locale. ${errors.map((e) => e.message).join(' ')}`,
      errors,
    });
  }
  const rows: UploadedRow[] = [];
  records_.forEach((cells, index) => {
    // Excel writes rows it saw touched as empty cells (";;;;;"): they are no rows.
    if (cells.every((cell) => cell.trim() === '')) return;
    rows.push({ line: index + 2, values: rowValues(header.columns, cells) });
  });
  if (rows.length > BATCH_MAX_ROWS) {
    throw tooManyRows();
  }
  return rows;
}

function rowValues(columns: readonly (BatchColumn | undefined)[], cells: readonly string[]) {
  const values: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (column === undefined || cell === undefined) return;
    if (column === 'includeDelegatedAdmin') {
      values[column] = parseBooleanCell(cell);
    } else if (cell.trim() !== '') {
      // An empty cell is a missing value (REQUIRED), as an absent JSON field is.
      values[column] = cell.trim();
    }
  });
  if (cells.length > columns.length) {
    values['(extra)'] = cells.slice(columns.length).join(' ');
  }
  return values;
}

function readJsonRows(bytes: Buffer): UploadedRow[] {
  const value = parseJson(bytes.toString('utf8'));
  if (!Array.isArray(value)) {
    throw fieldProblem(
      400,
      'BATCH_NOT_AN_ARRAY',
      'body',
      'Send a JSON array of rows ({ email, companyName, domain, country, includeDelegatedAdmin, locale }).',
    );
  }
  if (value.length > BATCH_MAX_ROWS) {
    throw tooManyRows();
  }
  // A JSON row is numbered as the same row of a CSV file would be: the first is line 2.
  return value.map((item: unknown, index) => ({
    line: index + 2,
    values:
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? (item as Record<string, unknown>)
        : { '(row)': item },
  }));
}

/**
 * Validates one row with the same schema as a single invitation (`createInvitationBody`),
 * reporting the first problem under the name of the column it came from.
 */
export const rowToInvitation: InvitationRowReader = (values) => {
  const { email, companyName, domain, country, includeDelegatedAdmin, locale, ...rest } = values;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) {
    return {
      problem: {
        code: extra === '(row)' ? 'WRONG_TYPE' : 'UNKNOWN_FIELD',
        field: extra === '(row)' ? 'row' : extra,
        message:
          extra === '(extra)'
            ? 'The row has more cells than the header has columns.'
            : extra === '(row)'
              ? 'A row must be an object.'
              : `Unknown field "${extra}".`,
      },
    };
  }
  try {
    const input = validate(createInvitationBody, {
      customer: { email, companyName, domain, country },
      includeDelegatedAdmin,
      ...(locale === undefined ? {} : { locale }),
    });
    return { input };
  } catch (error) {
    if (error instanceof ProblemError && error.errors[0] !== undefined) {
      const first = error.errors[0];
      return {
        problem: {
          code: first.code,
          field: first.field.replace(/^customer\./, ''),
          message: first.message,
        },
      };
    }
    throw error;
  }
};
