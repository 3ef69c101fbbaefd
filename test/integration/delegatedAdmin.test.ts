import { appServices } from '../../shared/app/appServices';
import { advanceDelegatedAdmin } from '../../shared/services/housekeeping';
import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';
import { approveInAdminCenter, changeInMicrosoft, waitFor } from './support/gdap';

/**
 * Granular delegated admin privileges on the real local stack. Time-based steps run the
 * housekeeping service itself with a clock set ahead (the app's own services, only `now`
 * replaced) instead of waiting; one test goes through the timer registration with the real clock.
 */

let stack: TestStack;

// A test waits on Graph checks more than once (each up to waitFor's 30 s, which then names what
// it waited for): a safety margin for a loaded machine, not a speed target.
jest.setTimeout(120_000);

beforeAll(async () => {
  // Graph is re-read a second after activation (60 s in production): approvals show quickly.
  stack = await startTestStack({ GRAPH_RECHECK_BASE_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const LICENSE_ADMIN = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const DAY_MS = 86_400_000;

function granularBody(
  delegatedAdmin: Record<string, unknown>,
  domain?: string,
): Record<string, unknown> {
  const { includeDelegatedAdmin: _classic, ...body } = customerBody();
  return {
    ...body,
    ...(domain === undefined ? {} : { customer: { ...body.customer, domain } }),
    delegatedAdmin,
  };
}

/** Invites with `delegatedAdmin`, has the customer's Global Administrator approve, waits. */
async function approvedRequest(
  partner: Partner,
  delegatedAdmin: Record<string, unknown>,
  options: { domain?: string; mcaDone?: boolean } = {},
) {
  const created = await partner.api('/api/invitations', {
    method: 'POST',
    json: granularBody(delegatedAdmin, options.domain),
  });
  expect(created.status).toBe(201);
  const admin = await stack.customerAdmin(created.body.customer.domain);
  const accepted = await admin.accept(created.body.acceptUrl, options.mcaDone ? {} : MCA_SIGNER);
  expect(accepted.status).toBe(303);
  await stack.waitForIdle(15_000);
  const customerId = created.body.customerId as string;
  await approveInGraph(partner, customerId, created.body.delegatedAdmin.graphRelationshipId);
  return { invitation: created.body, customerId, admin };
}

/**
 * The customer's admin approves in Microsoft (the stand-in's admin center, no event sent); the
 * graph-checks queue finds it active and the grant follows Graph.
 */
async function approveInGraph(partner: Partner, customerId: string, graphId: string) {
  await changeInMicrosoft(stack, graphId, 'active');
  await waitFor('active in Graph', async () => {
    const customer = await partner.api(`/api/customers/${customerId}`);
    const tracked = customer.body.gdapRelationship;
    return tracked?.graphId === graphId && tracked.status === 'active' ? tracked : undefined;
  });
}

/** Runs the timer's delegated admin step as if it were `at`. */
function runTimerAt(at: Date): Promise<number> {
  return advanceDelegatedAdmin({ ...appServices(), now: () => at });
}

async function actionsOf(partner: Partner): Promise<string[]> {
  const events = await partner.api('/api/audit-events?limit=100');
  return events.body.items.map((e: { action: string }) => e.action);
}

describe('a granular delegated admin request', () => {
  test('is pending until approved, then active with the roles, start and end; both sides see it', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', {
      method: 'POST',
      json: granularBody({
        roles: [USER_ADMIN, LICENSE_ADMIN],
        duration: 'P90D',
        autoExtend: true,
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body.includeDelegatedAdmin).toBe(true);
    expect(created.body.delegatedAdmin).toEqual({
      status: 'approvalPending',
      roles: [USER_ADMIN, LICENSE_ADMIN],
      duration: 'P90D',
      autoExtend: true,
      startsAt: null,
      endsAt: null,
      // Created and locked in Microsoft Graph (the local stand-in) before it was saved.
      graphRelationshipId: expect.any(String),
      approvalUrl: expect.stringContaining(
        '/AdminPortal/Home#/partners/invitation/granularAdminRelationships/',
      ),
    });

    const admin = await stack.customerAdmin(created.body.customer.domain);
    const described = await admin.api(`/api/accept/${created.body.acceptUrl.split('/').pop()}`, {
      headers: { Accept: 'application/json' },
    });
    expect(described.body.delegatedAdmin).toMatchObject({
      roles: [USER_ADMIN, LICENSE_ADMIN],
      duration: 'P90D',
      autoExtend: true,
    });
    expect((await admin.accept(created.body.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);
    const pending = await partner.api(`/api/customers/${created.body.customerId}`);
    expect(pending.body.delegatedAdmin).toMatchObject({ state: 'none', status: 'approvalPending' });
    expect(pending.body.gdapRelationship).toMatchObject({
      graphId: created.body.delegatedAdmin.graphRelationshipId,
      status: 'approvalPending',
      waitingFor: 'customerApproval',
    });
    await approveInGraph(
      partner,
      created.body.customerId,
      created.body.delegatedAdmin.graphRelationshipId,
    );

    const customer = await partner.api(`/api/customers/${created.body.customerId}`);
    const grant = customer.body.delegatedAdmin;
    expect(grant).toMatchObject({
      state: 'active',
      status: 'active',
      roles: [USER_ADMIN, LICENSE_ADMIN],
      duration: 'P90D',
      autoExtend: true,
    });
    expect(Date.parse(grant.endsAt) - Date.parse(grant.startsAt)).toBe(90 * DAY_MS);
    const invitation = await partner.api(`/api/invitations/${created.body.id}`);
    expect(invitation.body.delegatedAdmin).toMatchObject({
      status: 'active',
      startsAt: grant.startsAt,
      endsAt: grant.endsAt,
    });
    const partners = await admin.api('/api/customer/partners');
    expect(partners.body.items[0].delegatedAdmin).toMatchObject({
      status: 'active',
      endsAt: grant.endsAt,
    });
  });

  test('is refused field by field with 422 and writes nothing', async () => {
    const partner = await stack.partnerWithProfile();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { roles: [GLOBAL_ADMIN, USER_ADMIN], duration: 'P730D', autoExtend: true },
        'DELEGATED_ADMIN_AUTO_EXTEND_NOT_ALLOWED',
        'delegatedAdmin.autoExtend',
      ],
      [
        {
          roles: [USER_ADMIN, LICENSE_ADMIN, '00000000-0000-0000-0000-000000000000'],
          duration: 'P1D',
        },
        'DELEGATED_ADMIN_ROLE_UNKNOWN',
        'delegatedAdmin.roles[2]',
      ],
      [
        { roles: [USER_ADMIN], duration: 'P731D' },
        'DELEGATED_ADMIN_DURATION_INVALID',
        'delegatedAdmin.duration',
      ],
      [{ roles: [], duration: 'P30D' }, 'DELEGATED_ADMIN_ROLES_REQUIRED', 'delegatedAdmin.roles'],
    ];
    for (const [delegatedAdmin, code, field] of cases) {
      const refused = await partner.api('/api/invitations', {
        method: 'POST',
        json: granularBody(delegatedAdmin),
      });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe(code);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field, code })]);
    }
    const conflict = await partner.api('/api/invitations', {
      method: 'POST',
      json: {
        ...granularBody({ roles: [USER_ADMIN], duration: 'P30D' }),
        includeDelegatedAdmin: false,
      },
    });
    expect(conflict.status).toBe(422);
    expect(conflict.body.errors[0]).toMatchObject({
      field: 'includeDelegatedAdmin',
      code: 'DELEGATED_ADMIN_CONFLICT',
    });
    const neither = await partner.api('/api/invitations', {
      method: 'POST',
      json: (({ includeDelegatedAdmin: _dap, ...rest }) => rest)(customerBody()),
    });
    expect(neither.status).toBe(400);
    expect(neither.body.errors[0]).toMatchObject({
      field: 'includeDelegatedAdmin',
      code: 'REQUIRED',
    });

    const usGov = await stack.partnerWithProfile({
      displayName: 'Gov Partner',
      country: 'US',
      cloud: 'usgov',
      mpnId: '7654321',
    });
    const gov = await usGov.api('/api/invitations', {
      method: 'POST',
      json: {
        ...granularBody({ roles: [USER_ADMIN], duration: 'P30D' }),
        customer: { ...customerBody().customer, country: 'US' },
      },
    });
    expect(gov.status).toBe(422);
    expect(gov.body.errors[0]).toMatchObject({
      field: 'delegatedAdmin',
      code: 'DAP_NOT_AVAILABLE_IN_CLOUD',
    });

    expect((await partner.api('/api/invitations')).body.items).toEqual([]);
    expect((await usGov.api('/api/invitations')).body.items).toEqual([]);
  });
});

