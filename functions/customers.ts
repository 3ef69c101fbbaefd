import { app } from '@azure/functions';
import { customerListQuery, resourceId } from '../shared/api/schemas';
import { decodePageToken, toCustomerView, toPageBody } from '../shared/api/views';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/http/endpoint';
import { notFound } from '../shared/http/problem';
import { readQuery } from '../shared/http/query';
import { jsonResponse } from '../shared/http/responses';
import { getCustomer, listCustomers } from '../shared/services/customers';

const ROLES = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];

app.http('listCustomers', {
  methods: ['GET'],
  route: 'customers',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, async ({ request, services, caller }) => {
    const query = readQuery(request, customerListQuery);
    const continuationToken = decodePageToken(query.continuationToken);
    const page = await listCustomers(services, caller.tenantId, {
      limit: query.limit,
      ...(continuationToken === undefined ? {} : { continuationToken }),
    });
    return jsonResponse(200, toPageBody(page, toCustomerView));
  }),
});

app.http('getCustomer', {
  methods: ['GET'],
  route: 'customers/{id}',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, async ({ request, services, caller }) => {
    const id = resourceId.safeParse(request.params.id);
    if (!id.success) {
      throw notFound('The customer');
    }
    return jsonResponse(200, toCustomerView(await getCustomer(services, caller.tenantId, id.data)));
  }),
});
