import { randomUUID } from 'node:crypto';
import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  tokenOf,
  type Partner,
  type TestStack,
} from './support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ INVITATION_RESEND_MIN_MINUTES: '10' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const json = { Accept: 'application/json' };

/** Invites and accepts; returns the active customer and the link the customer used. */
async function activeCustomer(
  partner: Partner,
  body = customerBody(),
): Promise<{ customerId: string; acceptUrl: string; invitationId: string; domain: string }> {
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  expect(created.status).toBe(201);
  const admin = await stack.customerAdmin(body.customer.domain);
  const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
  expect(accepted.status).toBe(303);
  await stack.waitForIdle(15_000);
  return {
    customerId: created.body.customerId,
    acceptUrl: created.body.acceptUrl,
    invitationId: created.body.id,
    domain: created.body.customer.domain,
  };
}

/** A Global Administrator of a customer tenant (by default the one that owns the domain). */
function customerAdmin(domain: string, tenantId?: string) {
  return stack.customerAdmin(domain, tenantId === undefined ? {} : { tenantId });
}

/**
 * Makes an accepted customer look like one accepted before sign-in existed: no tenant bound
 * on either side, so the customer's admin must claim it.
 */
async function asAcceptedBeforeSignIn(customerId: string, tenantId: string): Promise<void> {
  const { resource: customer } = await stack.container
    .item('customer', `customer:${customerId}`)
    .read();
  delete customer.tenantId;
  await stack.container.item('customer', `customer:${customerId}`).replace(customer);
  await stack.container.item('tenant', `tenant:${tenantId}`).delete();
}

async function auditActions(partner: Partner): Promise<string[]> {
  const events = await partner.api('/api/audit-events?limit=100');
  expect(events.status).toBe(200);
  return events.body.items.map((e: { action: string }) => e.action);
}

describe('support contacts', () => {
  test('are assigned, shown on the customer, read and removed; validated; another partner gets 404', async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId } = await activeCustomer(partner);
    const contact = {
      supportTenantId: partner.tenantId,
      supportMpnId: '7654321',
      name: 'Jane Support',
    };

    expect((await partner.api(`/api/customers/${customerId}/support-contact`)).status).toBe(404);
    const put = await partner.api(`/api/customers/${customerId}/support-contact`, {
      method: 'PUT',
      json: contact,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject(contact);
    expect((await partner.api(`/api/customers/${customerId}`)).body.supportContact).toMatchObject(
      contact,
    );
    expect((await partner.api(`/api/customers/${customerId}/support-contact`)).body.name).toBe(
      'Jane Support',
    );

    const invalid = await partner.api(`/api/customers/${customerId}/support-contact`, {
      method: 'PUT',
      json: { ...contact, supportTenantId: 'nope', extra: true },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'supportTenantId',
    ]);

    const other = await stack.partnerWithProfile();
    expect(
      (
        await other.api(`/api/customers/${customerId}/support-contact`, {
          method: 'PUT',
          json: contact,
        })
      ).status,
    ).toBe(404);

    const deleted = await partner.api(`/api/customers/${customerId}/support-contact`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect((await partner.api(`/api/customers/${customerId}`)).body.supportContact).toBeNull();
    expect(await auditActions(partner)).toEqual(
      expect.arrayContaining(['supportContact.assigned', 'supportContact.removed']),
    );
  });
});

describe('removing the reseller relationship', () => {
  test('ends DAP, leaves the active list, keeps history, and a new invitation starts over', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const first = await activeCustomer(partner, body);

    const removed = await partner.api(`/api/customers/${first.customerId}/relationship`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect((await partner.api('/api/customers')).body.items).toEqual([]);
    const record = await partner.api(`/api/customers/${first.customerId}`);
    expect(record.body.relationship.status).toBe('removed');
    expect(record.body.relationship.removedAt).toEqual(expect.any(String));
    expect(record.body.delegatedAdmin.state).toBe('none');
    expect((await partner.api(`/api/invitations/${first.invitationId}`)).body.status).toBe(
      'active',
    );

    const again = await partner.api(`/api/customers/${first.customerId}/relationship`, {
      method: 'DELETE',
    });
    expect(again.status).toBe(204);
    const supportOnRemoved = await partner.api(
      `/api/customers/${first.customerId}/support-contact`,
      {
        method: 'PUT',
        json: { supportTenantId: partner.tenantId, supportMpnId: '7654321', name: 'X' },
      },
    );
    expect(supportOnRemoved.status).toBe(409);
    expect(supportOnRemoved.body.code).toBe('RELATIONSHIP_REMOVED');

    const second = await activeCustomer(partner, body);
    expect(second.customerId).toBe(first.customerId);
    const list = await partner.api('/api/customers');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      relationship: { status: 'active' },
      // The classic checkbox: requested, not confirmed by Microsoft.
      delegatedAdmin: { state: 'none', status: 'approvalPending' },
    });
    const actions = await auditActions(partner);
    expect(actions.filter((a) => a === 'relationship.removed')).toHaveLength(1);
    expect(actions.filter((a) => a === 'relationship.activated')).toHaveLength(2);
  });
});

