import { createVerify, X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import {
  LOCAL_GRAPH_APP_CLIENT_ID,
  startMicrosoftStandIn,
  type MicrosoftStandIn,
} from '../../../local/microsoft';
import { tenantIdForDomain } from '../../../local/servers/devTokenIssuer';
import {
  GraphCallFailed,
  type DelegatedAdminGraph,
} from '../../../shared/graph/delegatedAdminGraph';
import { graphAppCredentials } from '../../../shared/graph/graphCredential';
import { GraphDelegatedAdmin } from '../../../shared/graph/graphDelegatedAdmin';

/*
 * The Microsoft stand-in, spoken to as the app speaks to Microsoft: @azure/identity's managed
 * identity and client assertion credentials for the app-only token, and Microsoft's Graph client
 * for the GDAP calls (no mock of either), over TLS with the stand-in's own certificate.
 */

const PARTNER = '6a1e9c57-21b4-4f3e-8d0c-0b3f7a9e2c11';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const GROUP = '3c8d2e41-77a0-4b5f-9e1d-52a6c0f4b8e7';

let microsoft: MicrosoftStandIn;
let graph: DelegatedAdminGraph;
let dispatcher: Agent;
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let receiver: http.Server;
let receiverUrl: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  microsoft = await startMicrosoftStandIn();
  dispatcher = new Agent({ connect: { ca: microsoft.caCertificatePem } });
  // App Service's managed identity endpoint, as the Functions host gives it to the app.
  process.env.IDENTITY_ENDPOINT = microsoft.identityEndpoint;
  process.env.IDENTITY_HEADER = microsoft.identityHeader;
  graph = new GraphDelegatedAdmin({
    graphBaseUrl: microsoft.url,
    trustedCertificatePem: microsoft.caCertificatePem,
    credentialFor: graphAppCredentials({
      clientId: LOCAL_GRAPH_APP_CLIENT_ID,
      authorityHost: microsoft.url,
      trustedCertificatePem: microsoft.caCertificatePem,
    }),
  });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
});

afterAll(async () => {
  process.env = savedEnv;
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await microsoft.close();
  await dispatcher.close();
});

function standIn(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${microsoft.url}${path}`, { ...init, dispatcher } as unknown as RequestInit);
}

async function failureOf(call: Promise<unknown>): Promise<GraphCallFailed> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GraphCallFailed);
  return error as GraphCallFailed;
}

async function consent(tenantId: string): Promise<void> {
  const page = await standIn(
    `/${tenantId}/adminconsent?client_id=${LOCAL_GRAPH_APP_CLIENT_ID}&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/back')}&state=s1`,
  );
  expect(await page.text()).toContain('DelegatedAdminRelationship.ReadWrite.All');
  const answer = await standIn(`/${tenantId}/adminconsent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: LOCAL_GRAPH_APP_CLIENT_ID,
      redirect_uri: 'http://127.0.0.1:1/back',
      state: 's1',
      decision: 'accept',
    }).toString(),
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  const back = new URL(answer.headers.get('location')!);
  expect(back.searchParams.get('admin_consent')).toBe('True');
  expect(back.searchParams.get('tenant')).toBe(tenantId);
  expect(back.searchParams.get('state')).toBe('s1');
}

test('a tenant that never consented has no token: notConnected; after admin consent Graph answers', async () => {
  expect((await failureOf(graph.checkAccess(PARTNER))).kind).toBe('notConnected');
  await consent(PARTNER);
  await expect(graph.checkAccess(PARTNER)).resolves.toBeUndefined();
});

test('a relationship is created with the body Graph documents, locked, approved in the admin center, and announced by signed events', async () => {
  const customerTenantId = tenantIdForDomain('contoso-approve.example');
  await standIn(`/__control/partner-center/webhooks/${PARTNER}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: receiverUrl }),
  });
  const created = await graph.createRelationship(PARTNER, {
    displayName: 'Contoso approve test',
    roles: [USER_ADMIN, HELPDESK],
    duration: 'P90D',
    autoExtendDuration: 'P180D',
    customerTenantId,
  });
  expect(created.status).toBe('created');
  expect(microsoft.state.received.at(-1)).toEqual({
    method: 'POST',
    path: '/v1.0/tenantRelationships/delegatedAdminRelationships',
    body: {
      displayName: 'Contoso approve test',
      duration: 'P90D',
      customer: { tenantId: customerTenantId },
      accessDetails: {
        unifiedRoles: [{ roleDefinitionId: USER_ADMIN }, { roleDefinitionId: HELPDESK }],
      },
      autoExtendDuration: 'P180D',
    },
  });

  await graph.lockForApproval(PARTNER, created.id);
  expect(microsoft.state.received.at(-1)?.body).toEqual({ action: 'lockForApproval' });
  expect((await graph.getRelationship(PARTNER, created.id)).status).toBe('approvalPending');

  // The customer's admin, elsewhere, approves on the admin center page.
  const home = await standIn('/AdminPortal/Home');
  expect(await home.text()).toContain('granularAdminRelationships');
  const wrongCustomer = await standIn(`/AdminPortal/granularAdminRelationships/${created.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'admin=admin%40fabrikam.example',
  });
  expect(wrongCustomer.status).toBe(403);
  const approved = await standIn(`/AdminPortal/granularAdminRelationships/${created.id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'admin=admin%40contoso-approve.example',
  });
  expect(approved.status).toBe(200);
  const active = await graph.getRelationship(PARTNER, created.id);
  expect(active).toMatchObject({ status: 'active', customerTenantId });
  expect(active.endDateTime).not.toBeNull();

  const events = received.map(
    (event) => JSON.parse(event.body) as { EventName: string; ResourceUri: string },
  );
  expect(events.map((event) => event.EventName)).toEqual([
    'granular-admin-relationship-approved',
    'granular-admin-relationship-activated',
  ]);
  expect(events[0]!.ResourceUri).toContain(created.id);
  // Each is signed over its exact body with the certificate its request names.
  const first = received[0]!;
  expect(first.headers['x-ms-certificate-url']).toBe(microsoft.partnerCenterCertificateUrl);
  const certificate = new X509Certificate(
    Buffer.from(await (await standIn('/webhooks/v1/certificate.cer')).arrayBuffer()),
  );
  const signature = /^Signature (.+)$/.exec(String(first.headers.authorization))![1]!;
  const verify = createVerify('sha256').update(first.body);
  expect(verify.verify(certificate.publicKey, signature, 'base64')).toBe(true);
  expect(
    createVerify('sha256')
      .update(`${first.body} `)
      .verify(certificate.publicKey, signature, 'base64'),
  ).toBe(false);
});

