import { BATCH_COLUMNS } from '../../../shared/domain/batchCsv';
import type { ApiProblem } from '../api/apiProblem';
import type { InvitationBatchRow, InvitationBatchStatus } from '../api/schemas';
import type { Messages } from '../i18n/en';
import { format } from '../i18n/i18n';
import { problemText } from '../i18n/problemText';

/** The columns of a batch file, as its first line names them. */
export const BATCH_FILE_COLUMNS: readonly string[] = BATCH_COLUMNS;

/** A batch stops changing once every line is done. */
export function isBatchFinished(status: InvitationBatchStatus): boolean {
  return status === 'completed' || status === 'completed_with_errors';
}

/** Why an upload was refused as a whole, in the page's language. */
export function uploadProblemText(t: Messages, problem: ApiProblem): string {
  return t.batches.problems[problem.code] ?? problemText(t, problem);
}

/**
 * What to change in the file, one sentence per `errors[]` entry: each missing, unknown or
 * repeated column of a refused header, or the line of broken quoting.
 */
export function uploadFixes(t: Messages, problem: ApiProblem): string[] {
  if (problem.code === 'CSV_MALFORMED') {
    const line = /\(line (\d+)\)/.exec(problem.errors[0]?.message ?? '')?.[1];
    return line === undefined ? [] : [format(t.batches.malformedLine, { line })];
  }
  return problem.errors.flatMap((error) => {
    const text = t.batches.columnErrors[error.code];
    return text === undefined ? [] : [format(text, { column: error.field })];
  });
}

/**
 * What to fix on a failed line: by the row's problem code, with the column's own hint where a
 * bare "not valid" would not say what to type (an email address, a domain).
 */
export function rowReason(t: Messages, row: InvitationBatchRow): string {
  if (row.code === undefined) return '';
  const hint = t.fieldHints[`customer.${row.field ?? ''}`];
  if (row.code === 'INVALID_VALUE' && hint !== undefined) return hint;
  return (
    t.batches.rowCodes[row.code] ??
    format(t.batches.rowCodes.fallback ?? '{code}', { code: row.code })
  );
}

/** A file to start from: the header and one example line. */
export function batchTemplateCsv(): string {
  const example = [
    'admin@contoso.example',
    'Contoso Ltd',
    'contoso.onmicrosoft.com',
    'GB',
    'true',
    'en-US',
  ];
  return `${BATCH_FILE_COLUMNS.join(',')}\r\n${example.join(',')}\r\n`;
}
