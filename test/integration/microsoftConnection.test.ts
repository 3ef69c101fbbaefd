import { Agent } from 'undici';
import {
  customerBody,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

/*
 * Connecting a partner to Microsoft on the real local stack: the API asks the Microsoft stand-in
 * through @azure/identity (managed identity as the app's federated credential) and Microsoft's
 * Graph client, and a granular admin request from an unconnected partner is refused before
 * anything is written.
 */

let stack: TestStack;
let dispatcher: Agent;

beforeAll(async () => {
  stack = await startTestStack();
  dispatcher = new Agent({ connect: { ca: stack.microsoft.caCertificatePem } });
}, 60_000);

afterAll(async () => {
  await dispatcher?.close();
  await stack?.close();
});

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

function granularInvitation(): Record<string, unknown> {
  const { includeDelegatedAdmin: _classic, ...body } = customerBody();
  return { ...body, delegatedAdmin: { roles: [USER_ADMIN], duration: 'P30D', autoExtend: false } };
}

/** The partner tenant's Global Administrator accepts on Microsoft's admin consent page. */
async function grantAdminConsent(consentUrl: string): Promise<URL> {
  const url = new URL(consentUrl);
  const page = await fetch(url, { dispatcher } as unknown as RequestInit);
  expect(await page.text()).toContain('DelegatedAdminRelationship.ReadWrite.All');
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', 'accept');
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
    dispatcher,
  } as unknown as RequestInit);
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!);
}

async function unconnectedPartner(): Promise<Partner> {
  return stack.partnerWithProfile(PROFILE_DE, { microsoft: false });
}

test('an unconnected partner is told how to connect, and its granular request writes nothing', async () => {
  const partner = await unconnectedPartner();
  const connection = await partner.api(
    '/api/partner/microsoft-connection?redirectUri=https%3A%2F%2Fconsole.example%2Fadmin%2Fmicrosoft',
  );
  expect(connection.status).toBe(200);
  expect(connection.body).toMatchObject({
    state: 'consentMissing',
    checkedAt: null,
    permission: 'DelegatedAdminRelationship.ReadWrite.All',
    permissions: ['DelegatedAdminRelationship.ReadWrite.All', 'Directory.Read.All'],
  });
  const consentUrl = new URL(connection.body.consentUrl);
  expect(consentUrl.pathname).toBe(`/${partner.tenantId}/adminconsent`);
  expect(consentUrl.searchParams.get('client_id')).toBe(connection.body.appClientId);
  expect(consentUrl.searchParams.get('redirect_uri')).toBe(
    'https://console.example/admin/microsoft',
  );

  const refused = await partner.api('/api/invitations', {
    method: 'POST',
    json: granularInvitation(),
  });
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({
    code: 'MICROSOFT_NOT_CONNECTED',
    errors: [{ field: 'delegatedAdmin', code: 'MICROSOFT_NOT_CONNECTED' }],
  });
  expect(refused.body.detail).toMatch(/Admin → Connect to Microsoft/);
  expect((await partner.api('/api/invitations')).body.items).toEqual([]);
  expect(stack.microsoft.state.received).not.toContainEqual(
    expect.objectContaining({
      method: 'POST',
      body: expect.objectContaining({ displayName: expect.anything() }),
    }),
  );

  // Without granular roles nothing is asked of Graph, so nothing needs a connection.
  const plain = await partner.api('/api/invitations', {
    method: 'POST',
    json: customerBody({ includeDelegatedAdmin: false }),
  });
  expect(plain.status).toBe(201);
});

test('connect: admin consent on Microsoft, then the re-check finds it; a withdrawn consent is revoked', async () => {
  const partner = await unconnectedPartner();
  const before = await partner.api('/api/partner/microsoft-connection/check', { method: 'POST' });
  expect(before.status).toBe(200);
  expect(before.body).toMatchObject({ state: 'consentMissing', connectedAt: null });
  expect(before.body.checkedAt).not.toBeNull();

  const { body } = await partner.api(
    '/api/partner/microsoft-connection?redirectUri=http%3A%2F%2F127.0.0.1%3A1%2Fback',
  );
  const back = await grantAdminConsent(body.consentUrl);
  expect(back.searchParams.get('admin_consent')).toBe('True');

  const connected = await partner.api('/api/partner/microsoft-connection/check', {
    method: 'POST',
  });
  expect(connected.body).toMatchObject({ state: 'connected', revokedAt: null });
  expect(connected.body.connectedAt).not.toBeNull();
  expect((await partner.api('/api/partner/microsoft-connection')).body.state).toBe('connected');
  const allowed = await partner.api('/api/invitations', {
    method: 'POST',
    json: granularInvitation(),
  });
  expect(allowed.status).toBe(201);

  // The partner's administrator removes the app's permission in Entra.
  stack.microsoft.state.setConsent(partner.tenantId, 'revoked');
  const revoked = await partner.api('/api/partner/microsoft-connection/check', { method: 'POST' });
  expect(revoked.body).toMatchObject({
    state: 'revoked',
    connectedAt: connected.body.connectedAt,
  });
  expect(revoked.body.revokedAt).not.toBeNull();
  const refused = await partner.api('/api/invitations', {
    method: 'POST',
    json: granularInvitation(),
  });
  expect(refused.status).toBe(409);
  expect(refused.body.detail).toMatch(/withdrawn/);
});

test('Graph unavailable during a re-check: 503 with Retry-After, the state stays as it was', async () => {
  const partner = await stack.partnerWithProfile();
  stack.microsoft.state.faults.push({
    method: 'GET',
    path: '/tenantRelationships/delegatedAdminRelationships',
    status: 429,
    code: 'TooManyRequests',
    message: 'Slow down.',
    retryAfterSeconds: 12,
    count: 1,
  });
  const throttled = await partner.api('/api/partner/microsoft-connection/check', {
    method: 'POST',
  });
  expect(throttled.status).toBe(503);
  expect(throttled.headers.get('retry-after')).toBe('12');
  expect(throttled.body.code).toBe('MICROSOFT_UNAVAILABLE');
  expect((await partner.api('/api/partner/microsoft-connection')).body.state).toBe('connected');
});

test('only Admin agents re-check; each partner sees its own connection', async () => {
  const partner = await stack.partnerWithProfile();
  const sales = await stack.newPartner(['SalesAgent']);
  const salesCheck = await stack.api('/api/partner/microsoft-connection/check', {
    method: 'POST',
    token: await stack.mintToken(partner.tenantId, ['SalesAgent']),
  });
  expect(salesCheck.status).toBe(403);
  expect((await sales.api('/api/partner/microsoft-connection')).body.state).toBe('consentMissing');
  expect((await partner.api('/api/partner/microsoft-connection')).body.state).toBe('connected');
});
