import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { DevSigningKey } from '../../../local/devSigningKey';
import {
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  tenantIdForDomain,
  type DevTokenIssuer,
} from '../../../local/servers/devTokenIssuer';
import { TokenValidator } from '../../../shared/auth/tokenValidator';
import { fillSignInForm, readSignInForm } from './signInForm';
import { startTestIssuer, type TestIssuer } from './testIssuer';

const API = 'api://reseller-invitations-local';
const API_SCOPE = `${API}/access_as_user`;
const DEFAULT_AUDIENCE = 'api://issuer-default-audience';
const APP_CLIENT = 'acceptance-app';
const APP_SECRET = 'local-app-secret';
const PUBLIC_CLIENT = 'partner-console';
const REDIRECT_URI = 'http://127.0.0.1:7071/api/auth/callback';
const PARTNER_TENANT = '11111111-2222-3333-4444-555555555555';

describe('dev token issuer: authorization code flow with PKCE', () => {
  let started: TestIssuer;
  let key: DevSigningKey;
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    started = await startTestIssuer({
      audience: DEFAULT_AUDIENCE,
      clients: { [APP_CLIENT]: { secret: APP_SECRET }, [PUBLIC_CLIENT]: {} },
    });
    ({ issuer, key } = started);
  });
  afterAll(() => started.close());

  const discover = (
    tenant: string,
    clientId = APP_CLIENT,
    authentication: client.ClientAuth = client.ClientSecretPost(APP_SECRET),
  ) =>
    client.discovery(new URL(issuer.discoveryUrlFor(tenant)), clientId, undefined, authentication, {
      execute: [client.allowInsecureRequests],
    });

  /** What the app does before sending the browser to the issuer. */
  const startSignIn = async (
    config: client.Configuration,
    parameters: Record<string, string> = {},
  ) => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: `openid profile email ${API_SCOPE}`,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...parameters,
    });
    return { url, verifier, state, nonce };
  };

  /** What the browser does: open the page, submit its form, and arrive at the callback. */
  const signInThroughPage = async (
    authorizationUrl: URL,
    changes: Record<string, string | readonly string[] | null> = {},
  ) => {
    const page = await fetch(authorizationUrl);
    expect(page.status).toBe(200);
    const form = readSignInForm(await page.text(), authorizationUrl.href);
    const answer = await fetch(form.action, {
      method: 'POST',
      body: fillSignInForm(form, { action: 'sign-in', ...changes }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!);
  };

  const signIn = async (config: client.Configuration, changes = {}) => {
    const started = await startSignIn(config);
    const callback = await signInThroughPage(started.url, changes);
    return { ...started, callback };
  };

  const redeem = (
    config: client.Configuration,
    flow: { callback: URL; verifier: string; state: string; nonce: string },
  ) =>
    client.authorizationCodeGrant(config, flow.callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });

  describe('a customer admin signing in at the customer domain, confidential client', () => {
    it('gives an ID token for the domain tenant with the Global Administrator role', async () => {
      const config = await discover('contoso.com');
      const flow = await signIn(config);

      const tokens = await redeem(config, flow);

      const tid = tenantIdForDomain('contoso.com');
      expect(tokens.claims()).toMatchObject({
        iss: `${issuer.url}/${tid}/v2.0`,
        aud: APP_CLIENT,
        nonce: flow.nonce,
        tid,
        preferred_username: 'admin@contoso.com',
        email: 'admin@contoso.com',
        name: 'Customer Admin',
        given_name: 'Customer',
        family_name: 'Admin',
        wids: [GLOBAL_ADMINISTRATOR_ROLE_ID],
        ver: '2.0',
      });
      expect(tokens.token_type).toBe('bearer');
      expect(tokens.scope).toBe(`openid profile email ${API_SCOPE}`);
    });

    it('gives an access token for the requested API that verifies against the JWKS', async () => {
      const config = await discover('contoso.com');
      const tokens = await redeem(config, await signIn(config));
      const tid = tenantIdForDomain('contoso.com');

      const { payload, protectedHeader } = await jwtVerify(
        tokens.access_token,
        createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)),
        { issuer: `${issuer.url}/${tid}/v2.0`, audience: API, algorithms: ['RS256'] },
      );

      expect(protectedHeader.kid).toBe(key.kid);
      expect(payload).toMatchObject({
        tid,
        scp: 'access_as_user',
        wids: [GLOBAL_ADMINISTRATOR_ROLE_ID],
        preferred_username: 'admin@contoso.com',
        roles: [],
      });
      expect(payload.oid).toBe(tokens.claims()!.oid);
    });

    it('uses the account chosen on the page', async () => {
      const config = await discover('fabrikam-1a2b.onmicrosoft.com');
      const flow = await signIn(config, {
        username: 'Reader@Fabrikam-1a2b.onmicrosoft.com',
        display_name: 'Rita Reader',
        given_name: '',
        global_admin: null,
        role: ['CustomerAdmin'],
        // The tenant of a domain authority is the domain's, whatever the form says.
        tenant_id: PARTNER_TENANT,
      });

      const tokens = await redeem(config, flow);

      const claims = tokens.claims()!;
      expect(claims).toMatchObject({
        tid: tenantIdForDomain('fabrikam-1a2b.onmicrosoft.com'),
        preferred_username: 'Reader@Fabrikam-1a2b.onmicrosoft.com',
        name: 'Rita Reader',
        roles: ['CustomerAdmin'],
      });
      expect(claims).not.toHaveProperty('wids');
      expect(claims).not.toHaveProperty('given_name');
    });

    it('authenticates with client_secret_basic too', async () => {
      const config = await discover(
        'contoso.com',
        APP_CLIENT,
        client.ClientSecretBasic(APP_SECRET),
      );

      const tokens = await redeem(config, await signIn(config));

      expect(tokens.claims()?.aud).toBe(APP_CLIENT);
    });
  });

  describe('a partner user signing in through organizations, public client', () => {
    it('signs in to the tenant typed on the page, and the app accepts the access token', async () => {
      const config = await discover('organizations', PUBLIC_CLIENT, client.None());
      const started = await startSignIn(config);
      const callback = await signInThroughPage(started.url);
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
        client_id: PUBLIC_CLIENT,
        code_verifier: started.verifier,
      });

      // openid-client fills Entra's {tenantid} template only for login.microsoftonline.com, so
      // the multi-tenant redemption is checked as a browser app makes it: a plain CORS POST.
      const response = await fetch(config.serverMetadata().token_endpoint!, {
        method: 'POST',
        headers: { Origin: 'http://127.0.0.1:5173' },
        body: form,
      });
      const body = (await response.json()) as Record<string, string>;

      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(decodeJwt(body.id_token!)).toMatchObject({
        iss: `${issuer.url}/${PARTNER_TENANT}/v2.0`,
        tid: PARTNER_TENANT,
        aud: PUBLIC_CLIENT,
        nonce: started.nonce,
        preferred_username: 'dev.user@partner.example',
        roles: ['AdminAgent', 'SalesAgent'],
      });
      const validator = new TokenValidator({
        issuer: `${issuer.url}/{tid}/v2.0`,
        audience: API,
        jwksUri: issuer.jwksUri,
      });
      await expect(validator.authenticate(`Bearer ${body.access_token}`)).resolves.toMatchObject({
        tenantId: PARTNER_TENANT,
        roles: ['AdminAgent', 'SalesAgent'],
        directoryRoles: [],
      });
    });

    it('answers the CORS preflight of the token endpoint', async () => {
      const config = await discover('organizations', PUBLIC_CLIENT, client.None());

      const response = await fetch(config.serverMetadata().token_endpoint!, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:5173',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    });

    it('gives an access token for the default audience when only openid was asked for', async () => {
      const config = await discover(PARTNER_TENANT, PUBLIC_CLIENT, client.None());
      const started = await startSignIn(config, { scope: 'openid' });
      const callback = await signInThroughPage(started.url, { role: ['SalesAgent'] });

      const tokens = await redeem(config, { ...started, callback });

      const access = decodeJwt(tokens.access_token);
      expect(access).toMatchObject({ aud: DEFAULT_AUDIENCE, roles: ['SalesAgent'] });
      expect(access).not.toHaveProperty('scp');
    });
  });

  describe('refuses', () => {
    it('a code_verifier that does not match the challenge', async () => {
      const config = await discover('contoso.com');
      const flow = await signIn(config);

      await expect(
        redeem(config, { ...flow, verifier: client.randomPKCECodeVerifier() }),
      ).rejects.toMatchObject({ error: 'invalid_grant', status: 400 });
    });

    it('a code used a second time', async () => {
      const config = await discover('contoso.com');
      const flow = await signIn(config);
      await redeem(config, flow);

      await expect(redeem(config, flow)).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringContaining('already redeemed'),
      });
    });

    it('a wrong client secret, with 401 invalid_client, and keeps the code for the right one', async () => {
      const config = await discover('contoso.com');
      const flow = await signIn(config);
      const impostor = await discover('contoso.com', APP_CLIENT, client.ClientSecretPost('guess'));

      await expect(redeem(impostor, flow)).rejects.toMatchObject({
        error: 'invalid_client',
        status: 401,
      });
      await expect(redeem(config, flow)).resolves.toBeDefined();
    });

    it('a confidential client that sends no secret', async () => {
      const config = await discover('contoso.com', APP_CLIENT, client.None());

      await expect(redeem(config, await signIn(config))).rejects.toMatchObject({
        error: 'invalid_client',
        status: 401,
      });
    });

    it('a secret from a client registered as public', async () => {
      const config = await discover('contoso.com', PUBLIC_CLIENT, client.ClientSecretPost('x'));

      await expect(redeem(config, await signIn(config))).rejects.toMatchObject({
        error: 'invalid_client',
      });
    });

    it('a code redeemed by another client or for another redirect URI', async () => {
      const config = await discover('contoso.com');
      const other = await discover('contoso.com', 'someone-else', client.None());
      const flow = await signIn(config);
      const second = await signIn(config);
      const elsewhere = new URL(second.callback);
      elsewhere.pathname = '/other/callback';

      await expect(redeem(other, flow)).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringContaining('another client'),
      });
      await expect(redeem(config, { ...second, callback: elsewhere })).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringContaining('redirect_uri'),
      });
    });

    it('a redirect URI off loopback with a 400 page and no redirect', async () => {
      const config = await discover('contoso.com');
      const { url } = await startSignIn(config, { redirect_uri: 'https://attacker.example/cb' });

      const response = await fetch(url, { redirect: 'manual' });

      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('AADSTS50011');
    });

    it('a form whose hidden redirect URI was changed after the page was shown', async () => {
      const config = await discover('contoso.com');
      const { url } = await startSignIn(config);
      const form = readSignInForm(await (await fetch(url)).text(), url.href);

      const response = await fetch(form.action, {
        method: 'POST',
        body: fillSignInForm(form, { redirect_uri: 'https://attacker.example/cb' }),
        redirect: 'manual',
      });

      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    });

    it('a request without PKCE, by redirecting invalid_request with the state', async () => {
      const config = await discover('contoso.com');
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        state: 'state-123',
      });

      const response = await fetch(url, { redirect: 'manual' });

      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(location.origin + location.pathname).toBe(REDIRECT_URI);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        error: 'invalid_request',
        state: 'state-123',
        error_description: expect.stringContaining('PKCE'),
      });
      expect(location.searchParams.has('code')).toBe(false);
    });

    it('a sign-in the user cancelled, with access_denied', async () => {
      const config = await discover('contoso.com');
      const started = await startSignIn(config);

      const callback = await signInThroughPage(started.url, { action: 'cancel' });

      expect(callback.searchParams.get('error')).toBe('access_denied');
      expect(callback.searchParams.get('state')).toBe(started.state);
      expect(callback.searchParams.has('code')).toBe(false);
    });
  });

  describe('discovery', () => {
    it('answers 400 invalid_tenant for a domain no tenant has', async () => {
      const url = issuer.discoveryUrlFor('contoso.invalid');

      const response = await fetch(url);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: 'invalid_tenant',
        error_description: expect.stringMatching(
          /^AADSTS90002: Tenant 'contoso.invalid' not found/,
        ),
      });
      await expect(discover('contoso.invalid')).rejects.toBeDefined();
    });

    it.each(['organizations', 'common'])(
      'gives %s the {tenantid} issuer template and endpoints under it',
      async (tenant) => {
        const metadata = (await discover(tenant)).serverMetadata();

        expect(metadata).toMatchObject({
          issuer: `${issuer.url}/{tenantid}/v2.0`,
          authorization_endpoint: `${issuer.url}/${tenant}/oauth2/v2.0/authorize`,
          token_endpoint: `${issuer.url}/${tenant}/oauth2/v2.0/token`,
          jwks_uri: `${issuer.url}/${tenant}/discovery/v2.0/keys`,
          code_challenge_methods_supported: ['S256'],
        });
      },
    );

    it('names the tenant of a domain in the issuer, upper or lower case', async () => {
      const response = await fetch(issuer.discoveryUrlFor('Contoso.COM'));

      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.json()).toMatchObject({
        issuer: `${issuer.url}/${tenantIdForDomain('contoso.com')}/v2.0`,
      });
    });
  });
});
