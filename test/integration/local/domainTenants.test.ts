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