describe("the customer's admin", () => {
  test('claims the customer with the accepted link, lists its partners, removes and re-grants DAP', async () => {
    const partner = await stack.partnerWithProfile();
    const second = await stack.partnerWithProfile();
    const body = customerBody();
    const { customerId, acceptUrl } = await activeCustomer(partner, body);
    await activeCustomer(second, { ...body, includeDelegatedAdmin: false });

    // Accepting bound the admin's tenant to the customer: nothing to claim.
    const admin = await customerAdmin(body.customer.domain);
    const claimed = await admin.api('/api/customer/claim', { method: 'POST', json: { acceptUrl } });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ customerId, tenantId: admin.tenantId });
    expect((await partner.api(`/api/customers/${customerId}`)).body.tenantId).toBe(admin.tenantId);

    const partners = await admin.api('/api/customer/partners');
    expect(partners.status).toBe(200);
    expect(
      partners.body.items
        .map((p: { partnerTenantId: string; delegatedAdmin: { state: string } }) => [
          p.partnerTenantId,
          p.delegatedAdmin.state,
        ])
        .sort(),
    ).toEqual(
      [
        // Requested with the classic checkbox, not confirmed by Microsoft.
        [partner.tenantId, 'none'],
        [second.tenantId, 'none'],
      ].sort(),
    );

    // Classic DAP: no Graph API ends it, so the customer is sent to the admin center and the
    // request is noted; Microsoft's state is not assumed.
    const removed = await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'DELETE',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.microsoft).toEqual({
      action: 'removeInAdminCenter',
      graphRelationshipId: null,
      graphStatus: null,
      url: `${stack.microsoft.url}/AdminPortal/Home#/partners`,
    });
    expect(removed.body.delegatedAdmin).toMatchObject({
      state: 'none',
      status: 'approvalPending',
      removalRequestedBy: `customer:${admin.tenantId}`,
    });
    const seenByPartner = await partner.api(`/api/customers/${customerId}`);
    expect(seenByPartner.body.relationship.status).toBe('active');
    expect(seenByPartner.body.delegatedAdmin).toMatchObject({
      state: 'none',
      removalRequestedAt: removed.body.delegatedAdmin.removalRequestedAt,
    });

    const notRequested = await admin.api(
      `/api/customer/partners/${second.tenantId}/delegated-admin`,
      {
        method: 'PUT',
      },
    );
    expect(notRequested.status).toBe(409);
    expect(notRequested.body.code).toBe('DAP_NOT_REQUESTED');

    const regranted = await admin.api(
      `/api/customer/partners/${partner.tenantId}/delegated-admin`,
      {
        method: 'PUT',
      },
    );
    // Given back as its granular successor, requested in Graph for the customer to approve.
    expect(regranted.status).toBe(200);
    expect(regranted.body.microsoft).toMatchObject({
      action: 'approveInAdminCenter',
      graphStatus: 'approvalPending',
    });
    expect(regranted.body.delegatedAdmin.state).toBe('none');
    expect(
      stack.microsoft.state.relationships.get(regranted.body.microsoft.graphRelationshipId),
    ).toMatchObject({
      duration: 'P730D',
      autoExtendDuration: 'PT0S',
      accessDetails: {
        unifiedRoles: [
          { roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' },
          { roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' },
        ],
      },
    });
    const actions = await auditActions(partner);
    expect(actions.slice(0, 2)).toEqual([
      'delegatedAdmin.restoreRequested',
      'delegatedAdmin.removed',
    ]);
    expect(await auditActions(second)).not.toContain('delegatedAdmin.removed');
  });

  test('of another tenant cannot touch this customer, and a non-admin is refused', async () => {
    const partner = await stack.partnerWithProfile();
    const { acceptUrl, domain } = await activeCustomer(partner);
    const elsewhere = await customerAdmin('fabrikam-phishing.example');
    const phished = await elsewhere.api('/api/customer/claim', {
      method: 'POST',
      json: { acceptUrl },
    });
    expect(phished.status).toBe(403);
    expect(phished.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    // The owning tenant, but a UPN outside the domain (a guest of it): still not the customer.
    const guest = await stack.customerAdmin(domain, {
      upn: 'admin_fabrikam-phishing.example#EXT#@fabrikam.onmicrosoft.com',
    });
    const asGuest = await guest.api('/api/customer/claim', { method: 'POST', json: { acceptUrl } });
    expect(asGuest.status).toBe(403);
    expect(asGuest.body.code).toBe('CLAIM_DOMAIN_MISMATCH');
    const owner = await customerAdmin(domain);
    const claimed = await owner.api('/api/customer/claim', { method: 'POST', json: { acceptUrl } });
    expect(claimed.status).toBe(200);

    const stranger = await customerAdmin(domain, randomUUID());
    const stolen = await stranger.api('/api/customer/claim', {
      method: 'POST',
      json: { acceptUrl },
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    const removal = await stranger.api(
      `/api/customer/partners/${partner.tenantId}/delegated-admin`,
      {
        method: 'DELETE',
      },
    );
    expect(removal.status).toBe(404);

    const otherPartnerCustomer = await activeCustomer(partner);
    const otherAdmin = await customerAdmin(otherPartnerCustomer.domain);
    await otherAdmin.api('/api/customer/claim', {
      method: 'POST',
      json: { acceptUrl: otherPartnerCustomer.acceptUrl },
    });
    const unknownPartner = await otherAdmin.api(
      `/api/customer/partners/${randomUUID()}/delegated-admin`,
      { method: 'DELETE' },
    );
    expect(unknownPartner.status).toBe(404);

    const reader = await stack.mintToken(owner.tenantId, ['Reader']);
    const forbidden = await stack.api('/api/customer/partners', { token: reader });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('CUSTOMER_ADMIN_REQUIRED');
    expect((await partner.api('/api/customer/partners')).status).toBe(403);
  });
});

describe('claiming a customer accepted before sign-in existed', () => {
  test('is needed before the customer admin endpoints answer', async () => {
    const partner = await stack.partnerWithProfile();
    const { acceptUrl, domain, customerId } = await activeCustomer(partner);
    const admin = await customerAdmin(domain);
    await asAcceptedBeforeSignIn(customerId, admin.tenantId);
    expect((await admin.api('/api/customer/partners')).body.code).toBe('CUSTOMER_NOT_CLAIMED');
    const claimed = await admin.api('/api/customer/claim', { method: 'POST', json: { acceptUrl } });
    expect(claimed.status).toBe(200);
    expect((await admin.api('/api/customer/partners')).status).toBe(200);
  });

  test('claims at once: only the tenant that owns the domain gains the customer, once; the others gain nothing', async () => {
    const partner = await stack.partnerWithProfile();
    const { acceptUrl, domain, customerId } = await activeCustomer(partner);
    const owner = await customerAdmin(domain);
    await asAcceptedBeforeSignIn(customerId, owner.tenantId);
    const others = [
      await customerAdmin(domain, randomUUID()),
      await customerAdmin(domain, randomUUID()),
    ];
    const claimants = [owner, owner, ...others];
    const claims = await Promise.all(
      claimants.map((admin) =>
        admin.api('/api/customer/claim', { method: 'POST', json: { acceptUrl } }),
      ),
    );
    expect(claims.map((c) => c.status)).toEqual([200, 200, 403, 403]);
    expect(claims.slice(2).map((c) => c.body.code)).toEqual([
      'SIGN_IN_TENANT_MISMATCH',
      'SIGN_IN_TENANT_MISMATCH',
    ]);
    expect(claims[0]!.body.customerId).toBe(customerId);
    expect(claims[1]!.body.customerId).toBe(customerId);
    const lists = await Promise.all(
      [owner, ...others].map((admin) => admin.api('/api/customer/partners')),
    );
    expect(lists.map((l) => l.status)).toEqual([200, 404, 404]);
    const removal = await others[0]!.api(
      `/api/customer/partners/${partner.tenantId}/delegated-admin`,
      { method: 'DELETE' },
    );
    expect(removal.status).toBe(404);
  });
});

describe('a tenant bound to a customer whose domain it does not own', () => {
  test("(as the probe left d.example bound to a.example's tenant) cannot list or change the customer's partners", async () => {
    const partner = await stack.partnerWithProfile();
    const { customerId, domain } = await activeCustomer(partner);
    const owner = await customerAdmin(domain);
    // Rebind the customer to another tenant, as an acceptance before the tenant rule could.
    const squatter = await customerAdmin(domain, randomUUID());
    await asAcceptedBeforeSignIn(customerId, owner.tenantId);
    const { resource: customer } = await stack.container
      .item('customer', `customer:${customerId}`)
      .read();
    await stack.container
      .item('customer', `customer:${customerId}`)
      .replace({ ...customer, tenantId: squatter.tenantId });
    await stack.container.items.create({
      id: 'tenant',
      pk: `tenant:${squatter.tenantId}`,
      type: 'customerTenant',
      tenantId: squatter.tenantId,
      customerId,
      claimedAt: new Date().toISOString(),
      claimedBy: `customer:${squatter.tenantId}`,
    });
    const before = (await partner.api(`/api/customers/${customerId}`)).body;

    const list = await squatter.api('/api/customer/partners');
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    expect(list.body.detail).toContain(owner.tenantId);
    const removal = await squatter.api(
      `/api/customer/partners/${partner.tenantId}/delegated-admin`,
      { method: 'DELETE' },
    );
    expect(removal.status).toBe(403);
    expect(removal.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    expect((await partner.api(`/api/customers/${customerId}`)).body).toEqual(before);
  });
});

describe('restoring DAP by invitation', () => {
  test('after the customer removed it, a new DAP invitation requests it again (not confirmed by Microsoft) with no duplicate customer', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const { customerId, acceptUrl, domain } = await activeCustomer(partner, body);
    const admin = await customerAdmin(domain);
    await admin.api('/api/customer/claim', { method: 'POST', json: { acceptUrl } });
    await admin.api(`/api/customer/partners/${partner.tenantId}/delegated-admin`, {
      method: 'DELETE',
    });
    expect(
      (await partner.api(`/api/customers/${customerId}`)).body.delegatedAdmin.removalRequestedAt,
    ).toEqual(expect.any(String));

    const restore = await partner.api('/api/invitations', { method: 'POST', json: body });
    const shown = await stack.api(`/api/accept/${tokenOf(restore.body.acceptUrl)}`, {
      headers: json,
    });
    expect(shown.body.mcaRequired).toBe(false);
    expect((await admin.accept(restore.body.acceptUrl)).status).toBe(303);
    await stack.waitForIdle(15_000);

    const customers = await partner.api('/api/customers');
    expect(customers.body.items).toHaveLength(1);
    expect(customers.body.items[0].delegatedAdmin).toMatchObject({
      state: 'none',
      status: 'approvalPending',
    });
    expect(await auditActions(partner)).not.toContain('delegatedAdmin.restored');
  });
});

describe('the audit log', () => {
  test('lists every state change newest first, pages, filters by date range, and is per partner', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    await partner.api(`/api/invitations/${created.body.id}/revoke`, { method: 'POST' });

    const all = await partner.api('/api/audit-events');
    expect(all.body.items.map((e: { action: string }) => e.action)).toEqual([
      'invitation.revoked',
      'invitation.created',
      'partnerProfile.saved',
    ]);
    const revoked = all.body.items[0];
    expect(revoked).toMatchObject({
      actor: expect.stringMatching(/^partner:/),
      subject: { kind: 'invitation', id: created.body.id },
      before: { status: 'draft' },
      after: { status: 'revoked' },
    });

    const page1 = await partner.api('/api/audit-events?limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await partner.api(
      `/api/audit-events?limit=2&continuationToken=${page1.body.continuationToken}`,
    );
    expect(page2.body.items.map((e: { action: string }) => e.action)).toEqual([
      'partnerProfile.saved',
    ]);

    const cut = all.body.items[1].at;
    const before = await partner.api(`/api/audit-events?to=${encodeURIComponent(cut)}`);
    expect(before.body.items.map((e: { action: string }) => e.action)).toEqual([
      'partnerProfile.saved',
    ]);
    const since = await partner.api(`/api/audit-events?from=${encodeURIComponent(cut)}`);
    expect(since.body.items.map((e: { action: string }) => e.action)).toEqual([
      'invitation.revoked',
      'invitation.created',
    ]);
    const backwards = await partner.api(
      `/api/audit-events?from=${encodeURIComponent(cut)}&to=2000-01-01T00:00:00Z`,
    );
    expect(backwards.status).toBe(400);

    const other = await stack.partnerWithProfile();
    expect(
      (await other.api('/api/audit-events')).body.items.map((e: { action: string }) => e.action),
    ).toEqual(['partnerProfile.saved']);
    const sales = await stack.mintToken(partner.tenantId, ['SalesAgent']);
    expect((await stack.api('/api/audit-events', { token: sales })).status).toBe(403);
  });
});

describe('resending', () => {
  test('re-sends a sent invitation on demand, at most once per interval', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const early = await partner.api(`/api/invitations/${created.body.id}/resend`, {
      method: 'POST',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVITATION_NOT_SENT');

    await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    await stack.waitForIdle(15_000);
    const resent = await partner.api(`/api/invitations/${created.body.id}/resend`, {
      method: 'POST',
    });
    expect(resent.status).toBe(202);
    expect(resent.body.resendCount).toBe(1);
    await stack.waitForIdle(15_000);
    const limited = await partner.api(`/api/invitations/${created.body.id}/resend`, {
      method: 'POST',
    });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RESEND_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(500);
    await stack.waitForIdle(15_000);

    const mails = stack.sendgrid.messages().filter((m) => m.to.includes(body.customer.email));
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe(mails[0]!.subject);
    expect(await auditActions(partner)).toContain('invitation.resent');
  });
});
