import { randomUUID } from 'node:crypto';
import type { RowProblem } from '../domain/newInvitation';
import {
  customerIdForDomain,
  fingerprintOf,
  invitationIdForIdempotencyKey,
} from '../domain/identifiers';
import { fieldProblem, notFound, ProblemError } from '../domain/problem';
import { QUEUES } from '../queue/messageQueue';
import { isPendingInvitation, type InvitationStatus } from '../domain/invitationStatus';
import {
  BATCH_CHUNK_SIZE,
  batchChunkId,
  batchDomainClaimId,
  type BatchDomainClaimDocument,
  batchDocumentId,
  type BatchChunkDocument,
  type BatchRow,
  type BatchRowStatus,
  type ChunkOutcome,
  type InvitationBatchDocument,
  type BatchSource,
  type UploadedRow,
} from '../store/batchDocuments';
import {
  DocumentChangedError,
  DocumentConflictError,
  DocumentNotFoundError,
  updateDocument,
  type BatchWrite,
  type Page,
} from '../store/documentStore';
import {
  partitionKeys,
  type InvitationDocument,
  type PartnerProfileDocument,
} from '../store/documents';
import type { Dependencies } from './dependencies';
import { mapConcurrently } from './mapConcurrently';
import { eventWrite, recordEvent, type NewAuditEvent } from './events';
import {
  createInvitation,
  invitationRuleProblem,
  newInvitationDocument,
  requirePartnerProfile,
  sendInvitation,
  sendRequestedEvent,
} from './invitations';
import type { EmailRunMessage } from './emailDispatch';
import { transitioned, type Actor, type EmailDispatchMessage } from './invitationTransitions';

/** Rows of one chunk created at once: enough to overlap round trips, few enough to share. */
const ROW_CONCURRENCY = 8;
/** Chunks read or written at once by the request and the validation step. */
const CHUNK_CONCURRENCY = 8;
/** Every chunk settles into the one batch document, so its writes race; they retry this often. */
const BATCH_UPDATE_ATTEMPTS = 50;
/** A domain claim whose invitation is not written yet stands this long (see `claimDomain`). */
const DOMAIN_CLAIM_GRACE_MS = 60_000;
const DOMAIN_CLAIM_ATTEMPTS = 5;

/** The message the batch fan-out function consumes (see `invitationBatchMessage`). */
export interface InvitationBatchMessage {
  readonly partnerTenantId: string;
  readonly batchId: string;
  readonly chunk?: number;
}

export interface NewInvitationBatch {
  readonly source: BatchSource;
  readonly rows: readonly UploadedRow[];
  readonly send: boolean;
}

function batchEvent(
  batch: InvitationBatchDocument,
  action: 'invitationBatch.created' | 'invitationBatch.completed',
  actor: Actor,
  at: string,
): NewAuditEvent {
  return {
    partnerTenantId: batch.partnerTenantId,
    at,
    actor,
    action,
    subject: { kind: 'invitationBatch', id: batch.batchId },
    before: null,
    after: { status: batch.status, ...batchCounts(batch), send: batch.send },
    dedupeKey: `invitationBatch:${batch.batchId}:${action}`,
  };
}

/**
 * Accepts a batch: stores its rows in chunks, then the batch (`validating`), then queues its
 * validation. Nothing is created in the request. With an Idempotency-Key, a retry returns the
 * first batch and a different body under the same key is refused.
 */
