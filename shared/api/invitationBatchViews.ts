import { BATCH_COLUMNS, csvLine, RESULT_COLUMNS } from '../domain/batchCsv';
import { fieldProblem } from '../domain/problem';
import { batchCounts, type RowPosition } from '../services/invitationBatches';
import type { BatchRow, InvitationBatchDocument } from '../store/batchDocuments';
import { decodePageToken, encodePageToken } from './views';

/** A batch as the partner sees it: status, counts per row outcome and progress. */
export function toInvitationBatchView(batch: InvitationBatchDocument) {
  const counts = batchCounts(batch);
  const processed = counts.created + counts.failed;
  return {
    id: batch.batchId,
    status: batch.status,
    send: batch.send,
    source: batch.source,
    counts,
    progress: {
      processedRows: processed,
      totalRows: counts.total,
      percent: counts.total === 0 ? 100 : Math.floor((processed / counts.total) * 100),
    },
    createdAt: batch.createdAt,
    updatedAt: batch.updatedAt,
    ...(batch.validatedAt === undefined ? {} : { validatedAt: batch.validatedAt }),
    ...(batch.completedAt === undefined ? {} : { completedAt: batch.completedAt }),
    rowsUrl: `/api/invitation-batches/${batch.batchId}/rows`,
  };
}

/** One row's result: its line, and the invitation or the problem that kept it from one. */
export function toBatchRowView(row: BatchRow) {
  return {
    line: row.line,
    status: row.status,
    ...(row.invitationId === undefined ? {} : { invitationId: row.invitationId }),
    ...(row.code === undefined ? {} : { code: row.code, field: row.field, message: row.message }),
    input: row.values,
  };
}

/**
 * The rows as a CSV download: the result columns, then the columns of the upload, so the
 * failed rows can be fixed in a spreadsheet and uploaded again as they are. UTF-8 with a BOM,
 * which Excel needs to read it as UTF-8.
 */
export function toBatchRowsCsv(rows: readonly BatchRow[]): string {
  const lines = [csvLine([...RESULT_COLUMNS, ...BATCH_COLUMNS])];
  for (const row of rows) {
    lines.push(
      csvLine([
        row.line,
        row.status,
        row.invitationId,
        row.code,
        row.field,
        row.message,
        ...BATCH_COLUMNS.map((column) => cellOf(row.values[column])),
      ]),
    );
  }
  return `\uFEFF${lines.join('')}`;
}

function cellOf(value: unknown): string | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** A page position as the API's opaque continuation token. */
export function encodeRowPosition(position: RowPosition | undefined): string | undefined {
  return position === undefined ? undefined : encodePageToken(JSON.stringify(position));
}

export function decodeRowPosition(token: string | undefined): RowPosition | undefined {
  const decoded = decodePageToken(token);
  if (decoded === undefined) return undefined;
  const parsed = JSON.parse(decoded) as unknown;
  const value = (
    typeof parsed === 'object' && parsed !== null ? parsed : {}
  ) as Partial<RowPosition>;
  if (
    !Number.isInteger(value.chunk) ||
    !Number.isInteger(value.row) ||
    value.chunk! < 0 ||
    value.row! < 0
  ) {
    throw fieldProblem(
      400,
      'INVALID_CONTINUATION_TOKEN',
      'continuationToken',
      'The continuation token is not valid.',
    );
  }
  return { chunk: value.chunk!, row: value.row! };
}
