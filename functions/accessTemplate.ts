import { app, type HttpHandler } from '@azure/functions';
import { z } from 'zod';
import { resourceId } from '../shared/api/schemas';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { notFound } from '../shared/domain/problem';
import { readJsonBody } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  ACCESS_TEMPLATE_MAX_GROUPS,
  delegatedAdminAccess,
  readAccessTemplate,
  saveAccessTemplate,
} from '../shared/services/accessTemplate';

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
export const getAccessTemplate: HttpHandler = partnerEndpoint(
  [PARTNER_ROLES.admin, PARTNER_ROLES.sales],
  async ({ services, caller }) =>
    jsonResponse(200, await readAccessTemplate(services, caller.tenantId)),
);

/** Replaces the template (Admin agents only). */
export const putAccessTemplate: HttpHandler = partnerEndpoint(
  [PARTNER_ROLES.admin],
  async ({ request, services, caller }) => {
    const body = await readJsonBody(request, accessTemplateBody);
    return jsonResponse(
      200,
      await saveAccessTemplate(
        services,
        caller.tenantId,
        body.assignments,
        `partner:${caller.userId}`,
      ),
    );
  },
);

/** Which groups hold which roles in one customer's tenant, and what is still pending. */
export const getDelegatedAdminAccess: HttpHandler = partnerEndpoint(
  [PARTNER_ROLES.admin, PARTNER_ROLES.sales],
  async ({ request, services, caller }) => {
    const id = resourceId.safeParse(request.params.id);
    if (!id.success) throw notFound('The customer');
    const access = await delegatedAdminAccess(services, caller.tenantId, id.data);
    if (access === undefined) throw notFound('The customer');
    return jsonResponse(200, access);
  },
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