export async function createInvitationBatch(
  deps: Dependencies,
  partnerTenantId: string,
  actor: Actor,
  input: NewInvitationBatch,
  idempotencyKey: string | undefined,
): Promise<{ batch: InvitationBatchDocument; replayed: boolean }> {
  const pk = partitionKeys.partner(partnerTenantId);
  const fingerprint = fingerprintOf({ send: input.send, rows: input.rows });
  const batchId =
    idempotencyKey === undefined
      ? randomUUID()
      : invitationIdForIdempotencyKey(partnerTenantId, `invitation-batch:${idempotencyKey}`);
  if (idempotencyKey !== undefined) {
    const existing = await deps.store.read<InvitationBatchDocument>(pk, batchDocumentId(batchId));
    if (existing !== undefined) {
      return { batch: replayOf(existing, fingerprint), replayed: true };
    }
  }
  await requirePartnerProfile(deps, partnerTenantId);

  const at = deps.now().toISOString();
  const uploadId = randomUUID().slice(0, 8);
  const chunkCount = Math.ceil(input.rows.length / BATCH_CHUNK_SIZE);
  // The chunks first: until the batch document exists nothing refers to them, so a failure
  // half-way leaves nothing a partner sees.
  await mapConcurrently(
    Array.from({ length: chunkCount }, (_, index) => index),
    CHUNK_CONCURRENCY,
    (index) =>
      deps.store.create<BatchChunkDocument>({
        id: batchChunkId(batchId, uploadId, index),
        pk,
        type: 'invitationBatchChunk',
        batchId,
        index,
        state: 'open',
        rows: input.rows
          .slice(index * BATCH_CHUNK_SIZE, (index + 1) * BATCH_CHUNK_SIZE)
          .map((row) => ({ line: row.line, values: row.values, status: 'pending' })),
      }),
  );
  const document: InvitationBatchDocument = {
    id: batchDocumentId(batchId),
    pk,
    type: 'invitationBatch',
    batchId,
    partnerTenantId,
    status: 'validating',
    send: input.send,
    source: input.source,
    totalRows: input.rows.length,
    chunkCount,
    uploadId,
    chunks: Array.from({ length: chunkCount }, () => null),
    createdAt: at,
    updatedAt: at,
    createdBy: actor,
    ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, fingerprint } }),
  };
  let stored: InvitationBatchDocument;
  try {
    stored = await deps.store.create(document);
  } catch (error) {
    if (error instanceof DocumentConflictError && idempotencyKey !== undefined) {
      const winner = await deps.store.read<InvitationBatchDocument>(pk, document.id);
      if (winner !== undefined) {
        return { batch: replayOf(winner, fingerprint), replayed: true };
      }
    }
    throw error;
  }
  try {
    await deps.queue.send(QUEUES.invitationBatch, { partnerTenantId, batchId });
  } catch (error) {
    // Without its message the batch would wait forever: take it back, the partner retries.
    await deps.store.delete(pk, document.id);
    throw error;
  }
  await recordEvent(deps, batchEvent(stored, 'invitationBatch.created', actor, at));
  return { batch: stored, replayed: false };
}

function replayOf(existing: InvitationBatchDocument, fingerprint: string): InvitationBatchDocument {
  if (existing.idempotency?.fingerprint !== fingerprint) {
    throw fieldProblem(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key',
      'This Idempotency-Key was used with a different batch.',
    );
  }
  return existing;
}

/** One of the partner's batches; another partner's is simply not found. */
export async function getInvitationBatch(
  deps: Dependencies,
  partnerTenantId: string,
  batchId: string,
): Promise<InvitationBatchDocument> {
  const batch = await deps.store.read<InvitationBatchDocument>(
    partitionKeys.partner(partnerTenantId),
    batchDocumentId(batchId),
  );
  if (batch === undefined || batch.type !== 'invitationBatch') {
    throw notFound('The invitation batch');
  }
  return batch;
}

/** The partner's batches, newest first, one page at a time. */
export function listInvitationBatches(
  deps: Dependencies,
  partnerTenantId: string,
  page: { limit: number; continuationToken?: string },
): Promise<Page<InvitationBatchDocument>> {
  return deps.store.queryPage<InvitationBatchDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query:
        "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'invitationBatch' ORDER BY c.createdAt DESC",
      parameters: [],
    },
    page,
  );
}

/** Row counts of a batch: rows of finished chunks are created or failed, the rest pending. */
export function batchCounts(batch: InvitationBatchDocument) {
  let created = 0;
  let failed = 0;
  for (const chunk of batch.chunks) {
    created += chunk?.created ?? 0;
    failed += chunk?.failed ?? 0;
  }
  return { total: batch.totalRows, created, failed, pending: batch.totalRows - created - failed };
}

/** Where a page of rows starts: a chunk and a row in it. */
export interface RowPosition {
  readonly chunk: number;
  readonly row: number;
}

/**
 * One page of a batch's rows in file order, optionally only those with one status. Rows are
 * read chunk by chunk with point reads; `next` is where the following page starts.
 */
