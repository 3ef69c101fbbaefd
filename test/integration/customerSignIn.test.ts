import { tenantIdForDomain } from '../../local/servers/devTokenIssuer';
import { CookieBrowser, type Hop } from './support/cookieBrowser';
import { fillSignInForm, readForm } from './local/signInForm';
import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  tokenOf,
  type Partner,
  type TestStack,
} from './support/testStack';

/**
 * The customer admin's sign-in on the acceptance page, hop by hop over HTTP: the app's
 * openid-client against the local issuer's authorize page and token endpoint, the session
 * cookie, the anti-forgery field, and who may accept.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

interface Invited {
  readonly partner: Partner;
  readonly id: string;
  readonly acceptUrl: string;
  readonly domain: string;
  readonly customerId: string;
}

async function invite(overrides: Record<string, unknown> = {}): Promise<Invited> {
  const partner = await stack.partnerWithProfile();
  const body = customerBody(overrides);
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  expect(created.status).toBe(201);
  return {
    partner,
    id: created.body.id,
    acceptUrl: created.body.acceptUrl,
    domain: body.customer.domain,
    customerId: created.body.customerId,
  };
}

/**
 * Opens the link, presses "Sign in with Microsoft", fills the issuer's page as told and comes
 * back: returns the acceptance page the browser lands on.
 */
