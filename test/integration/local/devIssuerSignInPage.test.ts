import { tenantIdForDomain, type DevTokenIssuer } from '../../../local/servers/devTokenIssuer';
import { fillSignInForm, readSignInForm } from './signInForm';
import { authorizeUrl as clientAuthorizeUrl, startTestIssuer, type TestIssuer } from './testIssuer';

const REDIRECT_URI = 'http://localhost:5173/auth/callback';

describe('dev token issuer: the sign-in page', () => {
  let started: TestIssuer;
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    started = await startTestIssuer({ audience: 'api://default' });
    issuer = started.issuer;
  });
  afterAll(() => started.close());

  const authorizeUrl = (tenant: string, overrides: Record<string, string | null> = {}) =>
    clientAuthorizeUrl(issuer, tenant, {
      client_id: 'partner-console',
      redirect_uri: REDIRECT_URI,
      scope: 'openid profile api://reseller-invitations-local/access_as_user',
      state: 'state-1',
      nonce: 'nonce-1',
      ...overrides,
    });

  const openPage = async (tenant: string, overrides: Record<string, string | null> = {}) => {
    const url = authorizeUrl(tenant, overrides);
    const response = await fetch(url, { redirect: 'manual' });
    return { url, response, html: await response.text() };
  };

  /** The `<input …>` tag of one field, to check how it is offered. */
  const inputTag = (html: string, id: string) =>
    new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? '';

  it('is an accessible English page with a strict policy that lets the form return to the app', async () => {
    const { response, html } = await openPage('organizations');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Sign in — local test accounts</title>');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("form-action 'self' http://localhost:5173;");
    expect(policy).not.toMatch(/unsafe-inline|script-src/);
    const visibleInputs = [...html.matchAll(/<input\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)];
    expect(visibleInputs.length).toBeGreaterThanOrEqual(9);
    for (const [, id] of visibleInputs) {
      const labelled =
        html.includes(`<label for="${id}">`) ||
        new RegExp(`<label class="check"><input[^>]*id="${id}"`).test(html);
      expect({ id, labelled }).toEqual({ id, labelled: true });
    }
  });

  it('offers a partner agent when any organization may sign in', async () => {
    const { html } = await openPage('organizations');

    expect(inputTag(html, 'tenant_id')).toContain('value="11111111-2222-3333-4444-555555555555"');
    expect(inputTag(html, 'tenant_id')).not.toContain('readonly');
    expect(inputTag(html, 'username')).toContain('value="dev.user@partner.example"');
    expect(inputTag(html, 'global_admin')).not.toContain('checked');
    expect(inputTag(html, 'role-AdminAgent')).toContain('checked');
    expect(inputTag(html, 'role-SalesAgent')).toContain('checked');
    expect(inputTag(html, 'role-CustomerAdmin')).not.toContain('checked');
  });

  it('offers the domain tenant, fixed, and its Global Administrator at a domain authority', async () => {
    const { html } = await openPage('fabrikam-1a2b.onmicrosoft.com');

    expect(inputTag(html, 'tenant_id')).toContain(
      `value="${tenantIdForDomain('fabrikam-1a2b.onmicrosoft.com')}"`,
    );
    expect(inputTag(html, 'tenant_id')).toContain('readonly');
    expect(inputTag(html, 'username')).toContain('value="admin@fabrikam-1a2b.onmicrosoft.com"');
    expect(inputTag(html, 'global_admin')).toContain('checked');
    expect(inputTag(html, 'role-AdminAgent')).not.toContain('checked');
  });

  it('prefills the sign-in name from login_hint', async () => {
    const { html } = await openPage('contoso.com', { login_hint: 'ops@contoso.com' });

    expect(inputTag(html, 'username')).toContain('value="ops@contoso.com"');
  });

  it('escapes what the request carries, in text and in the hidden fields', async () => {
    const hostile = '"><script>alert(1)</script>';
    const { url, html } = await openPage('organizations', { state: hostile, client_id: 'x-1' });

    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(readSignInForm(html, url.href).fields.get('state')).toBe(hostile);
  });

  it('carries the request in hidden fields and posts back to the authorize endpoint', async () => {
    const { url, html } = await openPage('contoso.com', { prompt: 'select_account' });

    const form = readSignInForm(html, url.href);

    expect(form.action).toBe(`${issuer.url}/contoso.com/oauth2/v2.0/authorize`);
    for (const name of ['client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'prompt']) {
      expect(form.fields.get(name)).toBe(url.searchParams.get(name));
    }
  });

  it('shows the page again with the mistakes named when the account is not valid', async () => {
    const { url, html } = await openPage('organizations');
    const form = readSignInForm(html, url.href);

    const response = await fetch(form.action, {
      method: 'POST',
      body: fillSignInForm(form, {
        action: 'sign-in',
        tenant_id: 'partner',
        username: 'nobody',
        role: ['Owner'],
      }),
      redirect: 'manual',
    });
    const page = await response.text();

    expect(response.status).toBe(400);
    expect(page).toContain('role="alert"');
    expect(inputTag(page, 'username')).toContain('aria-invalid="true"');
    expect(inputTag(page, 'username')).toContain('value="nobody"');
    expect(inputTag(page, 'tenant_id')).toContain('aria-invalid="true"');
    expect(page).toContain('id="role-error"');
  });

  it.each([
    ['no client_id', { client_id: null }, 'client_id'],
    ['a client_id that is no id', { client_id: 'a b' }, 'client_id'],
    ['no redirect_uri', { redirect_uri: null }, 'redirect_uri'],
    ['a redirect_uri on another host', { redirect_uri: 'http://192.0.2.1/cb' }, 'AADSTS50011'],
    ['a redirect_uri that is not http', { redirect_uri: 'myapp://callback' }, 'AADSTS50011'],
    ['a redirect_uri with a fragment', { redirect_uri: `${REDIRECT_URI}#x` }, 'AADSTS50011'],
  ])('answers %s with a 400 page and no redirect', async (_case, overrides, message) => {
    const { response, html } = await openPage('organizations', overrides);

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(html).toContain(message);
  });

  it('answers an unknown tenant with a 400 page', async () => {
    const { response, html } = await openPage('contoso.invalid');

    expect(response.status).toBe(400);
    expect(html).toContain('AADSTS90002');
  });

  it.each([
    ['response_type token', { response_type: 'token' }, 'invalid_request'],
    ['response_mode fragment', { response_mode: 'fragment' }, 'invalid_request'],
    ['no scope', { scope: null }, 'invalid_request'],
    ['scopes of two APIs', { scope: 'openid api://a/x api://b/y' }, 'invalid_request'],
    ['a scope that is neither', { scope: 'openid User.Read' }, 'invalid_request'],
    ['a plain PKCE challenge', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['an unknown prompt', { prompt: 'always' }, 'invalid_request'],
    ['a silent sign-in', { prompt: 'none' }, 'login_required'],
  ])('redirects %s back with an error and the state', async (_case, overrides, error) => {
    const { response } = await openPage('organizations', overrides);

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('state-1');
    expect(location.searchParams.get('error_description')).not.toBe('');
  });
});
