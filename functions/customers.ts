import { app, type HttpRequest } from '@azure/functions';
import { actorOf } from '../shared/auth/actor';
import { customerListQuery, resourceId, supportContactBody } from '../shared/api/schemas';
import { decodePageToken, toCustomerView, toPageBody } from '../shared/api/views';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { notFound } from '../shared/domain/problem';
import { readQuery } from '../shared/http/query';
import { readJsonBody } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  assignSupportContact,
  getCustomer,
  listCustomers,
  removeRelationship,
  removeSupportContact,
} from '../shared/services/customers';
import { recheckResellerConfirmation } from '../shared/services/resellerConfirmation';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

const ROLES = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];

function customerIdOf(request: HttpRequest): string {
  const id = resourceId.safeParse(request.params.id);
  if (!id.success) {
    throw notFound('The customer');
  }
  return id.data;
}

app.http('listCustomers', {
  methods: ['GET'],
  route: 'customers',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, listCustomersHandler),
});

async function listCustomersHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listCustomers'>> {
  const query = readQuery(request, customerListQuery);
  const continuationToken = decodePageToken(query.continuationToken);
  const page = await listCustomers(services, caller.tenantId, {
    limit: query.limit,
    ...(continuationToken === undefined ? {} : { continuationToken }),
    ...(query.delegatedAdminEndsWithinDays === undefined
      ? {}
      : { delegatedAdminEndsWithinDays: query.delegatedAdminEndsWithinDays }),
    ...(query.search === undefined ? {} : { search: query.search }),
    ...(query.confirmation === undefined ? {} : { confirmation: query.confirmation }),
  });
  return jsonResponse(200, toPageBody(page, toCustomerView));
}

app.http('getCustomer', {
  methods: ['GET'],
  route: 'customers/{id}',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, getCustomerHandler),
});

async function getCustomerHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getCustomer'>> {
  const customer = await getCustomer(services, caller.tenantId, customerIdOf(request));
  return jsonResponse(200, toCustomerView(customer));
}

app.http('recheckResellerConfirmation', {
  methods: ['POST'],
  route: 'customers/{id}/reseller-confirmation/check',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, recheckResellerConfirmationHandler),
});

async function recheckResellerConfirmationHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'recheckResellerConfirmation'>> {
  const customerId = customerIdOf(request);
  return jsonResponse(
    200,
    toCustomerView(await recheckResellerConfirmation(services, caller.tenantId, customerId)),
  );
}

app.http('removeRelationship', {
  methods: ['DELETE'],
  route: 'customers/{id}/relationship',
  authLevel: 'anonymous',
  handler: partnerEndpoint([PARTNER_ROLES.admin], removeRelationshipHandler),
});

async function removeRelationshipHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'removeRelationship'>> {
  await removeRelationship(services, caller.tenantId, customerIdOf(request), actorOf(caller));
  return { status: 204 };
}

app.http('putSupportContact', {
  methods: ['PUT'],
  route: 'customers/{id}/support-contact',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, putSupportContactHandler),
});

async function putSupportContactHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'putSupportContact'>> {
  const id = customerIdOf(request);
  const body = await readJsonBody(request, supportContactBody);
  const contact = await assignSupportContact(services, caller.tenantId, id, body, actorOf(caller));
  return jsonResponse(200, contact);
}

app.http('getSupportContact', {
  methods: ['GET'],
  route: 'customers/{id}/support-contact',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, getSupportContactHandler),
});

async function getSupportContactHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getSupportContact'>> {
  const relationship = await getCustomer(services, caller.tenantId, customerIdOf(request));
  if (relationship.supportContact === null) {
    throw notFound('A support contact for this customer');
  }
  return jsonResponse(200, relationship.supportContact);
}

app.http('deleteSupportContact', {
  methods: ['DELETE'],
  route: 'customers/{id}/support-contact',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ROLES, deleteSupportContactHandler),
});

async function deleteSupportContactHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'deleteSupportContact'>> {
  await removeSupportContact(services, caller.tenantId, customerIdOf(request), actorOf(caller));
  return { status: 204 };
}
