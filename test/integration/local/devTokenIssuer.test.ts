import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { loadOrCreateDevSigningKey, type DevSigningKey } from '../../../local/devSigningKey';
import {
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  mintDevToken,
  startDevTokenIssuer,
  type DevTokenIssuer,
  type DevTokenOptions,
} from '../../../local/servers/devTokenIssuer';

const TENANT = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const AUDIENCE = 'api://reseller-invitations-test';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

describe('dev signing key', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dev-signing-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the key file with owner-only permissions and reuses it on later calls', async () => {
    const file = path.join(dir, 'nested', 'dev-signing-key.json');

    const first = await loadOrCreateDevSigningKey(file);
    const second = await loadOrCreateDevSigningKey(file);

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.kid).toBe(first.kid);
    expect(second.publicJwk.n).toBe(first.publicJwk.n);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ kty: 'RSA', kid: first.kid, alg: 'RS256', use: 'sig' });
    expect(typeof stored.d).toBe('string');
  });

  it('gives concurrent first callers one and the same key', async () => {
    const file = path.join(dir, 'dev-signing-key.json');

    const keys = await Promise.all([1, 2, 3].map(() => loadOrCreateDevSigningKey(file)));

    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(keys.filter((k) => k.created)).toHaveLength(1);
  });

  it('exposes a public JWK without private members', async () => {
    const key = await loadOrCreateDevSigningKey(path.join(dir, 'key.json'));

    expect(key.publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: key.kid });
    for (const member of PRIVATE_MEMBERS) {
      expect(key.publicJwk).not.toHaveProperty(member);
    }
  });
});

