import { app, type HttpRequest } from '@azure/functions';
import { actorOf } from '../shared/auth/actor';
import {
  BATCH_MAX_BYTES,
  batchSourceOf,
  readBatchUpload,
} from '../shared/api/invitationBatchUpload';
import {
  decodeRowPosition,
  encodeRowPosition,
  toBatchRowsCsv,
  toBatchRowView,
  toInvitationBatchView,
} from '../shared/api/invitationBatchViews';
import {
  invitationBatchCreateQuery,
  invitationBatchListQuery,
  invitationBatchRowsQuery,
  resourceId,
} from '../shared/api/schemas';
import { decodePageToken, toPageBody } from '../shared/api/views';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { readIdempotencyKey } from '../shared/http/idempotencyKey';
import { fieldProblem, notFound } from '../shared/domain/problem';
import { readQuery } from '../shared/http/query';
import { mediaTypeOf, readBodyBytes } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import { invitationBatchMessage } from '../shared/queue/queueMessages';
import {
  abandonInvitationBatchMessage,
  createInvitationBatch,
  getInvitationBatch,
  listBatchRows,
  listInvitationBatches,
  runInvitationBatch,
} from '../shared/services/invitationBatches';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

/** The same roles as the invitation endpoints: a batch is many invitations at once. */
const ROLES = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];

function batchIdOf(request: HttpRequest): string {
  const parsed = resourceId.safeParse(request.params.id);
  if (!parsed.success) {
    throw notFound('The invitation batch');
  }
  return parsed.data;
}

app.http('createInvitationBatch', {
  methods: ['POST'],
  route: 'invitation-batches',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, createInvitationBatchHandler),
});

async function createInvitationBatchHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'createInvitationBatch'>> {
  const { send } = readQuery(request, invitationBatchCreateQuery);
  const key = readIdempotencyKey(request);
  const source = batchSourceOf(mediaTypeOf(request));
  if (source === undefined) {
    throw fieldProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
      'Send the batch as text/csv or as an application/json array.',
      'Unsupported media type',
    );
  }
  const rows = readBatchUpload(source, await readBodyBytes(request, BATCH_MAX_BYTES));
  const { batch, replayed } = await createInvitationBatch(
    services,
    caller.tenantId,
    actorOf(caller),
    { source, rows, send },
    key,
  );
  return jsonResponse(202, toInvitationBatchView(batch), {
    Location: `/api/invitation-batches/${batch.batchId}`,
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
}

app.http('listInvitationBatches', {
  methods: ['GET'],
  route: 'invitation-batches',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, listInvitationBatchesHandler),
});

async function listInvitationBatchesHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listInvitationBatches'>> {
  const query = readQuery(request, invitationBatchListQuery);
  const continuationToken = decodePageToken(query.continuationToken);
  const page = await listInvitationBatches(services, caller.tenantId, {
    limit: query.limit,
    ...(continuationToken === undefined ? {} : { continuationToken }),
  });
  return jsonResponse(200, toPageBody(page, toInvitationBatchView));
}

app.http('getInvitationBatch', {
  methods: ['GET'],
  route: 'invitation-batches/{id}',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, getInvitationBatchHandler),
});

async function getInvitationBatchHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getInvitationBatch'>> {
  const batch = await getInvitationBatch(services, caller.tenantId, batchIdOf(request));
  return jsonResponse(200, toInvitationBatchView(batch));
}

app.http('listInvitationBatchRows', {
  methods: ['GET'],
  route: 'invitation-batches/{id}/rows',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, listInvitationBatchRowsHandler),
});

async function listInvitationBatchRowsHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listInvitationBatchRows'>> {
  const query = readQuery(request, invitationBatchRowsQuery);
  const batch = await getInvitationBatch(services, caller.tenantId, batchIdOf(request));
  const status = query.status === undefined ? {} : { status: query.status };
  if (query.format === 'csv') {
    const { rows } = await listBatchRows(services, batch, { limit: batch.totalRows, ...status });
    return {
      status: 200,
      body: toBatchRowsCsv(rows),
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="invitation-batch-${batch.batchId}-rows.csv"`,
        'Cache-Control': 'no-store',
      },
    };
  }
  const from = decodeRowPosition(query.continuationToken);
  const page = await listBatchRows(services, batch, {
    limit: query.limit,
    ...status,
    ...(from === undefined ? {} : { from }),
  });
  const next = encodeRowPosition(page.next);
  return jsonResponse(200, {
    items: page.rows.map(toBatchRowView),
    ...(next === undefined ? {} : { continuationToken: next }),
  });
}

app.storageQueue('runInvitationBatch', {
  queueName: QUEUES.invitationBatch,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(invitationBatchMessage, (message, services) =>
    runInvitationBatch(services, message),
  ),
});

app.storageQueue('abandonInvitationBatch', {
  queueName: `${QUEUES.invitationBatch}-poison`,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(invitationBatchMessage, (message, services) =>
    abandonInvitationBatchMessage(services, message),
  ),
});
