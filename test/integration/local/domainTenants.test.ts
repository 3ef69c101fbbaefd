import { DomainTenantLookupError, EntraDomainTenants } from '../../../shared/auth/domainTenants';
import { tenantIdForDomain } from '../../../local/servers/devTokenIssuer';
import { startTestIssuer, type TestIssuer } from './testIssuer';

/**
 * The app's look-up of the tenant that owns a domain, against the local issuer's per-domain
 * OpenID configuration (Entra's shape): the issuer names the tenant.
 */
let local: TestIssuer;

beforeAll(async () => {
  local = await startTestIssuer({ audience: 'api://test' });
});

afterAll(async () => {
  await local?.close();
});

describe('EntraDomainTenants', () => {
  test('reads the owning tenant from the issuer of the domain’s OpenID configuration', async () => {
    const tenants = new EntraDomainTenants({ authority: local.issuer.url });
    await expect(tenants.ownerOf('Contoso-Owner.example')).resolves.toBe(
      tenantIdForDomain('contoso-owner.example'),
    );
  });

  test('a domain a tenant verified names that tenant; the answer is cached for a while', async () => {
    const tenants = new EntraDomainTenants({ authority: local.issuer.url, cacheSeconds: 300 });
    const tenantId = '0c0c0c0c-0000-4000-8000-00000000000c';
    local.issuer.directory.verify('second-domain.example', tenantId);
    await expect(tenants.ownerOf('second-domain.example')).resolves.toBe(tenantId);
    // Moved to another tenant: the cached answer stands until it expires (Entra's own caches
    // behave alike); a resolver without a cache sees the move at once.
    local.issuer.directory.verify('second-domain.example', tenantIdForDomain('x.example'));
    await expect(tenants.ownerOf('second-domain.example')).resolves.toBe(tenantId);
    const uncached = new EntraDomainTenants({ authority: local.issuer.url, cacheSeconds: 0 });
    await expect(uncached.ownerOf('second-domain.example')).resolves.toBe(
      tenantIdForDomain('x.example'),
    );
  });

  test('no tenant owns an unknown domain (AADSTS90002)', async () => {
    const tenants = new EntraDomainTenants({ authority: local.issuer.url });
    await expect(tenants.ownerOf('nobody.invalid')).resolves.toBeUndefined();
  });

  test('an unreachable authority is an outage, not an answer, and is not cached', async () => {
    const tenants = new EntraDomainTenants({ authority: 'http://127.0.0.1:9' });
    await expect(tenants.ownerOf('contoso.example')).rejects.toBeInstanceOf(
      DomainTenantLookupError,
    );
    await expect(tenants.ownerOf('contoso.example')).rejects.toMatchObject({ statusCode: 503 });
  });

  test('refuses a plain-http authority that is not loopback', () => {
    expect(() => new EntraDomainTenants({ authority: 'http://login.example.com' })).toThrow(
      /must be https/,
    );
  });
});

describe("the local issuer's POST /__control/domains", () => {
  test('gives a tenant a domain: discovery and the UPN of its sign-in names follow', async () => {
    const tenantId = '0d0d0d0d-0000-4000-8000-00000000000d';
    const response = await fetch(`${local.issuer.url}/__control/domains`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ domain: 'Third-Domain.example', tenantId }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ domain: 'third-domain.example', tenantId });
    const discovery = await fetch(
      `${local.issuer.url}/third-domain.example/v2.0/.well-known/openid-configuration`,
    );
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(
      `${local.issuer.url}/${tenantId}/v2.0`,
    );
    expect(local.issuer.directory.upnOf('ada@third-domain.example', tenantId)).toBe(
      'ada@third-domain.example',
    );
  });

  test.each([
    ['no JSON', 'nope'],
    ['a tenant that is not a GUID', JSON.stringify({ domain: 'a.example', tenantId: 'x' })],
    [
      'no DNS name',
      JSON.stringify({ domain: 'a b', tenantId: '0d0d0d0d-0000-4000-8000-00000000000d' }),
    ],
    [
      'an unknown field',
      JSON.stringify({
        domain: 'a.example',
        tenantId: '0d0d0d0d-0000-4000-8000-00000000000d',
        x: 1,
      }),
    ],
  ])('refuses %s with 400 and changes nothing', async (_name, body) => {
    const response = await fetch(`${local.issuer.url}/__control/domains`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(local.issuer.directory.tenantOf('a.example')).toBe(tenantIdForDomain('a.example'));
  });
});