async function signIn(
  browser: CookieBrowser,
  acceptUrl: string,
  account: Record<string, string | null>,
): Promise<Hop> {
  const start = await browser.request(`${acceptUrl}/signin`);
  expect(start.status).toBe(302);
  expect(start.location).toContain('/oauth2/v2.0/authorize?');
  const authorize = new URL(start.location!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe(
    `${stack.functionsUrl}/api/auth/callback`,
  );
  const picker = await browser.request(start.location!);
  expect(picker.status).toBe(200);
  const form = readForm(picker.text, picker.url);
  const hops = await browser.follow(form.action, {
    form: fillSignInForm(form, { ...account, action: 'sign-in' }),
  });
  return hops.at(-1)!;
}

async function invitationOf(invited: Invited) {
  return (await invited.partner.api(`/api/invitations/${invited.id}`)).body;
}

describe('the customer admin signs in on the acceptance page', () => {
  test('a Global Administrator of the domain signs in, sees the form prefilled, accepts and is redirected to the portal', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();

    const page = await signIn(browser, invited.acceptUrl, {
      username: `ada@${invited.domain}`,
      display_name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      global_admin: 'on',
    });
    expect(page.url).toBe(invited.acceptUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Signed in as <strong>ada@${invited.domain}</strong>`);
    expect(page.text).toContain(tenantIdForDomain(invited.domain));
    expect(browser.cookieNames('127.0.0.1')).toEqual(['ri_session']);

    const accept = readForm(page.text, page.url, /\/api\/accept\/[^/]+$/);
    // Prefilled from the ID token, and carrying the session's anti-forgery token.
    expect(accept.fields.get('firstName')).toBe('Ada');
    expect(accept.fields.get('lastName')).toBe('Lovelace');
    expect(accept.fields.get('email')).toBe(`ada@${invited.domain}`);
    expect(accept.fields.get('csrf')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const accepted = await browser.request(accept.action, {
      form: fillSignInForm(accept, { acceptMca: 'true', phoneNumber: MCA_SIGNER.phoneNumber }),
    });
    expect(accepted.status).toBe(303);
    // Locally the public cloud's admin center is the Microsoft stand-in's (PORTAL_URL_PUBLIC).
    const portal = new URL(stack.microsoft.url);
    expect(accepted.location).toMatch(new RegExp(`^${portal.origin}/Adminportal/Home\\?`));
    expect(accepted.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${portal.origin}`,
    );

    await stack.waitForIdle(15_000);
    const customer = await invited.partner.api(`/api/customers/${invited.customerId}`);
    expect(customer.body).toMatchObject({
      tenantId: tenantIdForDomain(invited.domain),
      mca: { accepted: true },
      relationship: { status: 'active' },
    });
    const invitation = await invitationOf(invited);
    expect(invitation.status).toBe('active');
    expect(invitation.history.find((h: { to: string }) => h.to === 'accepted').actor).toBe(
      `customer:${tenantIdForDomain(invited.domain)}`,
    );
  });

  test('a user of the domain who is not a Global Administrator is told who must sign in, and cannot accept', async () => {
    const invited = await invite({ locale: 'de-DE' });
    const browser = new CookieBrowser('de-DE');
    const page = await signIn(browser, invited.acceptUrl, {
      username: `bob@${invited.domain}`,
      global_admin: null,
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `<strong>bob@${invited.domain}</strong> ist kein globaler Administrator`,
    );
    expect(page.text).toContain('Mit einem anderen Konto anmelden');
    expect(page.text).not.toContain('name="firstName"');

    // Even a hand-made form post with the session's anti-forgery token is refused.
    const signOut = readForm(page.text, page.url, /\/signout$/);
    const before = await invitationOf(invited);
    const forged = await browser.request(invited.acceptUrl, {
      form: new URLSearchParams({ csrf: signOut.fields.get('csrf')!, ...stringValues(MCA_SIGNER) }),
    });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('ist kein globaler Administrator');
    expect(await invitationOf(invited)).toEqual(before);
  });

  test('an admin whose sign-in name is in another domain is refused, and nothing changes', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();
    const page = await signIn(browser, invited.acceptUrl, {
      username: 'admin@fabrikam-elsewhere.example',
      global_admin: 'on',
    });
    expect(page.text).toContain(
      `<strong>admin@fabrikam-elsewhere.example</strong> is not an account of ${invited.domain}`,
    );
    const json = await stack.api(`/api/accept/${invited.acceptUrl.split('/').pop()}`, {
      method: 'POST',
      json: MCA_SIGNER,
      headers: { Accept: 'application/json' },
      token: (await stack.customerAdmin(invited.domain, { username: 'admin@fabrikam.example' }))
        .token,
    });
    expect(json.status).toBe(403);
    expect(json.body.code).toBe('SIGN_IN_DOMAIN_MISMATCH');
    expect((await invitationOf(invited)).status).toBe('draft');
  });

  test('a form without the session anti-forgery token is refused and the typed values stay', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();
    const page = await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    const accept = readForm(page.text, page.url, /\/api\/accept\/[^/]+$/);
    const withoutCsrf = fillSignInForm(accept, {
      csrf: null,
      acceptMca: 'true',
      firstName: 'Grace',
    });
    const refused = await browser.request(accept.action, { form: withoutCsrf });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('This form was out of date');
    expect(refused.text).toContain('value="Grace"');
    expect((await invitationOf(invited)).status).toBe('draft');
  });

  test('form errors come back next to their fields, in the page language', async () => {
    const invited = await invite({ locale: 'de-DE' });
    const browser = new CookieBrowser('de-DE');
    const page = await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    const accept = readForm(page.text, page.url, /\/api\/accept\/[^/]+$/);
    const invalid = await browser.request(accept.action, {
      form: fillSignInForm(accept, { email: 'not-an-email', acceptMca: 'true' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(
      /<input id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/,
    );
    expect(invalid.text).toContain('Geben Sie eine gültige E-Mail-Adresse ein');
    expect(invalid.text).toMatch(/<input id="acceptMca"[^>]* checked/);

    const unticked = await browser.request(accept.action, {
      form: fillSignInForm(accept, { acceptMca: null }),
    });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('Setzen Sie das Häkchen');
    expect((await invitationOf(invited)).status).toBe('draft');
  });

  test('signing out ends the session: the page asks to sign in again and a post is 401', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();
    const page = await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    const signOut = readForm(page.text, page.url, /\/signout$/);
    const [out, back] = await browser.follow(signOut.action, { form: signOut.fields });
    expect(out!.status).toBe(303);
    expect(back!.text).toContain('Sign in with Microsoft');
    expect(browser.cookieNames('127.0.0.1')).toEqual([]);
    const post = await browser.request(invited.acceptUrl, {
      form: new URLSearchParams(stringValues(MCA_SIGNER)),
    });
    expect(post.status).toBe(401);
  });

  test('a cancelled sign-in, a lost sign-in cookie and a domain without a tenant each get a page that says what to do', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();
    const start = await browser.request(`${invited.acceptUrl}/signin`);
    const picker = await browser.request(start.location!);
    const form = readForm(picker.text, picker.url);
    const cancelled = await browser.follow(form.action, {
      form: fillSignInForm(form, { action: 'cancel' }),
    });
    expect(cancelled.at(-1)!.status).toBe(401);
    expect(cancelled.at(-1)!.text).toContain('The sign-in did not complete');
    expect(cancelled.at(-1)!.text).toContain(
      `href="/api/accept/${invited.acceptUrl.split('/').pop()}"`,
    );

    const again = await browser.request(`${invited.acceptUrl}/signin`);
    const picker2 = await browser.request(again.location!);
    const form2 = readForm(picker2.text, picker2.url);
    browser.forget('127.0.0.1', 'ri_signin');
    const lost = await browser.follow(form2.action, {
      form: fillSignInForm(form2, { action: 'sign-in' }),
    });
    expect(lost.at(-1)!.status).toBe(400);
    expect(lost.at(-1)!.text).toContain('allow cookies for this site');

    const nowhere = await invite({
      customer: { ...customerBody().customer, domain: 'no-tenant.invalid' },
    });
    const noTenant = await browser.request(`${nowhere.acceptUrl}/signin`);
    expect(noTenant.status).toBe(422);
    expect(noTenant.text).toContain(
      'No Microsoft Entra organization uses the domain no-tenant.invalid',
    );
  });

  test('opening the link and the sign-in change nothing (mail scanners prefetch links)', async () => {
    const invited = await invite();
    const before = await invitationOf(invited);
    const browser = new CookieBrowser();
    await browser.request(invited.acceptUrl);
    await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    expect(await invitationOf(invited)).toEqual(before);
  });
});

describe('the customer tenant is bound at acceptance', () => {
  test("a second partner's invitation accepted by the same tenant joins the same customer, even under another of its domains", async () => {
    const first = await invite();
    const admin = await stack.customerAdmin(first.domain);
    expect((await admin.accept(first.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);

    // The same tenant has verified a second domain; another partner invites it under that one.
    const second = await invite({ includeDelegatedAdmin: false });
    expect(second.customerId).not.toBe(first.customerId);
    await stack.verifyDomain(second.domain, admin.tenantId);
    const sameTenant = await stack.customerAdmin(second.domain, { tenantId: admin.tenantId });
    const accepted = await sameTenant.accept(second.acceptUrl);
    expect(accepted.status).toBe(303);
    await stack.waitForIdle(15_000);

    const list = await second.partner.api('/api/customers');
    expect(
      list.body.items.map((c: { id: string; tenantId: string }) => [c.id, c.tenantId]),
    ).toEqual([[first.customerId, admin.tenantId]]);
    const partners = await admin.api('/api/customer/partners');
    expect(
      partners.body.items.map((p: { partnerTenantId: string }) => p.partnerTenantId).sort(),
    ).toEqual([first.partner.tenantId, second.partner.tenantId].sort());
  });

  test('a customer bound to its tenant cannot be accepted by a tenant that does not own its domain', async () => {
    const first = await invite();
    const owner = await stack.customerAdmin(first.domain);
    await owner.accept(first.acceptUrl, MCA_SIGNER);
    await stack.waitForIdle(15_000);
    const again = await first.partner.api('/api/invitations', {
      method: 'POST',
      json: { ...customerBody(), customer: { ...customerBody().customer, domain: first.domain } },
    });
    const impostor = await stack.customerAdmin(first.domain, {
      tenantId: '0b0b0b0b-0000-4000-8000-000000000001',
    });
    const refused = await impostor.accept(again.body.acceptUrl);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    expect((await first.partner.api(`/api/invitations/${again.body.id}`)).body.status).toBe(
      'draft',
    );
  });
});

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

describe('the customer declines', () => {
  test('in German in the browser: a reason is required, then the invitation is declined, the link answers 410 and the partner sees why', async () => {
    const invited = await invite({ locale: 'de-DE' });
    const browser = new CookieBrowser('de-DE');
    const page = await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    const decline = readForm(page.text, page.url, /\/decline$/);
    expect(decline.fields.get('csrf')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const withoutReason = await browser.request(decline.action, {
      form: fillSignInForm(decline, { comment: 'Nein danke' }),
    });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.text).toContain('Wählen Sie einen Grund für die Ablehnung.');
    expect(withoutReason.text).toContain('Nein danke</textarea>');
    expect((await invitationOf(invited)).status).toBe('draft');

    const declined = await browser.follow(decline.action, {
      form: fillSignInForm(decline, { reason: 'other-partner', comment: 'Wir bleiben bei X.' }),
    });
    expect(declined[0]!.status).toBe(303);
    expect(declined.at(-1)!.status).toBe(410);
    expect(declined.at(-1)!.text).toContain('Einladung abgelehnt');

    const seen = await invitationOf(invited);
    expect(seen).toMatchObject({
      status: 'declined',
      declinedAt: expect.any(String),
      decline: {
        reason: 'other-partner',
        comment: 'Wir bleiben bei X.',
        signedIn: {
          tenantId: tenantIdForDomain(invited.domain),
          username: `admin@${invited.domain}`,
        },
      },
    });
    const events = await invited.partner.api('/api/audit-events');
    expect(events.body.items.map((e: { action: string }) => e.action)).toContain(
      'invitation.declined',
    );
    // A GET never declines, a declined invitation cannot be accepted, and the partner may ask again.
    const admin = await stack.customerAdmin(invited.domain);
    expect((await admin.accept(invited.acceptUrl, MCA_SIGNER)).body.code).toBe('LINK_DECLINED');
    const again = await invited.partner.api('/api/invitations', {
      method: 'POST',
      json: { ...customerBody(), customer: { ...customerBody().customer, domain: invited.domain } },
    });
    expect(again.status).toBe(201);
    expect((await admin.accept(again.body.acceptUrl, MCA_SIGNER)).status).toBe(303);
  });

  test('by API: only an eligible admin may decline, an accepted invitation cannot be, and opening the link never declines', async () => {
    const invited = await invite();
    const path = `/api/accept/${invited.acceptUrl.split('/').pop()}/decline`;
    const anonymous = await stack.api(path, {
      method: 'POST',
      json: { reason: 'not-needed' },
      headers: { Accept: 'application/json' },
    });
    expect(anonymous.status).toBe(401);
    const user = await stack.customerAdmin(invited.domain, { globalAdmin: false });
    const refused = await user.api(path, {
      method: 'POST',
      json: { reason: 'not-needed' },
      headers: { Accept: 'application/json' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('GLOBAL_ADMIN_REQUIRED');
    const admin = await stack.customerAdmin(invited.domain);
    const unknownReason = await admin.api(path, {
      method: 'POST',
      json: { reason: 'busy' },
      headers: { Accept: 'application/json' },
    });
    expect(unknownReason.status).toBe(400);
    expect(unknownReason.body.errors[0].field).toBe('reason');
    await stack.api(invited.acceptUrl.replace(stack.functionsUrl, ''));
    expect((await invitationOf(invited)).status).toBe('draft');

    const ok = await admin.api(path, {
      method: 'POST',
      json: { reason: 'unknown-partner' },
      headers: { Accept: 'application/json' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'declined', reason: 'unknown-partner' });

    const accepted = await invite();
    const acceptor = await stack.customerAdmin(accepted.domain);
    await acceptor.accept(accepted.acceptUrl, MCA_SIGNER);
    const late = await acceptor.api(`/api/accept/${accepted.acceptUrl.split('/').pop()}/decline`, {
      method: 'POST',
      json: { reason: 'other' },
      headers: { Accept: 'application/json' },
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVITATION_ALREADY_ACCEPTED');
  });
});

describe('only the organization that owns the invited domain may answer for it', () => {
  /** A customer's invitation, and the state a refused answer must leave untouched. */
  async function snapshot(invited: Invited) {
    return {
      invitation: await invitationOf(invited),
      customers: (await invited.partner.api('/api/customers')).body.items,
    };
  }

  test("a session signed in through another customer's invitation, with a sign-in name in this domain, cannot accept here", async () => {
    const a = await invite();
    const d = await invite();
    const browser = new CookieBrowser();
    // Through a's invitation, the tenant is a's: the name typed is d's admin, as in the probe.
    const page = await signIn(browser, a.acceptUrl, {
      username: `admin@${d.domain}`,
      global_admin: 'on',
    });
    expect(page.text).toContain(
      `<strong>admin@${d.domain}</strong> is not an account of ${a.domain}`,
    );
    const csrf = readForm(page.text, page.url, /\/signout$/).fields.get('csrf')!;
    const before = await snapshot(d);

    // The session belongs to a's invitation: on d's page nobody is signed in.
    expect((await browser.request(d.acceptUrl)).text).toContain('Sign in with Microsoft');
    const form = await browser.request(d.acceptUrl, {
      form: new URLSearchParams({ csrf, ...stringValues(MCA_SIGNER) }),
    });
    const json = await browser.request(d.acceptUrl, {
      form: new URLSearchParams({ csrf, ...stringValues(MCA_SIGNER) }),
      headers: { Accept: 'application/json' },
    });
    expect(form.status).toBe(401);
    expect(json.status).toBe(401);
    expect(JSON.parse(json.text).code).toBe('UNAUTHENTICATED');
    expect(await snapshot(d)).toEqual(before);

    // d's own Global Administrator still accepts, and d is bound to d's tenant.
    const owner = await stack.customerAdmin(d.domain);
    expect((await owner.accept(d.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);
    expect((await d.partner.api(`/api/customers/${d.customerId}`)).body.tenantId).toBe(
      tenantIdForDomain(d.domain),
    );
  });

  test('a bearer token of a foreign tenant with a UPN in the domain is refused on accept, decline and claim, naming the organization expected', async () => {
    const d = await invite();
    const attackerTenant = tenantIdForDomain(`attacker-${d.domain}`);
    const foreign = await stack.customerAdmin(d.domain, {
      tenantId: attackerTenant,
      upn: `admin@${d.domain}`,
    });
    const logsBefore = stack.logs.length;
    const before = await snapshot(d);

    const accept = await foreign.accept(d.acceptUrl, MCA_SIGNER);
    expect(accept.status).toBe(403);
    expect(accept.body).toMatchObject({
      code: 'SIGN_IN_TENANT_MISMATCH',
      errors: [{ field: 'tid', code: 'SIGN_IN_TENANT_MISMATCH' }],
    });
    expect(accept.body.detail).toContain(tenantIdForDomain(d.domain));
    const decline = await foreign.api(`/api/accept/${tokenOf(d.acceptUrl)}/decline`, {
      method: 'POST',
      json: { reason: 'not-needed' },
      headers: { Accept: 'application/json' },
    });
    expect(decline.status).toBe(403);
    expect(decline.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    expect(await snapshot(d)).toEqual(before);

    // Logged with the tenant ids, without the sign-in name.
    const refusals = stack.logs
      .slice(logsBefore)
      .filter((line) => line.includes('refused, signed in to another organization'));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect(refusals.join('\n')).toContain(attackerTenant);
    expect(refusals.join('\n')).not.toContain(`admin@${d.domain}`);

    const owner = await stack.customerAdmin(d.domain);
    expect((await owner.accept(d.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);
    const claim = await foreign.api('/api/customer/claim', {
      method: 'POST',
      json: { acceptUrl: d.acceptUrl },
    });
    expect(claim.status).toBe(403);
    expect(claim.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    expect((await d.partner.api(`/api/customers/${d.customerId}`)).body.tenantId).toBe(
      owner.tenantId,
    );
  });

  test("a guest's home sign-in name in preferred_username is not an account of the domain", async () => {
    const d = await invite();
    const before = await snapshot(d);
    // A guest in another tenant, Global Administrator there, carrying its home name in d.
    const guestElsewhere = await stack.customerAdmin(d.domain, {
      tenantId: tenantIdForDomain(`guest-host-${d.domain}`),
    });
    expect(guestElsewhere.username).toBe(`admin@${d.domain}`);
    const refusedElsewhere = await guestElsewhere.accept(d.acceptUrl, MCA_SIGNER);
    expect(refusedElsewhere.status).toBe(403);
    expect(refusedElsewhere.body.code).toBe('SIGN_IN_TENANT_MISMATCH');
    // A guest of d's own tenant whose preferred_username claims d: its UPN is a guest's.
    const guestInOwner = await stack.customerAdmin(d.domain, {
      upn: `admin_elsewhere.example#EXT#@fabrikam.onmicrosoft.com`,
    });
    const refusedInOwner = await guestInOwner.accept(d.acceptUrl, MCA_SIGNER);
    expect(refusedInOwner.status).toBe(403);
    expect(refusedInOwner.body.code).toBe('SIGN_IN_DOMAIN_MISMATCH');
    expect(await snapshot(d)).toEqual(before);

    const owner = await stack.customerAdmin(d.domain);
    expect((await owner.accept(d.acceptUrl, MCA_SIGNER)).status).toBe(303);
  });
});

describe('sessions end when they say, on the invitation they were made for', () => {
  test('a session whose tenant no longer owns the domain is refused: the page says who must sign in', async () => {
    const d = await invite();
    const browser = new CookieBrowser();
    const start = await browser.request(`${d.acceptUrl}/signin`);
    const picker = await browser.request(start.location!);
    const form = readForm(picker.text, picker.url);
    // Signed in while d's tenant owned the domain; then another organization verifies it.
    const hops = await browser.follow(
      form.action,
      {
        form: fillSignInForm(form, {
          username: `admin@${d.domain}`,
          global_admin: 'on',
          action: 'sign-in',
        }),
      },
      /\/api\/accept\/[^/]+$/,
    );
    expect(hops.at(-1)!.location).toBe(d.acceptUrl);
    const newOwner = tenantIdForDomain(`new-owner-${d.domain}`);
    await stack.verifyDomain(d.domain, newOwner);
    const before = await invitationOf(d);

    const page = await browser.request(d.acceptUrl);
    expect(page.text).toContain('is signed in to another Microsoft Entra organization');
    expect(page.text).not.toContain('name="firstName"');
    const csrf = readForm(page.text, page.url, /\/signout$/).fields.get('csrf')!;
    const refused = await browser.request(d.acceptUrl, {
      form: new URLSearchParams({ csrf, ...stringValues(MCA_SIGNER) }),
      headers: { Accept: 'application/json' },
    });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({
      code: 'SIGN_IN_TENANT_MISMATCH',
      errors: [{ field: 'tid', message: expect.stringContaining(newOwner) }],
    });
    expect(await invitationOf(d)).toEqual(before);
  });

  test('a session cookie replayed after sign-out is refused, and the revocation is kept until the session would have ended', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();
    const page = await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    const copied = browser.cookie('127.0.0.1', 'ri_session')!;
    const csrf = readForm(page.text, page.url, /\/signout$/).fields.get('csrf')!;
    const signOut = readForm(page.text, page.url, /\/signout$/);
    const signedOutAt = new Date();
    expect((await browser.request(signOut.action, { form: signOut.fields })).status).toBe(303);
    expect(browser.cookieNames('127.0.0.1')).toEqual([]);

    browser.plant('127.0.0.1', 'ri_session', copied);
    expect((await browser.request(invited.acceptUrl)).text).toContain('Sign in with Microsoft');
    const replayed = await browser.request(invited.acceptUrl, {
      form: new URLSearchParams({ csrf, ...stringValues(MCA_SIGNER) }),
    });
    expect(replayed.status).toBe(401);
    expect((await invitationOf(invited)).status).toBe('draft');

    const { resources: revocations } = await stack.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'sessionRevocation' AND c.revokedAt >= @at",
        parameters: [{ name: '@at', value: new Date(signedOutAt.getTime() - 1000).toISOString() }],
      })
      .fetchAll();
    expect(revocations).toHaveLength(1);
    const minutesLeft = (Date.parse(revocations[0].expiresAt) - signedOutAt.getTime()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(15);
    expect(minutesLeft).toBeLessThanOrEqual(20);
  });

  test('a cross-site sign-out (no anti-forgery field) changes nothing: the session still accepts', async () => {
    const invited = await invite();
    const browser = new CookieBrowser();
    const page = await signIn(browser, invited.acceptUrl, {
      username: `admin@${invited.domain}`,
      global_admin: 'on',
    });
    const signOut = readForm(page.text, page.url, /\/signout$/);
    const forged = await browser.request(signOut.action, {
      form: new URLSearchParams(),
      headers: { Origin: 'https://attacker.example' },
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.getSetCookie()).toEqual([]);
    expect(forged.text).toContain('This form was out of date');
    const wrongToken = await browser.request(signOut.action, {
      form: new URLSearchParams({ csrf: 'x'.repeat(43) }),
    });
    expect(wrongToken.status).toBe(403);
    expect(browser.cookieNames('127.0.0.1')).toEqual(['ri_session']);

    const again = await browser.request(invited.acceptUrl);
    expect(again.text).toContain(`Signed in as <strong>admin@${invited.domain}</strong>`);
    const accept = readForm(again.text, again.url, /\/api\/accept\/[^/]+$/);
    const accepted = await browser.request(accept.action, {
      form: fillSignInForm(accept, { acceptMca: 'true' }),
    });
    expect(accepted.status).toBe(303);
  });

  test("an anti-forgery token of another invitation's session is refused, and a session counts only on its own invitation", async () => {
    const a = await invite();
    const b = await invite();
    const browser = new CookieBrowser();
    const pageA = await signIn(browser, a.acceptUrl, {
      username: `admin@${a.domain}`,
      global_admin: 'on',
    });
    const csrfA = readForm(pageA.text, pageA.url, /\/signout$/).fields.get('csrf')!;
    const pageB = await signIn(browser, b.acceptUrl, {
      username: `admin@${b.domain}`,
      global_admin: 'on',
    });
    const acceptB = readForm(pageB.text, pageB.url, /\/api\/accept\/[^/]+$/);
    expect(acceptB.fields.get('csrf')).not.toBe(csrfA);
    const beforeA = await invitationOf(a);
    const beforeB = await invitationOf(b);

    const withTokenOfA = await browser.request(acceptB.action, {
      form: fillSignInForm(acceptB, { csrf: csrfA, acceptMca: 'true' }),
    });
    expect(withTokenOfA.status).toBe(403);
    expect(withTokenOfA.text).toContain('This form was out of date');
    const declineWithTokenOfA = await browser.request(`${b.acceptUrl}/decline`, {
      form: new URLSearchParams({ csrf: csrfA, reason: 'not-needed' }),
    });
    expect(declineWithTokenOfA.status).toBe(403);
    // b's session on a's invitation: nobody is signed in there.
    const onA = await browser.request(a.acceptUrl, {
      form: new URLSearchParams({
        csrf: acceptB.fields.get('csrf')!,
        ...stringValues(MCA_SIGNER),
      }),
    });
    expect(onA.status).toBe(401);
    expect(await invitationOf(a)).toEqual(beforeA);
    expect(await invitationOf(b)).toEqual(beforeB);
  });
});