describe('the timer', () => {
  test('marks a grant ending within 30 days expiring once, and the ending-soon filter finds it', async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId } = await approvedRequest(partner, {
      roles: [USER_ADMIN],
      duration: 'P20D',
    });
    const longer = await approvedRequest(partner, { roles: [USER_ADMIN], duration: 'P200D' });

    await stack.runTimer('invitationHousekeeping');
    await stack.runTimer('invitationHousekeeping');
    await stack.waitForIdle(15_000);

    const customer = await partner.api(`/api/customers/${customerId}`);
    expect(customer.body.delegatedAdmin).toMatchObject({ status: 'expiring', state: 'active' });
    const other = await partner.api(`/api/customers/${longer.customerId}`);
    expect(other.body.delegatedAdmin.status).toBe('active');
    expect((await actionsOf(partner)).filter((a) => a === 'delegatedAdmin.expiring')).toHaveLength(
      1,
    );

    const within30 = await partner.api('/api/customers?delegatedAdminEndsWithinDays=30');
    expect(within30.status).toBe(200);
    expect(within30.body.items.map((c: { id: string }) => c.id)).toEqual([customerId]);
    const within10 = await partner.api('/api/customers?delegatedAdminEndsWithinDays=10');
    expect(within10.body.items).toEqual([]);
    const all = await partner.api('/api/customers?delegatedAdminEndsWithinDays=730');
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([
      customerId,
      longer.customerId,
    ]);
    const bad = await partner.api('/api/customers?delegatedAdminEndsWithinDays=0');
    expect(bad.status).toBe(400);
    const stranger = await stack.partnerWithProfile();
    expect(
      (await stranger.api('/api/customers?delegatedAdminEndsWithinDays=730')).body.items,
    ).toEqual([]);
  });

  test('extends an auto-extending grant by 180 days at its end, once per end', async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId } = await approvedRequest(partner, {
      roles: [USER_ADMIN],
      duration: 'P90D',
      autoExtend: true,
    });
    const before = (await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin;
    const atEnd = new Date(Date.parse(before.endsAt) + 60_000);

    // Ten days before the end: an auto-extending grant is not `expiring`, it will go on.
    await runTimerAt(new Date(Date.parse(before.endsAt) - 10 * DAY_MS));
    expect((await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin).toEqual(before);
    await runTimerAt(atEnd);
    await runTimerAt(atEnd);
    await stack.waitForIdle(15_000);

    const after = (await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin;
    expect(after).toMatchObject({ status: 'active', state: 'active', autoExtend: true });
    expect(Date.parse(after.endsAt) - Date.parse(before.endsAt)).toBe(180 * DAY_MS);
    const events = await partner.api('/api/audit-events?limit=100');
    const extended = events.body.items.filter(
      (e: { action: string }) => e.action === 'delegatedAdmin.extended',
    );
    expect(extended).toHaveLength(1);
    expect(extended[0]).toMatchObject({
      actor: 'system',
      subject: { kind: 'customer', id: customerId },
      before: { delegatedAdmin: { endsAt: before.endsAt } },
      after: { delegatedAdmin: { endsAt: after.endsAt } },
    });
  });

  test('expires a grant without auto-extension at its end, after warning; giving it back then asks Microsoft for a new request', async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId, admin } = await approvedRequest(partner, {
      roles: [GLOBAL_ADMIN],
      duration: 'P60D',
      autoExtend: false,
    });
    const { endsAt } = (await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin;
    await runTimerAt(new Date(Date.parse(endsAt) - 29 * DAY_MS));
    await runTimerAt(new Date(Date.parse(endsAt) + 1000));
    await runTimerAt(new Date(Date.parse(endsAt) + 2000));
    await stack.waitForIdle(15_000);

    const customer = await partner.api(`/api/customers/${customerId}`);
    expect(customer.body.delegatedAdmin).toMatchObject({
      status: 'expired',
      state: 'none',
      endsAt,
      roles: [GLOBAL_ADMIN],
      changedBy: 'system',
    });
    const actions = await actionsOf(partner);
    expect(actions.filter((a) => /^delegatedAdmin\.(expiring|extended|expired)$/.test(a))).toEqual([
      'delegatedAdmin.expired',
      'delegatedAdmin.expiring',
    ]);
    expect(
      (await partner.api('/api/customers?delegatedAdminEndsWithinDays=730')).body.items,
    ).toEqual([]);
    // Graph still says active (the clock was moved, Microsoft's was not): nothing to ask for.
    const stillHeld = await admin.api(
      `/api/customer/partners/${partner.tenantId}/delegated-admin`,
      { method: 'PUT' },
    );
    expect(stillHeld.body.microsoft).toMatchObject({ action: 'none', graphStatus: 'active' });
    const graphId = (await partner.api(`/api/customers/${customerId}`)).body.gdapRelationship
      .graphId as string;
    // It expires at Microsoft too, and Partner Center's event says so. (Without the event the
    // check the give-back above queued may read Graph before the change, and the next read
    // is the daily one: the test raced it.)
    await changeInMicrosoft(stack, graphId, 'expired');
    stack.microsoft.state.partnerCenterWebhooks.set(
      partner.tenantId.toLowerCase(),
      `${stack.functionsUrl}/api/partner-center/events/${partner.tenantId}`,
    );
    await stack.microsoft.sendPartnerCenterEvent(partner.tenantId, {
      EventName: 'granular-admin-relationship-expired',
      ResourceUri: `${stack.microsoft.url}/v1.0/tenantRelationships/delegatedAdminRelationships/${graphId}`,
      ResourceName: 'DelegatedAdminRelationship',
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    await waitFor('expired in Graph', async () => {
      const customer = await partner.api(`/api/customers/${customerId}`);
      return customer.body.gdapRelationship.status === 'expired' ? customer : undefined;
    });
    const giveBack = await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'PUT',
    });
    expect(giveBack.status).toBe(200);
    expect(giveBack.body.microsoft).toMatchObject({
      action: 'approveInAdminCenter',
      graphStatus: 'approvalPending',
    });
    const requested = stack.microsoft.state.relationships.get(
      giveBack.body.microsoft.graphRelationshipId,
    );
    // Global Administrator: Graph allows no auto-extension with it.
    expect(requested).toMatchObject({
      status: 'approvalPending',
      autoExtendDuration: 'PT0S',
      duration: 'P60D',
      accessDetails: { unifiedRoles: [{ roleDefinitionId: GLOBAL_ADMIN }] },
      customer: { tenantId: admin.tenantId },
    });
  });
});

