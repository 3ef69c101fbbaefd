import { app } from '@azure/functions';
import { actorOf } from '../shared/auth/actor';
import {
  createInvitationBody,
  DRAFT_MAX_BYTES,
  draftEditBody,
  invitationListQuery,
  resourceId,
} from '../shared/api/schemas';
import {
  decodePageToken,
  toInvitationSummary,
  toInvitationView,
  toPageBody,
} from '../shared/api/views';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { readIdempotencyKey } from '../shared/http/idempotencyKey';
import { notFound, ProblemError } from '../shared/domain/problem';
import { readQuery } from '../shared/http/query';
import { readJsonBody } from '../shared/http/requestBody';
import { etagFromIfMatch, httpEtag, jsonResponse } from '../shared/http/responses';
import {
  createInvitation,
  editDraft,
  getInvitation,
  listInvitations,
  revokeInvitation,
  sendInvitation,
} from '../shared/services/invitations';
import type { HttpRequest } from '@azure/functions';
import { requestResend } from '../shared/services/followUps';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

const ROLES = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];

/** Route ids are validated like any input; a malformed id cannot exist, so it is a 404. */
function invitationIdOf(request: HttpRequest): string {
  const parsed = resourceId.safeParse(request.params.id);
  if (!parsed.success) {
    throw notFound('The invitation');
  }
  return parsed.data;
}

app.http('createInvitation', {
  methods: ['POST'],
  route: 'invitations',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, createInvitationHandler),
});

async function createInvitationHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'createInvitation'>> {
  const key = readIdempotencyKey(request);
  const body = await readJsonBody(request, createInvitationBody);
  const { invitation, replayed } = await createInvitation(
    services,
    caller.tenantId,
    actorOf(caller),
    body,
    key,
  );
  return jsonResponse(replayed ? 200 : 201, toInvitationView(invitation, services.now()), {
    Location: `/api/invitations/${invitation.id}`,
    ETag: httpEtag(invitation._etag),
    ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
  });
}

app.http('listInvitations', {
  methods: ['GET'],
  route: 'invitations',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, listInvitationsHandler),
});

async function listInvitationsHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listInvitations'>> {
  const query = readQuery(request, invitationListQuery);
  const continuationToken = decodePageToken(query.continuationToken);
  const page = await listInvitations(services, caller.tenantId, {
    limit: query.limit,
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(continuationToken === undefined ? {} : { continuationToken }),
  });
  const now = services.now();
  return jsonResponse(
    200,
    toPageBody(page, (doc) => toInvitationSummary(doc, now)),
  );
}

app.http('getInvitation', {
  methods: ['GET'],
  route: 'invitations/{id}',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, getInvitationHandler),
});

async function getInvitationHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getInvitation'>> {
  const invitation = await getInvitation(services, caller.tenantId, invitationIdOf(request));
  return jsonResponse(200, toInvitationView(invitation, services.now()), {
    ETag: httpEtag(invitation._etag),
  });
}

app.http('editInvitationDraft', {
  methods: ['PATCH'],
  route: 'invitations/{id}/draft',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, editInvitationDraftHandler),
});

async function editInvitationDraftHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'editInvitationDraft'>> {
  const id = invitationIdOf(request);
  const etag = etagFromIfMatch(request.headers.get('if-match'));
  if (etag === undefined) {
    throw new ProblemError({
      status: 428,
      code: 'PRECONDITION_REQUIRED',
      title: 'If-Match required',
      detail: 'Send the ETag of the invitation you edited in If-Match.',
      errors: [{ field: 'If-Match', code: 'REQUIRED', message: 'This header is required.' }],
    });
  }
  const edit = await readJsonBody(request, draftEditBody, DRAFT_MAX_BYTES);
  const invitation = await editDraft(services, caller.tenantId, id, etag, edit, actorOf(caller));
  return jsonResponse(200, toInvitationView(invitation, services.now()), {
    ETag: httpEtag(invitation._etag),
  });
}

app.http('sendInvitation', {
  methods: ['POST'],
  route: 'invitations/{id}/send',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, sendInvitationHandler),
});

async function sendInvitationHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'sendInvitation'>> {
  const { invitation, queued } = await sendInvitation(
    services,
    caller.tenantId,
    invitationIdOf(request),
    actorOf(caller),
  );
  return jsonResponse(
    202,
    { ...toInvitationView(invitation, services.now()), queued },
    { Location: `/api/invitations/${invitation.id}`, ETag: httpEtag(invitation._etag) },
  );
}

app.http('revokeInvitation', {
  methods: ['POST'],
  route: 'invitations/{id}/revoke',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, revokeInvitationHandler),
});

async function revokeInvitationHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'revokeInvitation'>> {
  const invitation = await revokeInvitation(
    services,
    caller.tenantId,
    invitationIdOf(request),
    actorOf(caller),
  );
  return jsonResponse(200, toInvitationView(invitation, services.now()), {
    ETag: httpEtag(invitation._etag),
  });
}

app.http('resendInvitation', {
  methods: ['POST'],
  route: 'invitations/{id}/resend',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, resendInvitationHandler),
});

async function resendInvitationHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'resendInvitation'>> {
  const invitation = await requestResend(
    services,
    caller.tenantId,
    invitationIdOf(request),
    actorOf(caller),
  );
  return jsonResponse(202, toInvitationView(invitation, services.now()), {
    Location: `/api/invitations/${invitation.id}`,
  });
}
