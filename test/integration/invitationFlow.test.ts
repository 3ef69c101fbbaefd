import {
  customerBody,
  MCA_SIGNER,
  PROFILE_DE,
  startTestStack,
  tokenOf,
  type TestStack,
} from './support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe('the reseller invitation flow, end to end', () => {
  test('a partner invites, the email goes out, the customer accepts the MCA and lands on the Customers list', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();

    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/invitations/${created.body.id}`);
    expect(created.body.status).toBe('draft');
    expect(created.body.acceptUrl).toMatch(
      new RegExp(`^${stack.functionsUrl}/api/accept/[A-Za-z0-9_-]{87}$`),
    );
    expect(created.body.draft.text).toContain(created.body.acceptUrl);
    expect(created.body.draft.html).toContain(`href="${created.body.acceptUrl}"`);
    expect(created.body.draft.subject).toContain(PROFILE_DE.displayName);
    expect(created.body.mailtoUrl).toMatch(/^mailto:admin%40|^mailto:admin@/);
    const expires = new Date(created.body.expiresAt).getTime() - Date.now();
    expect(expires).toBeGreaterThan(89 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(90 * 86_400_000);

    const sent = await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    expect(sent.status).toBe(202);
    expect(sent.body.status).toBe('sending');
    await stack.waitForIdle(15_000);

    const mails = stack.sendgrid.messages().filter((m) => m.to.includes(body.customer.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(created.body.draft.subject);
    expect(mails[0]!.text).toContain(created.body.acceptUrl);
    expect(mails[0]!.customArgs.invitationId).toBe(created.body.id);
    const afterSend = await partner.api(`/api/invitations/${created.body.id}`);
    expect(afterSend.body.status).toBe('sent');
    expect(afterSend.body.sentAt).toEqual(expect.any(String));

    const token = tokenOf(created.body.acceptUrl);
    const shown = await stack.api(`/api/accept/${token}`, {
      headers: { Accept: 'application/json' },
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      state: 'pending',
      mcaRequired: true,
      includeDelegatedAdmin: true,
      partner: { displayName: PROFILE_DE.displayName, tenantId: partner.tenantId },
      agreement: { type: 'MicrosoftCustomerAgreement' },
    });

    const anonymous = await stack.api(`/api/accept/${token}`, {
      method: 'POST',
      json: MCA_SIGNER,
      headers: { Accept: 'application/json' },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');

    const admin = await stack.customerAdmin(body.customer.domain);
    const withoutMca = await admin.accept(created.body.acceptUrl, {});
    expect(withoutMca.status).toBe(422);
    expect(withoutMca.body.code).toBe('MCA_ACCEPTANCE_REQUIRED');

    const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(
      `${stack.microsoft.url}/Adminportal/Home?invType=ResellerRelationship&partnerId=${partner.tenantId}&msppId=0&DAP=true#/BillingAccounts/partner-invitation`,
    );

    await stack.waitForIdle(15_000);
    const invitation = await partner.api(`/api/invitations/${created.body.id}`);
    expect(invitation.body.status).toBe('active');
    expect(invitation.body.history.map((h: { to: string }) => h.to)).toEqual([
      'draft',
      'sending',
      'sent',
      'accepted',
      'active',
    ]);
    expect(invitation.body.history[3].actor).toBe(`customer:${admin.tenantId}`);

    const customers = await partner.api('/api/customers');
    expect(customers.status).toBe(200);
    expect(customers.body.items).toHaveLength(1);
    const customer = customers.body.items[0];
    expect(customer).toMatchObject({
      id: created.body.customerId,
      companyName: body.customer.companyName,
      domain: body.customer.domain,
      country: 'FR',
      // The classic checkbox: requested, not confirmed by Microsoft.
      delegatedAdmin: { state: 'none', status: 'approvalPending' },
      mca: { accepted: true },
      relationship: { status: 'active' },
      supportContact: null,
      tenantId: admin.tenantId,
    });
    const one = await partner.api(`/api/customers/${customer.id}`);
    expect(one.status).toBe(200);
    expect(one.body.companyName).toBe(body.customer.companyName);

    const attestations = await stack.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'mcaAttestation' AND c.invitationId = @id",
        parameters: [{ name: '@id', value: created.body.id }],
      })
      .fetchAll();
    expect(attestations.resources).toHaveLength(1);
    expect(attestations.resources[0]).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: MCA_SIGNER.email,
      phoneNumber: MCA_SIGNER.phoneNumber,
      agreementType: 'MicrosoftCustomerAgreement',
      templateId: expect.any(String),
      dateAgreed: expect.any(String),
      signedIn: {
        tenantId: admin.tenantId,
        objectId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: `admin@${body.customer.domain}`,
      },
    });
  });

  test('a link the partner sends from their own mail app works without the send step', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody({ includeDelegatedAdmin: false });
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const admin = await stack.customerAdmin(body.customer.domain);
    const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toContain('DAP=false');
    await stack.waitForIdle(15_000);
    const customer = await partner.api(`/api/customers/${created.body.customerId}`);
    expect(customer.body.delegatedAdmin.state).toBe('none');
  });

  test('a second partner of the same customer finds the MCA already accepted, and each sees only its own relationship', async () => {
    const first = await stack.partnerWithProfile();
    const second = await stack.partnerWithProfile({
      ...PROFILE_DE,
      displayName: 'Second Partner SE',
    });
    const body = customerBody();
    const a = await first.api('/api/invitations', { method: 'POST', json: body });
    const admin = await stack.customerAdmin(body.customer.domain);
    expect((await admin.accept(a.body.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);
    const b = await second.api('/api/invitations', { method: 'POST', json: body });
    expect(b.body.customerId).toBe(a.body.customerId);
    const shown = await stack.api(`/api/accept/${tokenOf(b.body.acceptUrl)}`, {
      headers: { Accept: 'application/json' },
    });
    expect(shown.body.mcaRequired).toBe(false);
    const accepted = await admin.accept(b.body.acceptUrl);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toContain(`partnerId=${second.tenantId}`);
    await stack.waitForIdle(15_000);

    const firstList = await first.api('/api/customers');
    const secondList = await second.api('/api/customers');
    expect(firstList.body.items.map((c: { id: string }) => c.id)).toEqual([a.body.customerId]);
    expect(secondList.body.items.map((c: { id: string }) => c.id)).toEqual([a.body.customerId]);
    const secondsInvitation = await first.api(`/api/invitations/${b.body.id}`);
    expect(secondsInvitation.status).toBe(404);
  });

  test('a browser gets the request as HTML, escaped, with a sign-in button; an anonymous form post changes nothing', async () => {
    const partner = await stack.partnerWithProfile({
      ...PROFILE_DE,
      displayName: '<script>alert("x")</script> & Co',
    });
    const created = await partner.api('/api/invitations', {
      method: 'POST',
      json: customerBody({ locale: 'de-DE' }),
    });
    const path = `/api/accept/${tokenOf(created.body.acceptUrl)}`;
    const page = await stack.api(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(page.text).toContain('lang="de-DE"');
    expect(page.text).toContain(`href="${path}/signin"`);
    expect(page.text).toContain('Mit Microsoft anmelden');
    expect(page.text).not.toContain('name="firstName"');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');

    const before = await partner.api(`/api/invitations/${created.body.id}`);
    const form = new URLSearchParams({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@fabrikam.example',
      acceptMca: 'true',
    });
    const anonymous = await stack.api(path, {
      method: 'POST',
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^text\/html/);
    expect(anonymous.text).toContain('Ihre Anmeldung ist abgelaufen');
    expect(anonymous.text).toContain(`href="${path}/signin"`);
    const after = await partner.api(`/api/invitations/${created.body.id}`);
    expect(after.body).toEqual(before.body);
  });

  test('the health endpoint reports both stores reachable', async () => {
    const health = await stack.api('/api/health');
    expect(health.status).toBe(200);
    expect(
      health.body.checks.map((c: { name: string; status: string }) => [c.name, c.status]),
    ).toEqual([
      ['cosmos', 'ok'],
      ['storage', 'ok'],
    ]);
  });
});
