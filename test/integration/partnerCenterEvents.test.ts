import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import { signedEventHeaders } from '../../local/microsoft';
import { acceptedGranular, approveInAdminCenter, relationshipDoc, waitFor } from './support/gdap';
import { startTestStack, type Partner, type TestStack } from './support/testStack';

/*
 * Partner Center's signed events on the real local stack. Re-checks are scheduled an hour
 * apart here, so what changes within a test was learned from an event.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ GRAPH_RECHECK_BASE_SECONDS: '3600' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const eventsUrl = (partner: Partner) =>
  `${stack.functionsUrl}/api/partner-center/events/${partner.tenantId}`;

function registerEvents(partner: Partner, url = eventsUrl(partner)) {
  stack.microsoft.state.partnerCenterWebhooks.set(partner.tenantId.toLowerCase(), url);
}

function relationshipEvent(graphId: string, EventName = 'granular-admin-relationship-approved') {
  return JSON.stringify({
    EventName,
    ResourceUri: `${stack.microsoft.url}/v1.0/tenantRelationships/delegatedAdminRelationships/${graphId}`,
    ResourceName: 'DelegatedAdminRelationship',
    AuditUri: null,
    ResourceChangeUtcDate: new Date().toISOString(),
  });
}

async function post(partner: Partner, body: string, headers: Record<string, string>) {
  const response = await fetch(eventsUrl(partner), { method: 'POST', headers, body });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: JSON.parse(text),
  };
}

/** What Partner Center really sent: a receiver standing in for our endpoint keeps it. */
async function captureGenuineEvent(partner: Partner, graphId: string) {
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  registerEvents(partner, `http://127.0.0.1:${port}/`);
  await stack.microsoft.sendPartnerCenterEvent(
    partner.tenantId,
    JSON.parse(relationshipEvent(graphId)),
  );
  server.close();
  registerEvents(partner);
  const [event] = received;
  return {
    body: event!.body,
    headers: {
      'Content-Type': 'application/json',
      Authorization: String(event!.headers.authorization),
      'x-ms-certificate-url': String(event!.headers['x-ms-certificate-url']),
    },
  };
}

test('approval on the admin center page: its signed events make the relationship active, roles from Graph', async () => {
  const partner = await stack.partnerWithProfile();
  registerEvents(partner);
  const { customerId, graphId, domain } = await acceptedGranular(stack, partner);
  const before = await partner.api(`/api/customers/${customerId}`);
  expect(before.body.delegatedAdmin).toMatchObject({ state: 'none', status: 'approvalPending' });

  await approveInAdminCenter(stack, graphId, domain);
  const deliveries = stack.microsoft.partnerCenterDeliveries.filter((d) =>
    d.event.ResourceUri.endsWith(graphId),
  );
  expect(deliveries.map((d) => [d.event.EventName, d.status])).toEqual([
    ['granular-admin-relationship-approved', 200],
    ['granular-admin-relationship-activated', 200],
  ]);
  const active = await waitFor('active', async () => {
    const customer = await partner.api(`/api/customers/${customerId}`);
    return customer.body.delegatedAdmin.status === 'active' ? customer.body : undefined;
  });
  const graph = stack.microsoft.state.relationships.get(graphId)!;
  expect(active.delegatedAdmin).toMatchObject({
    state: 'active',
    roles: graph.accessDetails.unifiedRoles.map(
      (r: { roleDefinitionId: string }) => r.roleDefinitionId,
    ),
    endsAt: graph.endDateTime,
  });
  const doc = await relationshipDoc(stack, partner, customerId);
  expect(doc.gdap).toMatchObject({ status: 'active', learnedFrom: 'event', waitingFor: null });
});

test('a genuine event whose body was changed in transit: 401, nothing queued, nothing changes', async () => {
  const partner = await stack.partnerWithProfile();
  const { graphId } = await acceptedGranular(stack, partner);
  const genuine = await captureGenuineEvent(partner, graphId);
  const tampered = genuine.body.replace('approved', 'terminated');
  expect(tampered).not.toBe(genuine.body);

  const refused = await post(partner, tampered, genuine.headers);
  expect(refused.status).toBe(401);
  expect(refused.type).toMatch(/application\/problem\+json/);
  expect(refused.body.code).toBe('PARTNER_CENTER_SIGNATURE_INVALID');
  const accepted = await post(partner, genuine.body, genuine.headers);
  expect(accepted).toMatchObject({ status: 200, body: { outcome: 'recheck-queued' } });
  const refusals = stack.logs.filter((line) => line.includes('partnerCenter.event.refused'));
  expect(refusals.length).toBeGreaterThan(0);
  expect(refusals.every((line) => line.startsWith('information'))).toBe(true);
  const signature = genuine.headers.Authorization.replace('Signature ', '');
  expect(stack.logs.some((line) => line.includes(signature) || line.includes(tampered))).toBe(
    false,
  );
});

test('a forged event (signed with another key, naming the genuine certificate): 401', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = relationshipEvent(graphId, 'granular-admin-relationship-terminated');
  const forged = await post(
    partner,
    body,
    signedEventHeaders(body, { privateKey }, stack.microsoft.partnerCenterCertificateUrl),
  );
  expect(forged.status).toBe(401);
  expect(forged.body.code).toBe('PARTNER_CENTER_SIGNATURE_INVALID');
  const doc = await relationshipDoc(stack, partner, customerId);
  expect(doc.gdap).toMatchObject({ status: 'approvalPending', learnedFrom: 'created' });
});

test('a certificate named on another host, or over plain http: 401 before anything is fetched', async () => {
  const partner = await stack.partnerWithProfile();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = relationshipEvent('00000000-0000-0000-0000-000000000000');
  const genuineUrl = new URL(stack.microsoft.partnerCenterCertificateUrl);
  for (const certificateUrl of [
    `https://partnercenter.example.com${genuineUrl.pathname}`,
    `http://${genuineUrl.host}${genuineUrl.pathname}`,
    `https://user@${genuineUrl.host}${genuineUrl.pathname}`,
  ]) {
    const refused = await post(
      partner,
      body,
      signedEventHeaders(body, { privateKey }, certificateUrl),
    );
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('PARTNER_CENTER_SIGNATURE_INVALID');
  }
  const unsigned = await post(partner, body, { 'Content-Type': 'application/json' });
  expect(unsigned.status).toBe(401);
});

test('an event for a relationship this partner does not track, and a reseller acceptance, are acknowledged and change nothing', async () => {
  const partner = await stack.partnerWithProfile();
  registerEvents(partner);
  const foreign = await stack.microsoft.sendPartnerCenterEvent(partner.tenantId, {
    EventName: 'granular-admin-relationship-terminated',
    ResourceUri: `${stack.microsoft.url}/v1.0/tenantRelationships/delegatedAdminRelationships/11111111-2222-3333-4444-555555555555`,
    ResourceName: 'DelegatedAdminRelationship',
    AuditUri: null,
    ResourceChangeUtcDate: new Date().toISOString(),
  });
  expect(foreign?.status).toBe(200);
  const reseller = await stack.microsoft.sendPartnerCenterEvent(partner.tenantId, {
    EventName: 'reseller-relationship-accepted-by-customer',
    ResourceUri:
      'https://api.partnercenter.microsoft.com/v1/customers/6f0b1c1e-1f6a-4c55-9d5e-1c1c2e3b4a5f',
    ResourceName: 'Customer',
    AuditUri: null,
    ResourceChangeUtcDate: new Date().toISOString(),
  });
  expect(reseller?.status).toBe(200);
});
