import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

/*
 * A granular request creates its delegatedAdminRelationship in Microsoft Graph (the local
 * stand-in, through Microsoft's Graph client) and locks it for approval before the invitation
 * is saved; the customer, after our sign-in and MCA step, goes to Microsoft's approval page.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const LICENSE_ADMIN = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

function granular(companyName = 'Fabrikam Inc'): Record<string, unknown> {
  const { includeDelegatedAdmin: _classic, customer, ...body } = customerBody();
  return {
    ...body,
    customer: { ...customer, companyName },
    delegatedAdmin: { roles: [USER_ADMIN, LICENSE_ADMIN], duration: 'P90D', autoExtend: true },
  };
}

function graphOf(partner: Partner) {
  return [...stack.microsoft.state.relationships.values()].filter(
    (relationship) => relationship.partnerTenantId === partner.tenantId,
  );
}

function fault(status: number, method = 'POST', extra: Record<string, unknown> = {}) {
  stack.microsoft.state.faults.push({
    method,
    path: RELATIONSHIPS,
    status,
    code: status === 429 ? 'TooManyRequests' : status === 409 ? 'Conflict' : 'Failure',
    message: `Stand-in answers ${status}.`,
    count: 1,
    ...extra,
  });
}

test('the relationship is created in Graph with the documented body, locked, and its id kept; the customer is sent to its approval page', async () => {
  const partner = await stack.partnerWithProfile();
  const created = await partner.api('/api/invitations', {
    method: 'POST',
    json: granular('Fabrikam & Co. KG'),
  });
  expect(created.status).toBe(201);
  const [relationship] = graphOf(partner);
  expect(relationship).toBeDefined();
  const posted = stack.microsoft.state.received.filter(
    (call) =>
      call.path === `/v1.0${RELATIONSHIPS}` &&
      (call.body as { displayName?: string }).displayName === relationship!.displayName,
  );
  expect(posted).toHaveLength(1);
  expect(posted[0]!.body).toEqual({
    displayName: `Fabrikam Co. KG ${String(created.body.id).replace(/-/g, '').slice(0, 8)}`,
    duration: 'P90D',
    accessDetails: {
      unifiedRoles: [{ roleDefinitionId: USER_ADMIN }, { roleDefinitionId: LICENSE_ADMIN }],
    },
    autoExtendDuration: 'P180D',
  });
  expect(stack.microsoft.state.received).toContainEqual({
    method: 'POST',
    path: `/v1.0${RELATIONSHIPS}/${relationship!.id}/requests`,
    body: { action: 'lockForApproval' },
  });
  expect(relationship!.status).toBe('approvalPending');
  const approvalUrl = `${stack.microsoft.url}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationship!.id}`;
  expect(created.body.delegatedAdmin).toMatchObject({
    status: 'approvalPending',
    graphRelationshipId: relationship!.id,
    approvalUrl,
  });

  const admin = await stack.customerAdmin(created.body.customer.domain);
  const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
  expect(accepted.status).toBe(303);
  expect(accepted.headers.get('location')).toBe(approvalUrl);
});

test('Graph throttling or failing: 503 MICROSOFT_UNAVAILABLE with Retry-After, nothing saved', async () => {
  const partner = await stack.partnerWithProfile();
  fault(429, 'POST', { retryAfterSeconds: 30 });
  const throttled = await partner.api('/api/invitations', { method: 'POST', json: granular() });
  expect(throttled.status).toBe(503);
  expect(throttled.body.code).toBe('MICROSOFT_UNAVAILABLE');
  expect(throttled.headers.get('retry-after')).toBe('30');

  fault(503);
  const failing = await partner.api('/api/invitations', { method: 'POST', json: granular() });
  expect(failing.status).toBe(503);
  expect(failing.body.code).toBe('MICROSOFT_UNAVAILABLE');
  expect((await partner.api('/api/invitations')).body.items).toEqual([]);
  expect(graphOf(partner)).toEqual([]);
});

test('the lock failing after the create: the created relationship is deleted in Graph with its ETag in If-Match, 503, nothing saved', async () => {
  const partner = await stack.partnerWithProfile();
  stack.microsoft.state.faults.push({
    method: 'POST',
    path: '/requests',
    status: 503,
    code: 'ServiceUnavailable',
    message: 'Stand-in answers 503.',
    count: 1,
  });
  const before = stack.microsoft.state.received.length;
  const failed = await partner.api('/api/invitations', { method: 'POST', json: granular() });
  expect(failed.status).toBe(503);
  expect(failed.body.code).toBe('MICROSOFT_UNAVAILABLE');
  const calls = stack.microsoft.state.received.slice(before);
  const create = calls.find(
    (call) => call.method === 'POST' && call.path === `/v1.0${RELATIONSHIPS}`,
  );
  expect(create).toBeDefined();
  const deletes = calls.filter((call) => call.method === 'DELETE');
  expect(deletes).toHaveLength(1);
  expect(deletes[0]!.path).toMatch(new RegExp(`^/v1\\.0${RELATIONSHIPS}/[0-9a-f-]+$`));
  expect(deletes[0]!.ifMatch).toMatch(/^W\/"/);
  expect(graphOf(partner)).toEqual([]);
  expect((await partner.api('/api/invitations')).body.items).toEqual([]);
});

test('a display name Graph already holds: 409 GDAP_DISPLAY_NAME_TAKEN, nothing saved', async () => {
  const partner = await stack.partnerWithProfile();
  fault(409);
  const taken = await partner.api('/api/invitations', { method: 'POST', json: granular() });
  expect(taken.status).toBe(409);
  expect(taken.body.code).toBe('GDAP_DISPLAY_NAME_TAKEN');
  expect((await partner.api('/api/invitations')).body.items).toEqual([]);
});

test('consent withdrawn in the partner tenant: the connection becomes revoked and the request is 409 MICROSOFT_NOT_CONNECTED', async () => {
  const partner = await stack.partnerWithProfile();
  stack.microsoft.state.setConsent(partner.tenantId, 'revoked');
  const refused = await partner.api('/api/invitations', { method: 'POST', json: granular() });
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('MICROSOFT_NOT_CONNECTED');
  expect((await partner.api('/api/partner/microsoft-connection')).body.state).toBe('revoked');
  expect((await partner.api('/api/invitations')).body.items).toEqual([]);
});

test('a retry with the same Idempotency-Key returns the saved invitation and creates nothing more in Graph', async () => {
  const partner = await stack.partnerWithProfile();
  const body = granular();
  const headers = { 'Idempotency-Key': 'gdap-retry-0001' };
  const first = await partner.api('/api/invitations', { method: 'POST', json: body, headers });
  const second = await partner.api('/api/invitations', { method: 'POST', json: body, headers });
  expect(first.status).toBe(201);
  expect(second.body.id).toBe(first.body.id);
  expect(graphOf(partner)).toHaveLength(1);
});
