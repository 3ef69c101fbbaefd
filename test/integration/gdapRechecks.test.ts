import {
  acceptedGranular,
  changeInMicrosoft,
  HELPDESK_ADMIN,
  LICENSE_ADMIN,
  RELATIONSHIPS,
  relationshipDoc,
  USER_ADMIN,
  waitFor,
} from './support/gdap';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SETTLED_RECHECK_SECONDS,
  SETTLED_RECHECK_SPREAD_SECONDS,
} from '../../shared/domain/gdapTracking';
import { startTestStack, type Partner, type TestStack } from './support/testStack';

/*
 * With no Partner Center events registered, the state still follows Graph: the graph-checks
 * queue reads each relationship again with backoff (1 s doubling here, 60 s in production)
 * until Graph's answer is settled. Graph's failures end in a clear state.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ GRAPH_RECHECK_BASE_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const GROUP_HELPDESK = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const GROUP_USERS = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const GROUP_OUTSIDE = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';

async function statusOf(partner: Partner, customerId: string, status: string) {
  const doc = await relationshipDoc(stack, partner, customerId);
  return doc?.gdap?.status === status ? doc : undefined;
}

function fault(graphId: string, status: number, extra: Record<string, unknown> = {}) {
  stack.microsoft.state.faults.push({
    method: 'GET',
    path: `${RELATIONSHIPS}/${graphId}`,
    status,
    code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
    message: `Stand-in answers ${status}.`,
    count: 1,
    ...extra,
  });
}

test("approved without any event: the re-check finds it active, creates the template's access assignments with Graph's documented body, and follows them to active", async () => {
  const partner = await stack.partnerWithProfile();
  const template = await partner.api('/api/partner/access-template', {
    method: 'PUT',
    json: {
      assignments: [
        { groupId: GROUP_HELPDESK, groupName: 'Helpdesk', roles: [USER_ADMIN] },
        { groupId: GROUP_USERS, groupName: 'Licensing', roles: [LICENSE_ADMIN, HELPDESK_ADMIN] },
        { groupId: GROUP_OUTSIDE, groupName: 'Outside', roles: [HELPDESK_ADMIN] },
      ],
    },
  });
  expect(template.status).toBe(200);
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  const waiting = await partner.api(`/api/customers/${customerId}/delegated-admin/access`);
  expect(waiting.body).toMatchObject({
    relationship: { graphId, status: 'approvalPending' },
    waitingFor: 'customerApproval',
    assignments: [
      { groupId: GROUP_HELPDESK, status: 'notCreated' },
      { groupId: GROUP_USERS, status: 'notCreated' },
      { groupId: GROUP_OUTSIDE, status: 'notCreated' },
    ],
  });

  await changeInMicrosoft(stack, graphId, 'active');
  const settled = await waitFor('assignments active', async () => {
    const access = await partner.api(`/api/customers/${customerId}/delegated-admin/access`);
    const done = access.body.assignments
      .filter((a: { groupId: string }) => a.groupId !== GROUP_OUTSIDE)
      .every((a: { status: string }) => a.status === 'active');
    return access.body.relationship.status === 'active' && done ? access.body : undefined;
  });
  expect(settled.waitingFor).toBeNull();
  expect(settled.assignments).toEqual([
    { groupId: GROUP_HELPDESK, groupName: 'Helpdesk', roles: [USER_ADMIN], status: 'active' },
    {
      groupId: GROUP_USERS,
      groupName: 'Licensing',
      roles: [LICENSE_ADMIN],
      status: 'active',
      detail: expect.stringContaining('not in this relationship'),
    },
    {
      groupId: GROUP_OUTSIDE,
      groupName: 'Outside',
      roles: [],
      status: 'error',
      detail: expect.stringContaining('None of the group'),
    },
  ]);
  const posted = stack.microsoft.state.received.filter(
    (call) =>
      call.method === 'POST' && call.path === `/v1.0${RELATIONSHIPS}/${graphId}/accessAssignments`,
  );
  expect(posted.map((call) => call.body)).toEqual([
    {
      accessContainer: { accessContainerId: GROUP_HELPDESK, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: USER_ADMIN }] },
    },
    {
      accessContainer: { accessContainerId: GROUP_USERS, accessContainerType: 'securityGroup' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: LICENSE_ADMIN }] },
    },
  ]);
  const customer = await partner.api(`/api/customers/${customerId}`);
  expect(customer.body.delegatedAdmin).toMatchObject({
    state: 'active',
    status: 'active',
    roles: [USER_ADMIN, LICENSE_ADMIN],
  });
  const doc = await relationshipDoc(stack, partner, customerId);
  expect(doc.gdap).toMatchObject({ learnedFrom: 'recheck', waitingFor: null });
  // Settled: no more backoff, only the daily check (a day plus its spread of up to 4 hours).
  expect(doc.gdap.checkId).toEqual(expect.any(String));
  const untilNext = Date.parse(doc.gdap.nextCheckAt) - Date.parse(doc.gdap.checkedAt);
  expect(untilNext).toBeGreaterThanOrEqual(SETTLED_RECHECK_SECONDS * 1000);
  expect(untilNext).toBeLessThan((SETTLED_RECHECK_SECONDS + SETTLED_RECHECK_SPREAD_SECONDS) * 1000);
});

test('events off, settled and active: a termination done at Microsoft is learned by the daily check; a lost daily link is queued again by the resumeStuckWork timer, once', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  await changeInMicrosoft(stack, graphId, 'active');
  const active = await waitFor('settled daily', async () => {
    const doc = await statusOf(partner, customerId, 'active');
    return doc?.gdap.waitingFor === null && doc.gdap.checkId !== undefined ? doc : undefined;
  });
  expect(stack.microsoft.state.partnerCenterWebhooks.has(partner.tenantId.toLowerCase())).toBe(
    false,
  );

  // The customer ends it in the admin center; no event reaches us. The daily link's message is
  // lost (its due time moved an hour back stands for a day passing without it).
  await changeInMicrosoft(stack, graphId, 'terminated');
  const overdue = new Date(Date.now() - 3600_000).toISOString();
  await stack.container
    .item(active.id, active.pk)
    .replace({ ...active, gdap: { ...active.gdap, nextCheckAt: overdue } });
  await stack.runTimer('resumeStuckWork');

  const terminated = await waitFor('terminated', () => statusOf(partner, customerId, 'terminated'));
  expect(terminated.gdap).toMatchObject({ learnedFrom: 'recheck', waitingFor: null });
  expect(terminated.gdap.checkId).toBeUndefined();
  expect(terminated.gdap.nextCheckAt).toBeUndefined();
  const customer = await partner.api(`/api/customers/${customerId}`);
  expect(customer.body.delegatedAdmin).toMatchObject({ state: 'removed', status: 'terminated' });

  // Ended: nothing is overdue, a second run queues nothing and writes nothing.
  await stack.runTimer('resumeStuckWork');
  await stack.waitForIdle(15_000);
  expect((await relationshipDoc(stack, partner, customerId))._etag).toBe(terminated._etag);
});

test('a template saved after the relationship is active applies to it: assignments created in Graph only for the groups lacking one, saving again creates nothing', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  await changeInMicrosoft(stack, graphId, 'active');
  await waitFor('settled daily', async () => {
    const doc = await statusOf(partner, customerId, 'active');
    return doc?.gdap.waitingFor === null && doc.gdap.checkId !== undefined ? doc : undefined;
  });
  const postsFor = () =>
    stack.microsoft.state.received
      .filter(
        (call) =>
          call.method === 'POST' &&
          call.path === `/v1.0${RELATIONSHIPS}/${graphId}/accessAssignments`,
      )
      .map(
        (call) =>
          (call.body as { accessContainer: { accessContainerId: string } }).accessContainer
            .accessContainerId,
      );
  expect(postsFor()).toEqual([]);

  const first = { groupId: GROUP_HELPDESK, groupName: 'Helpdesk', roles: [USER_ADMIN] };
  const saved = await partner.api('/api/partner/access-template', {
    method: 'PUT',
    json: { assignments: [first] },
  });
  expect(saved.status).toBe(200);
  await waitFor('helpdesk active', async () => {
    const access = await partner.api(`/api/customers/${customerId}/delegated-admin/access`);
    return access.body.assignments[0]?.status === 'active' ? access.body : undefined;
  });
  expect(postsFor()).toEqual([GROUP_HELPDESK]);

  // A second group added: only it is created; the first keeps its assignment.
  const second = { groupId: GROUP_USERS, groupName: 'Licensing', roles: [LICENSE_ADMIN] };
  await partner.api('/api/partner/access-template', {
    method: 'PUT',
    json: { assignments: [first, second] },
  });
  const both = await waitFor('both active', async () => {
    const access = await partner.api(`/api/customers/${customerId}/delegated-admin/access`);
    return access.body.assignments.length === 2 &&
      access.body.assignments.every((a: { status: string }) => a.status === 'active')
      ? access.body
      : undefined;
  });
  expect(both.waitingFor).toBeNull();
  // Saving the same template again queues the checks again and creates nothing.
  await partner.api('/api/partner/access-template', {
    method: 'PUT',
    json: { assignments: [first, second] },
  });
  await stack.waitForIdle(15_000);
  expect(postsFor()).toEqual([GROUP_HELPDESK, GROUP_USERS]);
  const doc = await relationshipDoc(stack, partner, customerId);
  expect(doc.gdap.waitingFor).toBeNull();
});

test('what Graph changed is an audit event and a webhook `delegatedAdmin.changed`, its actor Microsoft: active, assignments active, then terminated by event', async () => {
  const partner = await stack.partnerWithProfile();
  const received: string[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const port = (receiver.address() as AddressInfo).port;
    const webhook = await partner.api('/api/webhooks', {
      method: 'POST',
      json: { url: `http://127.0.0.1:${port}/hooks`, events: ['delegatedAdmin.changed'] },
    });
    expect(webhook.status).toBe(201);
    await partner.api('/api/partner/access-template', {
      method: 'PUT',
      json: {
        assignments: [{ groupId: GROUP_HELPDESK, groupName: 'Helpdesk', roles: [USER_ADMIN] }],
      },
    });
    const { customerId, graphId } = await acceptedGranular(stack, partner);
    await changeInMicrosoft(stack, graphId, 'active');
    await waitFor('settled daily', async () => {
      const doc = await statusOf(partner, customerId, 'active');
      return doc?.gdap.waitingFor === null && doc.gdap.checkId !== undefined ? doc : undefined;
    });
    const changes = async () =>
      (await partner.api('/api/audit-events?limit=100')).body.items
        .filter(
          (e: { action: string; subject: { id: string } }) =>
            e.action === 'delegatedAdmin.changed' && e.subject.id === customerId,
        )
        .reverse();
    const learned = await changes();
    expect(learned.map((e: { actor: string }) => e.actor)).toEqual(
      learned.map(() => 'microsoft:graph'),
    );
    expect(learned[0]).toMatchObject({
      before: { gdapRelationship: { graphId, status: 'approvalPending' } },
      after: {
        delegatedAdmin: { state: 'active', status: 'active', roles: [USER_ADMIN, LICENSE_ADMIN] },
        gdapRelationship: { graphId, status: 'active' },
        learnedFrom: 'recheck',
      },
    });
    expect(learned.at(-1).after.accessAssignments).toEqual([
      { groupId: GROUP_HELPDESK, groupName: 'Helpdesk', status: 'active' },
    ]);

    // Ended at Microsoft; Partner Center's event prompts the read that learns it.
    await changeInMicrosoft(stack, graphId, 'terminated');
    stack.microsoft.state.partnerCenterWebhooks.set(
      partner.tenantId.toLowerCase(),
      `${stack.functionsUrl}/api/partner-center/events/${partner.tenantId}`,
    );
    await stack.microsoft.sendPartnerCenterEvent(partner.tenantId, {
      EventName: 'granular-admin-relationship-terminated',
      ResourceUri: `${stack.microsoft.url}/v1.0${RELATIONSHIPS}/${graphId}`,
      ResourceName: 'DelegatedAdminRelationship',
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    await waitFor('terminated', () => statusOf(partner, customerId, 'terminated'));
    const all = await changes();
    expect(all).toHaveLength(learned.length + 1);
    expect(all.at(-1)).toMatchObject({
      actor: 'microsoft:partnerCenterEvent',
      after: {
        delegatedAdmin: { state: 'removed', status: 'terminated' },
        gdapRelationship: { status: 'terminated' },
        learnedFrom: 'event',
      },
    });
    const delivered = await waitFor('delivered', async () =>
      received.length >= all.length ? received : undefined,
    );
    expect(new Set(delivered.map((body) => JSON.parse(body).type))).toEqual(
      new Set(['delegatedAdmin.changed']),
    );
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

test("429 with Retry-After: the next check waits at least that long and the state keeps Graph's last answer", async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  fault(graphId, 429, { retryAfterSeconds: 30 });
  const throttled = await waitFor('throttled', async () => {
    const doc = await relationshipDoc(stack, partner, customerId);
    return doc.gdap.failures === 1 ? doc : undefined;
  });
  expect(throttled.gdap).toMatchObject({
    status: 'approvalPending',
    lastError: expect.stringContaining('429'),
  });
  expect(
    Date.parse(throttled.gdap.nextCheckAt) - Date.parse(throttled.updatedAt),
  ).toBeGreaterThanOrEqual(30_000);
});

test('5xx: retried with backoff, and once Graph answers the state follows it', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  fault(graphId, 503, { count: 2 });
  await changeInMicrosoft(stack, graphId, 'active');
  const active = await waitFor('active', () => statusOf(partner, customerId, 'active'));
  expect(active.gdap.failures).toBe(0);
  expect(active.delegatedAdmin).toMatchObject({ state: 'active', status: 'active' });
});

test('403 consent withdrawn: the connection is recorded revoked, checks stop and say they wait for a reconnect; reconnecting resumes them', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  stack.microsoft.state.setConsent(partner.tenantId, 'revoked');
  const waiting = await waitFor('waiting for reconnect', async () => {
    const doc = await relationshipDoc(stack, partner, customerId);
    return doc.gdap.waitingFor === 'reconnect' ? doc : undefined;
  });
  expect(waiting.gdap.checkId).toBeUndefined();
  expect((await partner.api('/api/partner/microsoft-connection')).body.state).toBe('revoked');
  const access = await partner.api(`/api/customers/${customerId}/delegated-admin/access`);
  expect(access.body.waitingFor).toBe('reconnect');

  await changeInMicrosoft(stack, graphId, 'active');
  await stack.connectToMicrosoft(partner.tenantId);
  const active = await waitFor('active', () => statusOf(partner, customerId, 'active'));
  expect(active.gdap.waitingFor).toBeNull();
});

test('404, the relationship deleted at Microsoft: a final `deleted` state, nothing held, no more checks', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  await changeInMicrosoft(stack, graphId, 'deleted');
  const deleted = await waitFor('deleted', () => statusOf(partner, customerId, 'deleted'));
  expect(deleted.gdap).toMatchObject({ waitingFor: null });
  expect(deleted.gdap.checkId).toBeUndefined();
  const customer = await partner.api(`/api/customers/${customerId}`);
  expect(customer.body.delegatedAdmin).toMatchObject({ state: 'none', status: null, roles: [] });
});

test('terminated by the customer at Microsoft after approval: once settled, a Partner Center event makes the check that removes the grant', async () => {
  const partner = await stack.partnerWithProfile();
  const { customerId, graphId } = await acceptedGranular(stack, partner);
  await changeInMicrosoft(stack, graphId, 'active');
  await waitFor('active', () => statusOf(partner, customerId, 'active'));
  await changeInMicrosoft(stack, graphId, 'terminated');
  stack.microsoft.state.partnerCenterWebhooks.set(
    partner.tenantId.toLowerCase(),
    `${stack.functionsUrl}/api/partner-center/events/${partner.tenantId}`,
  );
  const delivery = await stack.microsoft.sendPartnerCenterEvent(partner.tenantId, {
    EventName: 'granular-admin-relationship-terminated',
    ResourceUri: `${stack.microsoft.url}/v1.0${RELATIONSHIPS}/${graphId}`,
    ResourceName: 'DelegatedAdminRelationship',
    AuditUri: null,
    ResourceChangeUtcDate: new Date().toISOString(),
  });
  expect(delivery?.status).toBe(200);
  const terminated = await waitFor('terminated', () => statusOf(partner, customerId, 'terminated'));
  expect(terminated.gdap).toMatchObject({ learnedFrom: 'event', waitingFor: null });
  const customer = await partner.api(`/api/customers/${customerId}`);
  expect(customer.body.delegatedAdmin).toMatchObject({ state: 'removed', status: 'terminated' });
});

test("the access template: Admin agents only, known roles only, 422 naming the field; another partner's customer is 404", async () => {
  const partner = await stack.partnerWithProfile();
  expect((await partner.api('/api/partner/access-template')).body).toEqual({
    assignments: [],
    updatedAt: null,
  });
  const bad = await partner.api('/api/partner/access-template', {
    method: 'PUT',
    json: {
      assignments: [
        {
          groupId: GROUP_HELPDESK,
          groupName: 'A',
          roles: ['62e90394-69f5-4237-9190-012177145e10'],
        },
        {
          groupId: GROUP_HELPDESK,
          groupName: 'B',
          roles: ['00000000-0000-0000-0000-000000000001'],
        },
      ],
    },
  });
  expect(bad.status).toBe(422);
  expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
  expect(bad.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
    ['assignments[0].roles[0]', 'ACCESS_TEMPLATE_ROLE_UNKNOWN'],
    ['assignments[1].groupId', 'ACCESS_TEMPLATE_GROUP_DUPLICATE'],
    ['assignments[1].roles[0]', 'ACCESS_TEMPLATE_ROLE_UNKNOWN'],
  ]);
  expect((await partner.api('/api/partner/access-template')).body.updatedAt).toBeNull();

  const sales = await stack.mintToken(partner.tenantId, ['SalesAgent']);
  const refused = await partner.api('/api/partner/access-template', {
    method: 'PUT',
    token: sales,
    json: { assignments: [] },
  });
  expect(refused.status).toBe(403);

  const { customerId } = await acceptedGranular(stack, partner);
  const other = await stack.partnerWithProfile();
  expect((await other.api(`/api/customers/${customerId}/delegated-admin/access`)).status).toBe(404);
});
