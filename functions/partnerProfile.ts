import { app } from '@azure/functions';
import { partnerProfileBody } from '../shared/api/schemas';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { readJsonBody } from '../shared/http/requestBody';
import { httpEtag, jsonResponse } from '../shared/http/responses';
import {
  getPartnerProfile,
  savePartnerProfile,
  toPartnerProfileView,
} from '../shared/services/partnerProfiles';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

const ANY_PARTNER_ROLE = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];

app.http('putPartnerProfile', {
  methods: ['PUT'],
  route: 'partner',
  authLevel: 'anonymous',
  handler: partnerEndpoint([PARTNER_ROLES.admin], putPartnerProfileHandler),
});

async function putPartnerProfileHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'putPartnerProfile'>> {
  const body = await readJsonBody(request, partnerProfileBody);
  const { profile, created } = await savePartnerProfile(
    services,
    caller.tenantId,
    body,
    `partner:${caller.userId}`,
  );
  return jsonResponse(created ? 201 : 200, toPartnerProfileView(profile), {
    ETag: httpEtag(profile._etag),
  });
}

app.http('getPartnerProfile', {
  methods: ['GET'],
  route: 'partner',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ANY_PARTNER_ROLE, getPartnerProfileHandler),
});

async function getPartnerProfileHandler({
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getPartnerProfile'>> {
  const profile = await getPartnerProfile(services, caller.tenantId);
  return jsonResponse(200, toPartnerProfileView(profile), { ETag: httpEtag(profile._etag) });
}