export async function listBatchRows(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  query: { limit: number; from?: RowPosition; status?: BatchRowStatus },
): Promise<{ rows: BatchRow[]; next?: RowPosition }> {
  const rows: BatchRow[] = [];
  let { chunk, row } = query.from ?? { chunk: 0, row: 0 };
  while (chunk < batch.chunkCount) {
    const document = await readChunk(deps, batch, chunk);
    const chunkRows = document.rows;
    while (row < chunkRows.length) {
      const current = chunkRows[row]!;
      row += 1;
      if (query.status === undefined || current.status === query.status) {
        rows.push(current);
        if (rows.length === query.limit) {
          const more = row < chunkRows.length || chunk + 1 < batch.chunkCount;
          return more ? { rows, next: { chunk, row } } : { rows };
        }
      }
    }
    chunk += 1;
    row = 0;
  }
  return { rows };
}

async function readChunk(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  index: number,
): Promise<BatchChunkDocument> {
  const chunk = await deps.store.read<BatchChunkDocument>(
    batch.pk,
    batchChunkId(batch.batchId, batch.uploadId, index),
  );
  if (chunk === undefined) {
    throw new Error(`Chunk ${index} of batch ${batch.batchId} is missing`);
  }
  return chunk;
}

function failedRow(row: BatchRow, problem: RowProblem): BatchRow {
  return {
    line: row.line,
    values: row.values,
    status: 'failed',
    code: problem.code,
    field: problem.field,
    message: problem.message,
  };
}

/** A 422 of the invitation rules as a row problem, named by the column of the batch file. */
function asRowProblem(problem: ProblemError): RowProblem {
  const first = problem.errors[0];
  return {
    code: problem.code,
    field: (first?.field ?? 'row').replace(/^customer\./, ''),
    message: first?.message ?? problem.detail ?? problem.title,
  };
}

/** The batch a message is about; undefined when it is gone (its upload was taken back). */
function batchOfMessage(
  deps: Dependencies,
  message: InvitationBatchMessage,
): Promise<InvitationBatchDocument | undefined> {
  return deps.store.read<InvitationBatchDocument>(
    partitionKeys.partner(message.partnerTenantId),
    batchDocumentId(message.batchId),
  );
}

/**
 * Handles one fan-out message: validates the batch, or creates one chunk's rows. Both are
 * idempotent, so a redelivered or duplicated message changes nothing twice.
 */
export async function runInvitationBatch(
  deps: Dependencies,
  message: InvitationBatchMessage,
): Promise<string> {
  const batch = await batchOfMessage(deps, message);
  if (batch === undefined) {
    return `no batch ${message.batchId}`;
  }
  return message.chunk === undefined
    ? validateBatch(deps, batch)
    : runChunk(deps, batch, message.chunk);
}

/**
 * Checks every row with the rules of a single invitation plus "one row per customer domain"
 * and "not a customer that is already active with what the row asks",
 * records the refused ones, and fans the chunks out. A redelivery after the batch moved on
 * queues the unfinished chunks again, in case the first run stopped half-way through that.
 */
async function validateBatch(deps: Dependencies, batch: InvitationBatchDocument): Promise<string> {
  if (batch.status !== 'validating') {
    const open = batch.chunks.flatMap((outcome, index) => (outcome === null ? [index] : []));
    await queueChunks(deps, batch, open);
    return `already validated; ${open.length} unfinished chunk(s) queued again`;
  }
  let profile: PartnerProfileDocument | ProblemError;
  try {
    profile = await requirePartnerProfile(deps, batch.partnerTenantId);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    profile = error;
  }
  const chunkIndexes = Array.from({ length: batch.chunkCount }, (_, index) => index);
  const chunks = await mapConcurrently(chunkIndexes, CHUNK_CONCURRENCY, (index) =>
    readChunk(deps, batch, index),
  );
  const active = await activeCustomers(deps, batch.partnerTenantId);
  const pending = await pendingInvitations(deps, batch.partnerTenantId);
  const firstLineOfDomain = new Map<string, number>();
  let invalid = 0;
  const checked = chunks.map((chunk) => ({
    chunk,
    rows: chunk.rows.map((row): BatchRow => {
      if (row.status !== 'pending') {
        invalid += row.status === 'failed' ? 1 : 0;
        return row;
      }
      const problem = rowProblem(
        deps.readInvitationRow,
        row,
        profile,
        { active, pending },
        firstLineOfDomain,
      );
      if (problem === undefined) return row;
      invalid += 1;
      return failedRow(row, problem);
    }),
  }));
  await mapConcurrently(checked, CHUNK_CONCURRENCY, async ({ chunk, rows }) => {
    if (rows.some((row, i) => row !== chunk.rows[i])) {
      await deps.store.replace<BatchChunkDocument>({ ...chunk, rows }, chunk._etag!);
    }
  });
  const at = deps.now().toISOString();
  await updateDocument<InvitationBatchDocument>(deps.store, batch.pk, batch.id, (current) =>
    current.status === 'validating'
      ? {
          write: {
            ...current,
            status: 'running',
            invalidRows: invalid,
            validatedAt: at,
            updatedAt: at,
          },
        }
      : { keep: true },
  );
  await queueChunks(deps, batch, chunkIndexes);
  return `validated ${batch.totalRows} rows, ${invalid} refused; ${batch.chunkCount} chunk(s) queued`;
}

