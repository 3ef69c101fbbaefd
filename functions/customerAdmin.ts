import { app, type HttpRequest } from '@azure/functions';
import { claimCustomerBody, tenantIdParam } from '../shared/api/schemas';
import { customerAdminEndpoint } from '../shared/app/entryPoints';
import { fieldProblem, notFound } from '../shared/domain/problem';
import { readJsonBody } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import { toCustomerPartnerView } from '../shared/api/delegatedAdminViews';
import {
  claimCustomer,
  listCustomerPartners,
  removeDelegatedAdmin,
  restoreDelegatedAdmin,
} from '../shared/services/customerAdmin';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

function partnerIdOf(request: HttpRequest): string {
  const id = tenantIdParam.safeParse(request.params.partnerTenantId);
  if (!id.success) {
    throw notFound('The partner');
  }
  return id.data;
}

app.http('claimCustomer', {
  methods: ['POST'],
  route: 'customer/claim',
  authLevel: 'anonymous',
  handler: customerAdminEndpoint(claimCustomerHandler),
});

async function claimCustomerHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'claimCustomer'>> {
  const { acceptUrl } = await readJsonBody(request, claimCustomerBody);
  const token = /\/api\/accept\/([A-Za-z0-9_-]+)\/?$/.exec(acceptUrl)?.[1] ?? acceptUrl;
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    throw fieldProblem(400, 'VALIDATION_FAILED', 'acceptUrl', 'must be the invitation link');
  }
  const customer = await claimCustomer(services, caller, token);
  return jsonResponse(200, {
    customerId: customer.customerId,
    // The claim binds the customer to the caller's tenant, or refuses with a conflict.
    tenantId: caller.tenantId,
    companyName: customer.companyName,
    domain: customer.domain,
  });
}

app.http('listCustomerPartners', {
  methods: ['GET'],
  route: 'customer/partners',
  authLevel: 'anonymous',
  handler: customerAdminEndpoint(listCustomerPartnersHandler),
});

async function listCustomerPartnersHandler({
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listCustomerPartners'>> {
  const relationships = await listCustomerPartners(services, caller);
  return jsonResponse(200, { items: relationships.map(toCustomerPartnerView) });
}

app.http('removeDelegatedAdmin', {
  methods: ['DELETE'],
  route: 'customer/partners/{partnerTenantId}/delegated-admin',
  authLevel: 'anonymous',
  handler: customerAdminEndpoint(removeDelegatedAdminHandler),
});

async function removeDelegatedAdminHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'removeDelegatedAdmin'>> {
  const { relationship, microsoft } = await removeDelegatedAdmin(
    services,
    caller,
    partnerIdOf(request),
  );
  return jsonResponse(200, { ...toCustomerPartnerView(relationship), microsoft });
}

app.http('restoreDelegatedAdmin', {
  methods: ['PUT'],
  route: 'customer/partners/{partnerTenantId}/delegated-admin',
  authLevel: 'anonymous',
  handler: customerAdminEndpoint(restoreDelegatedAdminHandler),
});

async function restoreDelegatedAdminHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'restoreDelegatedAdmin'>> {
  const { relationship, microsoft } = await restoreDelegatedAdmin(
    services,
    caller,
    partnerIdOf(request),
  );
  return jsonResponse(200, { ...toCustomerPartnerView(relationship), microsoft });
}