describe('dev token issuer', () => {
  let dir: string;
  let key: DevSigningKey;
  let otherKey: DevSigningKey;
  let issuer: DevTokenIssuer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dev-token-issuer-'));
    key = await loadOrCreateDevSigningKey(path.join(dir, 'key.json'));
    otherKey = await loadOrCreateDevSigningKey(path.join(dir, 'other-key.json'));
    issuer = await startDevTokenIssuer({ key, audience: AUDIENCE });
  });
  afterAll(async () => {
    await issuer.close();
    await rm(dir, { recursive: true, force: true });
  });

  const verify = (token: string, tenantId = TENANT) =>
    jwtVerify(token, createRemoteJWKSet(new URL(issuer.jwksUri)), {
      issuer: issuer.issuerFor(tenantId),
      audience: AUDIENCE,
      algorithms: ['RS256'],
    });

  it('serves an Entra-shaped OpenID configuration per tenant', async () => {
    const response = await fetch(issuer.discoveryUrlFor(TENANT.toUpperCase()));
    const config = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(config).toMatchObject({
      issuer: `${issuer.url}/${TENANT}/v2.0`,
      authorization_endpoint: `${issuer.url}/${TENANT.toUpperCase()}/oauth2/v2.0/authorize`,
      token_endpoint: `${issuer.url}/${TENANT.toUpperCase()}/oauth2/v2.0/token`,
      jwks_uri: `${issuer.url}/${TENANT.toUpperCase()}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['pairwise'],
    });
    expect(config.claims_supported).toEqual(
      expect.arrayContaining(['tid', 'oid', 'nonce', 'preferred_username', 'email', 'wids']),
    );
  });

  it('serves the same keys under the tenant as without one', async () => {
    const keysOf = async (url: string) =>
      ((await (await fetch(url)).json()) as { keys: unknown[] }).keys;

    expect(await keysOf(`${issuer.url}/contoso.com/discovery/v2.0/keys`)).toEqual(
      await keysOf(issuer.jwksUri),
    );
  });

  it.each([
    ['a single label', 'contoso'],
    ['an IP address', '10.0.0.1'],
    ['consumers (personal accounts)', 'consumers'],
    ['a label with an underscore', 'con_toso.com'],
    ['a malformed escape', '%E0%A4%A'],
  ])('refuses an OpenID configuration request for %s', async (_case, tenant) => {
    const response = await fetch(`${issuer.url}/${tenant}/v2.0/.well-known/openid-configuration`);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_tenant',
      error_description: expect.stringMatching(/^AADSTS900023: /),
    });
  });

  it('serves only the public key in the JWKS', async () => {
    const jwks = (await (await fetch(issuer.jwksUri)).json()) as {
      keys: Record<string, unknown>[];
    };

    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: key.kid, kty: 'RSA', alg: 'RS256', use: 'sig' });
    for (const member of PRIVATE_MEMBERS) {
      expect(jwks.keys[0]).not.toHaveProperty(member);
    }
  });

  it('mints a token that verifies against the JWKS with issuer and audience checked', async () => {
    const token = await mintDevToken(key, {
      issuerBaseUrl: issuer.url,
      tenantId: TENANT,
      audience: AUDIENCE,
      roles: ['AdminAgent'],
      name: 'Jane Partner',
      preferredUsername: 'jane@fabrikam.example',
    });

    const { payload } = await verify(token);

    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(payload).toMatchObject({
      tid: TENANT,
      roles: ['AdminAgent'],
      name: 'Jane Partner',
      preferred_username: 'jane@fabrikam.example',
    });
    expect(payload.oid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
  });

  const mintWith = (options: Partial<DevTokenOptions>) =>
    mintDevToken(key, {
      issuerBaseUrl: issuer.url,
      tenantId: TENANT,
      audience: AUDIENCE,
      roles: [],
      ...options,
    });

  it('carries directory roles, scopes, the name parts, email and nonce when given', async () => {
    const token = await mintWith({
      roles: ['CustomerAdmin'],
      directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
      scopes: ['access_as_user', 'read'],
      givenName: 'Jane',
      familyName: 'Partner',
      email: 'jane@fabrikam.example',
      nonce: 'n-0S6_WzA2Mj',
    });

    const { payload } = await verify(token);

    expect(payload).toMatchObject({
      wids: [GLOBAL_ADMINISTRATOR_ROLE_ID],
      scp: 'access_as_user read',
      given_name: 'Jane',
      family_name: 'Partner',
      email: 'jane@fabrikam.example',
      nonce: 'n-0S6_WzA2Mj',
    });
  });

  it('leaves out the optional claims that were not asked for', async () => {
    const token = await mintWith({ scopes: [] });

    const { payload } = await verify(token);

    for (const claim of ['wids', 'scp', 'given_name', 'family_name', 'email', 'nonce']) {
      expect(payload).not.toHaveProperty(claim);
    }
  });

  it('gives the same user the same oid and sub in every token', async () => {
    const options = {
      issuerBaseUrl: issuer.url,
      tenantId: TENANT,
      audience: AUDIENCE,
      roles: [],
      preferredUsername: 'jane@fabrikam.example',
    };
    const first = (await verify(await mintDevToken(key, options))).payload;
    const second = (await verify(await mintDevToken(key, options))).payload;
    const someoneElse = (
      await verify(
        await mintDevToken(key, { ...options, preferredUsername: 'joe@fabrikam.example' }),
      )
    ).payload;

    expect(second.oid).toBe(first.oid);
    expect(second.sub).toBe(first.sub);
    expect(someoneElse.oid).not.toBe(first.oid);
  });

  it('rejects a token for another audience or from another tenant issuer', async () => {
    const base = { issuerBaseUrl: issuer.url, tenantId: TENANT, roles: ['AdminAgent'] };
    const wrongAudience = await mintDevToken(key, { ...base, audience: 'api://someone-else' });
    const otherTenant = await mintDevToken(key, {
      ...base,
      audience: AUDIENCE,
      tenantId: '11111111-2222-4333-8444-555555555555',
    });

    await expect(verify(wrongAudience)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
    await expect(verify(otherTenant)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
  });

  it('rejects a token signed by a different key, with or without a matching kid', async () => {
    const options = {
      issuerBaseUrl: issuer.url,
      tenantId: TENANT,
      audience: AUDIENCE,
      roles: ['AdminAgent'],
    };
    const unknownKid = await mintDevToken(otherKey, options);
    const forgedKid = await mintDevToken({ ...otherKey, kid: key.kid }, options);

    await expect(verify(unknownKid)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    await expect(verify(forgedKid)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('refuses to mint for a tenant id that is not a GUID', async () => {
    await expect(
      mintDevToken(key, {
        issuerBaseUrl: issuer.url,
        tenantId: 'contoso',
        audience: AUDIENCE,
        roles: [],
      }),
    ).rejects.toThrow(/GUID/);
  });

  describe('POST /token', () => {
    const postToken = (body: unknown) =>
      fetch(`${issuer.url}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('issues a verifiable bearer token with the server audience by default', async () => {
      const response = await postToken({ tenantId: TENANT, roles: ['SalesAgent'], name: 'Sam' });
      const body = (await response.json()) as Record<string, unknown>;

      expect(response.status).toBe(200);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const { payload } = await verify(body.access_token as string);
      expect(payload).toMatchObject({ roles: ['SalesAgent'], name: 'Sam', aud: AUDIENCE });
    });

    it('carries the requested directory roles', async () => {
      const response = await postToken({
        tenantId: TENANT,
        roles: [],
        directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
      });
      const { access_token } = (await response.json()) as { access_token: string };

      expect((await verify(access_token)).payload.wids).toEqual([GLOBAL_ADMINISTRATOR_ROLE_ID]);
    });

    it('uses the requested audience when given', async () => {
      const response = await postToken({ tenantId: TENANT, roles: [], audience: 'api://other' });
      const { access_token } = (await response.json()) as { access_token: string };

      await expect(
        jwtVerify(access_token, createRemoteJWKSet(new URL(issuer.jwksUri)), {
          audience: 'api://other',
        }),
      ).resolves.toBeDefined();
    });

    it.each([
      ['a tenant that is not a GUID', { tenantId: 'contoso', roles: [] }, 'tenantId'],
      ['a missing tenant', { roles: ['AdminAgent'] }, 'tenantId'],
      ['roles that are not an array', { tenantId: TENANT, roles: 'AdminAgent' }, 'roles'],
      ['roles that are not strings', { tenantId: TENANT, roles: [1] }, 'roles.0'],
      [
        'directory roles that are not ids',
        { tenantId: TENANT, roles: [], directoryRoles: ['Global Administrator'] },
        'directoryRoles.0',
      ],
      ['an unknown field', { tenantId: TENANT, roles: [], tid: TENANT }, ''],
    ])('answers 400 for %s', async (_case, body, field) => {
      const response = await postToken(body);
      const problem = (await response.json()) as { error: string; errors: { field: string }[] };

      expect(response.status).toBe(400);
      expect(problem.error).toBe('invalid_request');
      expect(problem.errors.map((e) => e.field)).toContain(field);
    });

    it('answers 400 for a body that is not JSON', async () => {
      expect((await postToken('{not json')).status).toBe(400);
    });
  });
});