test('access assignments are created pending and read back active', async () => {
  const created = await graph.createRelationship(PARTNER, {
    displayName: 'Assignments test',
    roles: [USER_ADMIN, HELPDESK],
    duration: 'P30D',
    autoExtendDuration: 'PT0S',
  });
  await graph.lockForApproval(PARTNER, created.id);
  await expect(
    graph.createAccessAssignment(PARTNER, created.id, GROUP, [HELPDESK]),
  ).rejects.toMatchObject({ kind: 'rejected', status: 400 });
  await standIn(`/__control/relationships/${created.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'active' }),
  });
  const assignment = await graph.createAccessAssignment(PARTNER, created.id, GROUP, [HELPDESK]);
  expect(assignment).toMatchObject({ groupId: GROUP, roles: [HELPDESK], status: 'pending' });
  expect(microsoft.state.received.at(-1)?.body).toEqual({
    accessContainer: { accessContainerId: GROUP, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: HELPDESK }] },
  });
  await graph.listAccessAssignments(PARTNER, created.id);
  const [again] = await graph.listAccessAssignments(PARTNER, created.id);
  expect(again).toMatchObject({ id: assignment.id, status: 'active' });
});

test("Graph's failures reach the caller as kinds it can act on", async () => {
  const fault = (body: object) =>
    standIn('/__control/graph-faults', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  await fault({ method: 'GET', path: '/tenantRelationships', status: 429, retryAfterSeconds: 7 });
  const throttled = await failureOf(graph.checkAccess(PARTNER));
  expect(throttled).toMatchObject({ kind: 'throttled', status: 429, retryAfterSeconds: 7 });
  expect(throttled.retryable).toBe(true);

  await fault({ method: 'GET', path: '/tenantRelationships', status: 503 });
  expect(await failureOf(graph.checkAccess(PARTNER))).toMatchObject({
    kind: 'unavailable',
    retryable: true,
  });

  await graph.createRelationship(PARTNER, {
    displayName: 'Taken name',
    roles: [HELPDESK],
    duration: 'P1D',
    autoExtendDuration: 'PT0S',
  });
  expect(
    await failureOf(
      graph.createRelationship(PARTNER, {
        displayName: 'Taken name',
        roles: [HELPDESK],
        duration: 'P1D',
        autoExtendDuration: 'PT0S',
      }),
    ),
  ).toMatchObject({ kind: 'conflict', status: 409, graphCode: 'Conflict', retryable: false });

  const gone = await graph.createRelationship(PARTNER, {
    displayName: 'Deleted by Microsoft',
    roles: [HELPDESK],
    duration: 'P1D',
    autoExtendDuration: 'PT0S',
  });
  await standIn(`/__control/relationships/${gone.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'deleted' }),
  });
  expect(await failureOf(graph.getRelationship(PARTNER, gone.id))).toMatchObject({
    kind: 'notFound',
    status: 404,
  });

  await standIn(`/__control/consent/${PARTNER}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state: 'revoked' }),
  });
  expect(await failureOf(graph.checkAccess(PARTNER))).toMatchObject({
    kind: 'consentWithdrawn',
    status: 403,
    retryable: false,
  });
});
