import { app } from '@azure/functions';
import * as z from 'zod';
import type { ResponseOf } from '../shared/api/contractResponses';
import { resourceId } from '../shared/api/schemas';
import { actorOf } from '../shared/auth/actor';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';
import { notFound } from '../shared/domain/problem';
import { readJsonBody } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  ACCESS_TEMPLATE_MAX_GROUPS,
  delegatedAdminAccess,
  readAccessTemplate,
  saveAccessTemplate,
} from '../shared/services/accessTemplate';
import { applyTemplateToActiveRelationships } from '../shared/services/gdapChecks';

const guid = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'must be a GUID',
  );

const accessTemplateBody = z.strictObject({
  assignments: z
    .array(
      z.strictObject({
        groupId: guid,
        groupName: z.string().trim().min(1).max(256),
        roles: z.array(guid).min(1).max(100),
      }),
    )
    .max(ACCESS_TEMPLATE_MAX_GROUPS),
});

/** The partner's security groups and the roles each gets in every customer's tenant. */
async function getAccessTemplateHandler({
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getAccessTemplate'>> {
  return jsonResponse(200, await readAccessTemplate(services, caller.tenantId));
}

/**
 * Replaces the template (Admin agents only) and applies it to the relationships already active:
 * a check of each is queued, which creates the assignments groups lack. A retried PUT queues
 * the checks again and creates nothing twice.
 */
async function putAccessTemplateHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'putAccessTemplate'>> {
  const body = await readJsonBody(request, accessTemplateBody);
  const saved = await saveAccessTemplate(
    services,
    caller.tenantId,
    body.assignments,
    actorOf(caller),
  );
  await applyTemplateToActiveRelationships(services, caller.tenantId);
  return jsonResponse(200, saved);
}

/** Which groups hold which roles in one customer's tenant, and what is still pending. */
async function getDelegatedAdminAccessHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getDelegatedAdminAccess'>> {
  const id = resourceId.safeParse(request.params.id);
  if (!id.success) throw notFound('The customer');
  const access = await delegatedAdminAccess(services, caller.tenantId, id.data);
  if (access === undefined) throw notFound('The customer');
  return jsonResponse(200, access);
}

export const getAccessTemplate = partnerEndpoint(
  [PARTNER_ROLES.admin, PARTNER_ROLES.sales],
  getAccessTemplateHandler,
);
export const putAccessTemplate = partnerEndpoint([PARTNER_ROLES.admin], putAccessTemplateHandler);
export const getDelegatedAdminAccess = partnerEndpoint(
  [PARTNER_ROLES.admin, PARTNER_ROLES.sales],
  getDelegatedAdminAccessHandler,
);

app.http('getAccessTemplate', {
  methods: ['GET'],
  route: 'partner/access-template',
  authLevel: 'anonymous',
  handler: getAccessTemplate,
});

app.http('putAccessTemplate', {
  methods: ['PUT'],
  route: 'partner/access-template',
  authLevel: 'anonymous',
  handler: putAccessTemplate,
});

app.http('getDelegatedAdminAccess', {
  methods: ['GET'],
  route: 'customers/{id}/delegated-admin/access',
  authLevel: 'anonymous',
  handler: getDelegatedAdminAccess,
});