/**
 * The partner's pending invitations (not yet ended: see `isPendingInvitation`), by customer
 * domain: one single-partition query per batch instead of a read per row.
 */
async function pendingInvitations(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<Map<string, string>> {
  const now = deps.now();
  const pending = new Map<string, string>();
  let continuationToken: string | undefined;
  do {
    const page: Page<{
      id: string;
      domain: string;
      status: InvitationStatus;
      expiresAt: string;
    }> = await deps.store.queryPage(
      partitionKeys.partner(partnerTenantId),
      {
        query:
          "SELECT c.id, c.customer.domain AS domain, c.status, c.expiresAt FROM c WHERE c.pk = @pk AND c.type = 'invitation' AND c.status IN ('draft', 'sending', 'sent', 'failed', 'accepted')",
        parameters: [],
      },
      { limit: 1000, ...(continuationToken === undefined ? {} : { continuationToken }) },
    );
    for (const item of page.items) {
      if (isPendingInvitation(item.status, item.expiresAt, now)) pending.set(item.domain, item.id);
    }
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return pending;
}

/**
 * The partner's active customers and whether their delegated admin is active, by customer id:
 * one single-partition query per batch instead of a point read per row.
 */
async function activeCustomers(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<Map<string, boolean>> {
  const active = new Map<string, boolean>();
  let continuationToken: string | undefined;
  do {
    const page: Page<{ customerId: string; dap: string; dapStatus?: string }> =
      await deps.store.queryPage(
        partitionKeys.partner(partnerTenantId),
        {
          query:
            "SELECT c.customerId, c.delegatedAdmin.state AS dap, c.delegatedAdmin.status AS dapStatus FROM c WHERE c.pk = @pk AND c.type = 'relationship' AND c.status = 'active'",
          parameters: [],
        },
        { limit: 1000, ...(continuationToken === undefined ? {} : { continuationToken }) },
      );
    // DAP held, or requested and awaiting Microsoft's confirmation: asking again changes nothing.
    for (const item of page.items) {
      active.set(item.customerId, item.dap === 'active' || item.dapStatus === 'approvalPending');
    }
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return active;
}

function rowProblem(
  readRow: Dependencies['readInvitationRow'],
  row: BatchRow,
  profile: PartnerProfileDocument | ProblemError,
  known: {
    readonly active: ReadonlyMap<string, boolean>;
    readonly pending: ReadonlyMap<string, string>;
  },
  firstLineOfDomain: Map<string, number>,
): RowProblem | undefined {
  const parsed = readRow(row.values);
  if ('problem' in parsed) return parsed.problem;
  if (profile instanceof ProblemError) return asRowProblem(profile);
  const input = parsed.input;
  const refused = invitationRuleProblem(profile, input);
  if (refused !== undefined) return asRowProblem(refused);
  const domain = input.customer.domain;
  const first = firstLineOfDomain.get(domain);
  if (first !== undefined) {
    return {
      code: 'DUPLICATE_DOMAIN_IN_BATCH',
      field: 'domain',
      message: `Line ${first} already invites ${domain}; a batch invites each customer once.`,
    };
  }
  firstLineOfDomain.set(domain, row.line);
  // An invitation that would change nothing: the customer is active, with DAP when asked for
  // (restoring removed DAP, or adding it, is what an invitation to an active customer is for).
  const dapActive = known.active.get(customerIdForDomain(domain));
  if (dapActive !== undefined && (!input.includeDelegatedAdmin || dapActive)) {
    return {
      code: 'CUSTOMER_ALREADY_ACTIVE',
      field: 'domain',
      message: `${domain} is already your customer${input.includeDelegatedAdmin ? ' with delegated admin privileges' : ''}.`,
    };
  }
  const pendingId = known.pending.get(domain);
  return pendingId === undefined ? undefined : alreadyPending(domain, pendingId);
}

/** A row for a domain that has a pending invitation from the partner (earlier or elsewhere). */
function alreadyPending(domain: string, invitationId: string): RowProblem {
  return {
    code: 'INVITATION_ALREADY_PENDING',
    field: 'domain',
    message: `${domain} already has a pending invitation from you (${invitationId}); revoke it first, or wait until it is accepted or expires.`,
  };
}

async function queueChunks(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  indexes: readonly number[],
): Promise<void> {
  await mapConcurrently(indexes, CHUNK_CONCURRENCY, (chunk) =>
    deps.queue.send(QUEUES.invitationBatch, {
      partnerTenantId: batch.partnerTenantId,
      batchId: batch.batchId,
      chunk,
    } satisfies InvitationBatchMessage),
  );
}

/** The idempotency key of a row's invitation: one invitation per batch and line, ever. */
const rowKey = (batch: InvitationBatchDocument, row: BatchRow) =>
  `invitation-batch:${batch.batchId}:${row.line}`;

/**
 * Creates the invitations of one chunk's valid rows (and queues their emails with `send`),
 * then records the chunk's outcome in the batch; the last chunk completes the batch.
 */
async function runChunk(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  index: number,
): Promise<string> {
  if (batch.status === 'validating' || index >= batch.chunkCount) {
    throw new Error(`Chunk ${index} of batch ${batch.batchId} is not ready to run`);
  }
  let chunk = await readChunk(deps, batch, index);
  if (chunk.state === 'open') {
    const profile = await requirePartnerProfile(deps, batch.partnerTenantId);
    const created = await createRows(deps, batch, chunk.rows, profile);
    const run = created.flatMap((row) =>
      'dispatch' in row ? [(row as RowWithDispatch).dispatch] : [],
    );
    if (run.length > 0) {
      // Queued before the chunk closes: a redelivery finds these invitations already sending
      // and queues nothing twice; a crash before this line leaves them to housekeeping.
      await deps.queue.send(QUEUES.invitationEmail, {
        partnerTenantId: batch.partnerTenantId,
        batchId: batch.batchId,
        run: run.map(({ invitationId, dispatchId }) => ({ invitationId, dispatchId })),
      } satisfies EmailRunMessage);
    }
    const rows = created.map((row) => {
      if (!('dispatch' in row)) return row;
      const { dispatch: _queued, ...stored } = row as RowWithDispatch;
      return stored;
    });
    chunk = await closeChunk(deps, chunk, () => rows);
  }
  const settled = await settleChunk(deps, batch, chunk);
  return `chunk ${index}: ${describeOutcome(outcomeOf(chunk))}; batch ${settled.status}`;
}

/** A created row whose email the chunk is to queue. */
type RowWithDispatch = BatchRow & { dispatch: EmailDispatchMessage };

/**
 * Creates a chunk's pending rows. A row that needs only its own documents (the usual case) is
 * written with others in one transactional batch: its domain claim, its invitation (already
 * `sending` when the batch sends) and their events, several rows a round trip. A group that
 * cannot be written whole (a domain another batch holds, an invitation a first delivery of this
 * message wrote) and a row that needs more (Microsoft Graph, a refusal) are created row by row
 * by `createRow`, which sorts out each case.
 */
async function createRows(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  rows: readonly BatchRow[],
  profile: PartnerProfileDocument,
): Promise<BatchRow[]> {
  const results = [...rows];
  const byRow: number[] = [];
  const groups: PreparedRow[][] = [];
  let group: PreparedRow[] = [];
  let operations = 0;
  rows.forEach((row, index) => {
    if (row.status !== 'pending') return;
    const prepared = prepareRow(deps, batch, row, profile, index);
    if (prepared === undefined) {
      byRow.push(index);
      return;
    }
    if (operations + prepared.operations.length > MAX_BATCH_OPERATIONS) {
      groups.push(group);
      group = [];
      operations = 0;
    }
    group.push(prepared);
    operations += prepared.operations.length;
  });
  if (group.length > 0) groups.push(group);
  await mapConcurrently(groups, GROUP_CONCURRENCY, async (members) => {
    try {
      await deps.store.batch(
        batch.pk,
        members.flatMap((member) => member.operations),
      );
    } catch (error) {
      if (!isExpectedRace(error)) throw error;
      byRow.push(...members.map((member) => member.index));
      return;
    }
    for (const member of members) results[member.index] = member.created;
  });
  await mapConcurrently(byRow, ROW_CONCURRENCY, async (index) => {
    results[index] = await createRow(deps, batch, rows[index]!, profile);
  });
  return results;
}

/** Operations of one transactional batch: Cosmos DB takes up to 100. */
const MAX_BATCH_OPERATIONS = 100;
/** Transactional batches of one chunk written at once. */
const GROUP_CONCURRENCY = 4;

/** A row's documents ready to be written with other rows', and the row as it will then be. */
interface PreparedRow {
  readonly index: number;
  readonly operations: readonly BatchWrite[];
  readonly created: BatchRow;
}

/** What a group's batch fails with when a document is not as the group expected. */
function isExpectedRace(error: unknown): boolean {
  return (
    error instanceof DocumentConflictError ||
    error instanceof DocumentChangedError ||
    error instanceof DocumentNotFoundError
  );
}

/**
 * The documents of a row that needs nothing but them: undefined for a row the profile refuses,
 * one asking for granular roles (created in Microsoft Graph first) or one that does not read,
 * which `createRow` handles. The row's documents are those `createRow` would write: the claim
 * on its domain, the invitation with `invitation.created` and, with `send`, the move to
 * `sending` with `invitation.sendRequested`, for a dispatch whose id derives from the
 * invitation's, so that a later delivery finds the email this one queued.
 */
function prepareRow(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  row: BatchRow,
  profile: PartnerProfileDocument,
  index: number,
): PreparedRow | undefined {
  const parsed = deps.readInvitationRow(row.values);
  if ('problem' in parsed) return undefined;
  const input = parsed.input;
  if (input.delegatedAdmin !== undefined || invitationRuleProblem(profile, input) !== undefined) {
    return undefined;
  }
  const key = rowKey(batch, row);
  const invitationId = invitationIdForIdempotencyKey(batch.partnerTenantId, key);
  const drafted = newInvitationDocument(deps, batch.partnerTenantId, batch.createdBy, input, {
    id: invitationId,
    profile,
    idempotency: { key, fingerprint: fingerprintOf(input) },
  });
  const claim = domainClaim(batch, row, drafted.invitation.customer.domain, invitationId, deps);
  const created: BatchRow = { line: row.line, values: row.values, status: 'created', invitationId };
  if (!batch.send) {
    return {
      index,
      operations: [
        { kind: 'create', document: claim },
        { kind: 'create', document: drafted.invitation },
        eventWrite(drafted.created),
      ],
      created,
    };
  }
  const dispatchId = rowDispatchId(batch, invitationId);
  const sending = transitioned(
    drafted.invitation,
    'sending',
    drafted.invitation.updatedAt,
    batch.createdBy,
    { dispatch: { id: dispatchId, attempts: 0 } },
  );
  const dispatch: EmailDispatchMessage = {
    partnerTenantId: batch.partnerTenantId,
    invitationId,
    dispatchId,
  };
  return {
    index,
    operations: [
      { kind: 'create', document: claim },
      { kind: 'create', document: sending },
      eventWrite(drafted.created),
      eventWrite(sendRequestedEvent(sending, batch.createdBy, dispatchId)),
    ],
    created: Object.assign(created, { dispatch }),
  };
}

/** The dispatch of a batch row's first email: one per invitation, whichever delivery wrote it. */
const rowDispatchId = (batch: InvitationBatchDocument, invitationId: string) =>
  invitationIdForIdempotencyKey(batch.partnerTenantId, `invitation-batch-dispatch:${invitationId}`);

async function createRow(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  row: BatchRow,
  profile: PartnerProfileDocument,
): Promise<BatchRow> {
  const parsed = deps.readInvitationRow(row.values);
  if ('problem' in parsed) return failedRow(row, parsed.problem);
  const input = parsed.input;
  const key = rowKey(batch, row);
  const claimProblem = await claimDomain(deps, batch, row, input.customer.domain, key);
  if (claimProblem !== undefined) return failedRow(row, claimProblem);
  let invitationId: string;
  try {
    const { invitation } = await createInvitation(
      deps,
      batch.partnerTenantId,
      batch.createdBy,
      input,
      key,
      { profile },
    );
    invitationId = invitation.id;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    // Refused after all: the domain is not this row's to hold.
    await releaseDomain(deps, batch, input.customer.domain, key);
    return failedRow(row, asRowProblem(error));
  }
  let dispatch: EmailDispatchMessage | undefined;
  if (batch.send) {
    // Moved to `sending` here; the chunk queues its emails as one run (one SendGrid request).
    dispatch = await sendInvitation(deps, batch.partnerTenantId, invitationId, batch.createdBy, {
      queueLater: true,
    }).then(
      (sent) => sent.dispatch ?? firstDispatchWaiting(batch, sent.invitation, sent.queued),
      (error: unknown) => {
        // Revoked (or otherwise moved on) in the meantime: it was created, it is not sent.
        if (!(error instanceof ProblemError)) throw error;
        return undefined;
      },
    );
  }
  const created: BatchRow = { line: row.line, values: row.values, status: 'created', invitationId };
  return dispatch === undefined ? created : Object.assign(created, { dispatch });
}

/**
 * The email of a row a first delivery of its chunk wrote `sending` (see `prepareRow`) and that
 * nothing has sent yet: the run of this delivery carries it (a run skips what another sent).
 */
function firstDispatchWaiting(
  batch: InvitationBatchDocument,
  invitation: InvitationDocument,
  queued: boolean,
): EmailDispatchMessage | undefined {
  const dispatchId = rowDispatchId(batch, invitation.id);
  if (queued || invitation.status !== 'sending' || invitation.dispatch?.id !== dispatchId) {
    return undefined;
  }
  return { partnerTenantId: batch.partnerTenantId, invitationId: invitation.id, dispatchId };
}

/** The claim of a row on its customer domain, for the row's invitation. */
function domainClaim(
  batch: InvitationBatchDocument,
  row: BatchRow,
  domain: string,
  invitationId: string,
  deps: Dependencies,
): BatchDomainClaimDocument {
  return {
    id: batchDomainClaimId(customerIdForDomain(domain)),
    pk: batch.pk,
    type: 'batchDomainClaim',
    partnerTenantId: batch.partnerTenantId,
    domain,
    invitationId,
    batchId: batch.batchId,
    line: row.line,
    claimedAt: deps.now().toISOString(),
  };
}

/**
 * Claims the row's customer domain for its invitation (see `BatchDomainClaimDocument`): another
 * batch running at the same time may have got past validation with the same domain. A claim
 * whose invitation is no longer pending is taken over; one whose invitation is not written yet
 * stands for `DOMAIN_CLAIM_GRACE_MS` (its row is being created, or failed just now).
 */
async function claimDomain(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  row: BatchRow,
  rawDomain: string,
  key: string,
): Promise<RowProblem | undefined> {
  const domain = rawDomain.trim().toLowerCase();
  const invitationId = invitationIdForIdempotencyKey(batch.partnerTenantId, key);
  const now = deps.now();
  const claim = domainClaim(batch, row, domain, invitationId, deps);
  for (let attempt = 1; attempt <= DOMAIN_CLAIM_ATTEMPTS; attempt++) {
    try {
      await deps.store.create(claim);
      return undefined;
    } catch (error) {
      if (!(error instanceof DocumentConflictError)) throw error;
    }
    const held = await deps.store.read<BatchDomainClaimDocument>(claim.pk, claim.id);
    if (held === undefined) continue;
    if (held.invitationId === invitationId) return undefined;
    const holder = await deps.store.read<InvitationDocument>(claim.pk, held.invitationId);
    const stands =
      holder === undefined
        ? now.getTime() - Date.parse(held.claimedAt) < DOMAIN_CLAIM_GRACE_MS
        : isPendingInvitation(holder.status, holder.expiresAt, now);
    if (stands) return alreadyPending(domain, held.invitationId);
    try {
      await deps.store.replace(claim, held._etag!);
      return undefined;
    } catch (error) {
      if (!(error instanceof DocumentChangedError)) throw error;
    }
  }
  throw new Error(`Could not claim ${domain} for line ${row.line} of batch ${batch.batchId}`);
}

/** Lets go of the row's claim on its domain, unless another row has taken it over since. */
async function releaseDomain(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  rawDomain: string,
  key: string,
): Promise<void> {
  const id = batchDomainClaimId(customerIdForDomain(rawDomain.trim().toLowerCase()));
  const held = await deps.store.read<BatchDomainClaimDocument>(batch.pk, id);
  if (held?.invitationId === invitationIdForIdempotencyKey(batch.partnerTenantId, key)) {
    await deps.store.delete(batch.pk, id);
  }
}

/** Marks a chunk done with the rows `finish` gives, once; returns the chunk as stored. */
async function closeChunk(
  deps: Dependencies,
  chunk: BatchChunkDocument,
  finish: (rows: readonly BatchRow[]) => readonly BatchRow[],
): Promise<BatchChunkDocument> {
  const result = await updateDocument<BatchChunkDocument>(
    deps.store,
    chunk.pk,
    chunk.id,
    (current) =>
      current.state === 'done'
        ? { keep: true }
        : { write: { ...current, state: 'done', rows: finish(current.rows) } },
  );
  return result!.document;
}

function outcomeOf(chunk: BatchChunkDocument): ChunkOutcome {
  const created = chunk.rows.filter((row) => row.status === 'created').length;
  return { created, failed: chunk.rows.length - created };
}

function describeOutcome(outcome: ChunkOutcome): string {
  return `${outcome.created} created, ${outcome.failed} failed`;
}

/**
 * Records a done chunk's outcome in the batch; the write that records the last one completes
 * the batch. The completion event is recorded whenever the batch is complete, so a redelivery
 * fills the gap a crash between the two writes left (the event id is fixed: it stays one).
 */
async function settleChunk(
  deps: Dependencies,
  batch: InvitationBatchDocument,
  chunk: BatchChunkDocument,
): Promise<InvitationBatchDocument> {
  const outcome = outcomeOf(chunk);
  const result = await updateDocument<InvitationBatchDocument>(
    deps.store,
    batch.pk,
    batch.id,
    (current) => {
      if (current.chunks[chunk.index] !== null) return { keep: true };
      const chunks = current.chunks.map((c, i) => (i === chunk.index ? outcome : c));
      const at = deps.now().toISOString();
      const done = chunks.every((c) => c !== null);
      const next = { ...current, chunks, updatedAt: at };
      if (!done) return { write: next };
      const failed = chunks.some((c) => c!.failed > 0);
      return {
        write: {
          ...next,
          status: failed ? 'completed_with_errors' : 'completed',
          completedAt: at,
        },
      };
    },
    BATCH_UPDATE_ATTEMPTS,
  );
  const settled = result!.document;
  if (settled.completedAt !== undefined) {
    await recordEvent(
      deps,
      batchEvent(settled, 'invitationBatch.completed', 'system', settled.completedAt),
    );
  }
  return settled;
}

/**
 * A fan-out message that kept failing (poison queue): its rows that are still pending are
 * failed with `ROW_NOT_PROCESSED`, so the batch completes and the partner can re-post them.
 * A validation message gives up every chunk.
 */
export async function abandonInvitationBatchMessage(
  deps: Dependencies,
  message: InvitationBatchMessage,
): Promise<string> {
  const batch = await batchOfMessage(deps, message);
  if (batch === undefined) {
    return `no batch ${message.batchId}`;
  }
  const indexes =
    message.chunk === undefined
      ? Array.from({ length: batch.chunkCount }, (_, index) => index)
      : [message.chunk];
  let settled = batch;
  for (const index of indexes) {
    const chunk = await closeChunk(deps, await readChunk(deps, batch, index), (rows) =>
      rows.map((row) =>
        row.status === 'pending'
          ? failedRow(row, {
              code: 'ROW_NOT_PROCESSED',
              field: 'row',
              message: 'The row could not be processed; post it again in a new batch.',
            })
          : row,
      ),
    );
    settled = await settleChunk(deps, batch, chunk);
  }
  return `gave up ${indexes.length} chunk(s); batch ${settled.status}`;
}