describe('the customer', () => {
  test('ends a grant in Microsoft: terminated through Graph and read back; giving it back is a new Graph request, approved in the admin center, active again', async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId, admin, invitation } = await approvedRequest(partner, {
      roles: [HELPDESK_ADMIN],
      duration: 'P30D',
    });
    const graphId = invitation.delegatedAdmin.graphRelationshipId as string;
    const removed = await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.microsoft).toEqual({
      action: 'terminatedInGraph',
      graphRelationshipId: graphId,
      graphStatus: 'terminated',
      url: null,
    });
    expect(stack.microsoft.state.received).toContainEqual({
      method: 'POST',
      path: `/v1.0/tenantRelationships/delegatedAdminRelationships/${graphId}/requests`,
      body: { action: 'terminate' },
    });
    expect(stack.microsoft.state.relationships.get(graphId)?.status).toBe('terminated');
    const grant = (await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin;
    expect(grant).toMatchObject({
      status: 'terminated',
      state: 'removed',
      roles: [HELPDESK_ADMIN],
      terminatedAt: removed.body.delegatedAdmin.changedAt,
      terminatedBy: 'microsoft:graph',
    });
    const events = (await partner.api('/api/audit-events?limit=100')).body.items;
    expect(
      events.find((e: { action: string }) => e.action === 'delegatedAdmin.removed'),
    ).toMatchObject({ actor: `customer:${admin.tenantId}`, after: { via: 'graph' } });
    expect(
      events.find((e: { action: string }) => e.action === 'delegatedAdmin.changed'),
    ).toMatchObject({
      actor: 'microsoft:graph',
      after: { gdapRelationship: { status: 'terminated' } },
    });

    await runTimerAt(new Date(Date.parse(grant.endsAt) + 1000));
    expect((await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin.status).toBe(
      'terminated',
    );

    const giveBack = await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'PUT',
    });
    expect(giveBack.status).toBe(200);
    const step = giveBack.body.microsoft;
    expect(step).toMatchObject({ action: 'approveInAdminCenter', graphStatus: 'approvalPending' });
    expect(step.graphRelationshipId).not.toBe(graphId);
    expect(step.url).toBe(
      `${stack.microsoft.url}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${step.graphRelationshipId}`,
    );
    // Nothing granted on the customer's word: still terminated until Microsoft says active.
    expect(giveBack.body.delegatedAdmin).toMatchObject({ status: 'terminated' });
    expect(stack.microsoft.state.relationships.get(step.graphRelationshipId)).toMatchObject({
      status: 'approvalPending',
      duration: 'P30D',
      accessDetails: { unifiedRoles: [{ roleDefinitionId: HELPDESK_ADMIN }] },
      customer: { tenantId: admin.tenantId },
    });
    // Asking again answers the same request; nothing more is created in Graph.
    const again = await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'PUT',
    });
    expect(again.body.microsoft.graphRelationshipId).toBe(step.graphRelationshipId);
    expect(
      [...stack.microsoft.state.relationships.values()].filter(
        (r) => r.partnerTenantId === partner.tenantId,
      ),
    ).toHaveLength(2);

    await approveInAdminCenter(stack, step.graphRelationshipId, admin.username.split('@')[1]!);
    const active = await waitFor('active again', async () => {
      const customer = await partner.api(`/api/customers/${customerId}`);
      return customer.body.delegatedAdmin.status === 'active' ? customer.body : undefined;
    });
    expect(active.delegatedAdmin).toMatchObject({ state: 'active', roles: [HELPDESK_ADMIN] });
    expect(active.gdapRelationship).toMatchObject({
      graphId: step.graphRelationshipId,
      status: 'active',
    });
    expect(await actionsOf(partner)).toContain('delegatedAdmin.restoreRequested');
  });

  test('ends a grant Graph cannot end now: recorded as requested, the customer is sent to the admin center, and the termination done there is learned from Microsoft', async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId, admin, invitation } = await approvedRequest(partner, {
      roles: [HELPDESK_ADMIN],
      duration: 'P30D',
    });
    const graphId = invitation.delegatedAdmin.graphRelationshipId as string;
    stack.microsoft.state.faults.push({
      method: 'POST',
      path: `${graphId}/requests`,
      status: 503,
      code: 'ServiceUnavailable',
      message: 'Stand-in answers 503.',
      count: 1,
    });
    const removed = await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.microsoft).toEqual({
      action: 'removeInAdminCenter',
      graphRelationshipId: graphId,
      graphStatus: 'active',
      url: `${stack.microsoft.url}/AdminPortal/Home#/partners`,
    });
    // Still what Microsoft says: active, with the customer's request noted.
    expect(removed.body.delegatedAdmin).toMatchObject({
      state: 'active',
      status: 'active',
      removalRequestedBy: `customer:${admin.tenantId}`,
      removalRequestedAt: expect.any(String),
    });

    // The customer removes it in the admin center; Partner Center's event makes us read Graph.
    await changeInMicrosoft(stack, graphId, 'terminated');
    stack.microsoft.state.partnerCenterWebhooks.set(
      partner.tenantId.toLowerCase(),
      `${stack.functionsUrl}/api/partner-center/events/${partner.tenantId}`,
    );
    await stack.microsoft.sendPartnerCenterEvent(partner.tenantId, {
      EventName: 'granular-admin-relationship-terminated',
      ResourceUri: `${stack.microsoft.url}/v1.0/tenantRelationships/delegatedAdminRelationships/${graphId}`,
      ResourceName: 'DelegatedAdminRelationship',
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    const ended = await waitFor('terminated', async () => {
      const customer = await partner.api(`/api/customers/${customerId}`);
      return customer.body.delegatedAdmin.status === 'terminated' ? customer.body : undefined;
    });
    expect(ended.delegatedAdmin).toMatchObject({
      state: 'removed',
      terminatedBy: 'microsoft:partnerCenterEvent',
    });
    expect(ended.delegatedAdmin.removalRequestedAt).toBeUndefined();
  });

  test('approves a second request that adds roles: they replace the first grant once Microsoft has it active', async () => {
    const partner = await stack.partnerWithProfile();
    const first = await approvedRequest(partner, { roles: [HELPDESK_ADMIN], duration: 'P30D' });
    const domain = first.invitation.customer.domain as string;

    const second = await partner.api('/api/invitations', {
      method: 'POST',
      json: granularBody(
        { roles: [HELPDESK_ADMIN, USER_ADMIN], duration: 'P180D', autoExtend: true },
        domain,
      ),
    });
    expect(second.status).toBe(201);
    expect(second.body.customerId).toBe(first.customerId);
    const pending = await partner.api(`/api/customers/${first.customerId}`);
    expect(pending.body.delegatedAdmin.roles).toEqual([HELPDESK_ADMIN]);

    expect((await first.admin.accept(second.body.acceptUrl, {})).status).toBe(303);
    await stack.waitForIdle(15_000);
    // Accepted on our page: the first grant stands until Microsoft has the second approved.
    const accepted = await partner.api(`/api/customers/${first.customerId}`);
    expect(accepted.body.delegatedAdmin).toMatchObject({
      status: 'active',
      roles: [HELPDESK_ADMIN],
    });
    expect(accepted.body.gdapRelationship).toMatchObject({
      graphId: second.body.delegatedAdmin.graphRelationshipId,
      status: 'approvalPending',
    });
    await approveInGraph(partner, first.customerId, second.body.delegatedAdmin.graphRelationshipId);

    const grant = (await partner.api(`/api/customers/${first.customerId}`)).body.delegatedAdmin;
    expect(grant).toMatchObject({
      status: 'active',
      roles: [HELPDESK_ADMIN, USER_ADMIN],
      duration: 'P180D',
      autoExtend: true,
    });
    expect(Date.parse(grant.endsAt) - Date.parse(grant.startsAt)).toBe(180 * DAY_MS);
    expect(
      (await partner.api(`/api/invitations/${second.body.id}`)).body.delegatedAdmin,
    ).toMatchObject({ status: 'active', endsAt: grant.endsAt });
  });
});
