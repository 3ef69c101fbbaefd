import { app } from '@azure/functions';
import { auditEventQuery } from '../shared/api/schemas';
import { decodePageToken, toPageBody } from '../shared/api/views';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { readQuery } from '../shared/http/query';
import { jsonResponse } from '../shared/http/responses';
import {
  auditArchivedBefore,
  listAuditEvents,
  toAuditEventView,
} from '../shared/services/auditLog';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

app.http('listAuditEvents', {
  methods: ['GET'],
  route: 'audit-events',
  authLevel: 'anonymous',
  handler: partnerEndpoint([PARTNER_ROLES.admin], listAuditEventsHandler),
});

async function listAuditEventsHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listAuditEvents'>> {
  const query = readQuery(request, auditEventQuery);
  const continuationToken = decodePageToken(query.continuationToken);
  const page = await listAuditEvents(services, caller.tenantId, {
    limit: query.limit,
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(continuationToken === undefined ? {} : { continuationToken }),
  });
  const archivedBefore = auditArchivedBefore(services);
  return jsonResponse(200, {
    ...toPageBody(page, toAuditEventView),
    ...(archivedBefore === undefined ? {} : { archivedBefore }),
  });
}
