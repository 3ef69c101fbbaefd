import { app } from '@azure/functions';
import * as z from 'zod';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { readQuery } from '../shared/http/query';
import { jsonResponse } from '../shared/http/responses';
import {
  checkMicrosoftConnection,
  getMicrosoftConnection,
} from '../shared/services/microsoftConnection';
import { resumeChecksAfterReconnect } from '../shared/services/gdapChecks';
import { actorOf } from '../shared/auth/actor';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

const connectionQuery = z.strictObject({
  redirectUri: z.url({ protocol: /^https?$/ }).optional(),
});

/** The partner's connection to Microsoft as last checked, and where to grant admin consent. */
async function getMicrosoftConnectionHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getMicrosoftConnection'>> {
  const { redirectUri } = readQuery(request, connectionQuery);
  return jsonResponse(200, await getMicrosoftConnection(services, caller.tenantId, redirectUri));
}

/** Asks Microsoft Graph again whether the app may manage the partner's GDAP relationships. */
async function checkMicrosoftConnectionHandler({
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'checkMicrosoftConnection'>> {
  const connection = await checkMicrosoftConnection(
    services,
    services.graph,
    caller.tenantId,
    actorOf(caller),
  );
  if (connection.state === 'connected') {
    // Relationships whose checks stopped when the consent was withdrawn are read again.
    await resumeChecksAfterReconnect(services, caller.tenantId);
  }
  return jsonResponse(200, connection);
}

app.http('getMicrosoftConnection', {
  methods: ['GET'],
  route: 'partner/microsoft-connection',
  authLevel: 'anonymous',
  handler: partnerEndpoint(
    [PARTNER_ROLES.admin, PARTNER_ROLES.sales],
    getMicrosoftConnectionHandler,
  ),
});

app.http('checkMicrosoftConnection', {
  methods: ['POST'],
  route: 'partner/microsoft-connection/check',
  authLevel: 'anonymous',
  handler: partnerEndpoint([PARTNER_ROLES.admin], checkMicrosoftConnectionHandler),
});
