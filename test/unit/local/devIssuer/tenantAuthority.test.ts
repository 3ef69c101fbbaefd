import { createHash } from 'node:crypto';
import { tenantIdForDomain } from '../../../../local/servers/devIssuer/stableIds';
import { parseTenantAuthority } from '../../../../local/servers/devIssuer/tenantAuthority';

describe('parseTenantAuthority', () => {
  it('reads a GUID as that tenant, in lower case', () => {
    expect(parseTenantAuthority('6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B')).toEqual({
      ok: true,
      authority: {
        kind: 'tenant',
        segment: '6F1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B',
        tenantId: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      },
    });
  });

  it.each(['contoso.com', 'Fabrikam-1a2b.onmicrosoft.com', 'a.b.c.example', 'xn--bcher-kva.de'])(
    'reads the domain %s as its own tenant',
    (domain) => {
      expect(parseTenantAuthority(domain)).toEqual({
        ok: true,
        authority: {
          kind: 'domain',
          segment: domain,
          tenantId: tenantIdForDomain(domain),
          domain: domain.toLowerCase(),
        },
      });
    },
  );

  it.each(['organizations', 'common', 'Organizations'])('reads %s as any tenant', (segment) => {
    expect(parseTenantAuthority(segment)).toEqual({
      ok: true,
      authority: { kind: 'multi', segment },
    });
  });

  it.each(['contoso.invalid', 'shop.Contoso.INVALID'])(
    'does not know %s (AADSTS90002)',
    (domain) => {
      expect(parseTenantAuthority(domain)).toEqual({
        ok: false,
        description: expect.stringMatching(
          new RegExp(`^AADSTS90002: Tenant '${domain}' not found`),
        ),
      });
    },
  );

  it.each([
    'contoso',
    'consumers',
    '10.0.0.1',
    '-contoso.com',
    'contoso-.com',
    'con_toso.com',
    'contoso..com',
    `${'a'.repeat(64)}.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4',
  ])('refuses %s as neither a GUID, a domain nor a multi-tenant name', (segment) => {
    expect(parseTenantAuthority(segment)).toMatchObject({
      ok: false,
      description: expect.stringMatching(/^AADSTS900023: /),
    });
  });
});

describe('tenantIdForDomain', () => {
  it('is a version-5-style GUID from the SHA-256 of the lower-cased domain', () => {
    const tenantId = tenantIdForDomain('Contoso.COM');

    expect(tenantId).toBe(tenantIdForDomain('contoso.com'));
    expect(tenantId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // The first bytes of SHA-256("contoso.com") outside the version and variant bits.
    expect(tenantId.slice(0, 8)).toBe(
      createHash('sha256').update('contoso.com').digest('hex').slice(0, 8),
    );
    expect(tenantIdForDomain('fabrikam.com')).not.toBe(tenantId);
  });
});
