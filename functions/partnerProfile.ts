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

const ANY_PARTNER_ROLE = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];

app.http('putPartnerProfile', {
  methods: ['PUT'],
  route: 'partner',
  authLevel: 'anonymous',
  handler: partnerEndpoint([PARTNER_ROLES.admin], async ({ request, services, caller }) => {
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
  }),
});

app.http('getPartnerProfile', {
  methods: ['GET'],
  route: 'partner',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ANY_PARTNER_ROLE, async ({ services, caller }) => {
    const profile = await getPartnerProfile(services, caller.tenantId);
    return jsonResponse(200, toPartnerProfileView(profile), { ETag: httpEtag(profile._etag) });
  }),
});
