/**
 * An invitation batch and its rows live in the partner's partition: the batch is a point read,
 * the partner's batches a single-partition query, and the rows are kept in chunks of
 * `BATCH_CHUNK_SIZE` (one document and one fan-out message each), so paging through 10,000
 * row results is point reads, never a query.
 */

/** One row as uploaded: its line (the header being line 1) and its cells, not yet validated. */
export interface UploadedRow {
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export type BatchSource = 'csv' | 'json';

export type BatchStatus = 'validating' | 'running' | 'completed' | 'completed_with_errors';
export type BatchRowStatus = 'pending' | 'created' | 'failed';

/** Rows per chunk: one queue message creates them; small enough to finish well within a lease. */
export const BATCH_CHUNK_SIZE = 100;

/** What a chunk's rows came to, once its message has been handled. */
export interface ChunkOutcome {
  readonly created: number;
  readonly failed: number;
}

export interface InvitationBatchDocument {
  /** `batch:<uuid>`; the API shows the uuid. */
  readonly id: string;
  readonly pk: string;
  readonly type: 'invitationBatch';
  readonly batchId: string;
  readonly partnerTenantId: string;
  readonly status: BatchStatus;
  /** Queue each created invitation's email for dispatch. */
  readonly send: boolean;
  readonly source: BatchSource;
  readonly totalRows: number;
  readonly chunkCount: number;
  /** Names this upload's chunk documents, so a racing upload under the same key cannot mix in. */
  readonly uploadId: string;
  /** Rows refused while validating, before any invitation was created. */
  readonly invalidRows?: number;
  /** Per chunk, null until its message has been handled. */
  readonly chunks: readonly (ChunkOutcome | null)[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly validatedAt?: string;
  readonly completedAt?: string;
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  readonly _etag?: string;
}

export interface BatchRow {
  readonly line: number;
  /** The row as uploaded (cells of a CSV row, or the JSON object). */
  readonly values: Readonly<Record<string, unknown>>;
  readonly status: BatchRowStatus;
  readonly invitationId?: string;
  readonly code?: string;
  readonly field?: string;
  readonly message?: string;
}

export interface BatchChunkDocument {
  /** `batchChunk:<batch uuid>:<upload id>:<index>`. */
  readonly id: string;
  readonly pk: string;
  readonly type: 'invitationBatchChunk';
  readonly batchId: string;
  readonly index: number;
  /** `done` once every row is created or failed. */
  readonly state: 'open' | 'done';
  readonly rows: readonly BatchRow[];
  readonly _etag?: string;
}

export const batchDocumentId = (batchId: string) => `batch:${batchId}`;
export const batchChunkId = (batchId: string, uploadId: string, index: number) =>
  `batchChunk:${batchId}:${uploadId}:${index}`;

/**
 * A batch row's claim on a customer domain, taken just before the row's invitation is created,
 * so two batches running at once cannot both invite one domain. It names the row's invitation;
 * once that invitation is no longer pending the next row takes the claim over, so nothing has
 * to clear it when an invitation ends.
 */
export interface BatchDomainClaimDocument {
  /** `batchDomain:<customer id>` (the customer id is derived from the domain). */
  readonly id: string;
  readonly pk: string;
  readonly type: 'batchDomainClaim';
  readonly partnerTenantId: string;
  readonly domain: string;
  readonly invitationId: string;
  readonly batchId: string;
  readonly line: number;
  readonly claimedAt: string;
  readonly _etag?: string;
}

export const batchDomainClaimId = (customerId: string) => `batchDomain:${customerId}`;
