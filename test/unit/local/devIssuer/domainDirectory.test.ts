import {
  DevDomainDirectory,
  userPrincipalName,
} from '../../../../local/servers/devIssuer/domainDirectory';
import { tenantIdForDomain } from '../../../../local/servers/devIssuer/stableIds';

const CONTOSO = tenantIdForDomain('contoso.com');

describe('the UPN the local issuer writes, as Entra would', () => {
  test.each([
    ['a member whose domain its tenant owns', 'ada@contoso.com', CONTOSO, 'ada@contoso.com'],
    [
      'a sign-in name in a domain of another tenant becomes a guest',
      'ada@fabrikam.com',
      CONTOSO,
      `ada_fabrikam.com#EXT#@tenant-${CONTOSO.slice(0, 8)}.onmicrosoft.com`,
    ],
    [
      'a name without a domain is a guest too',
      'ada',
      CONTOSO,
      `ada#EXT#@tenant-${CONTOSO.slice(0, 8)}.onmicrosoft.com`,
    ],
    [
      'the tenant id is compared in lower case',
      'ada@contoso.com',
      CONTOSO.toUpperCase(),
      'ada@contoso.com',
    ],
  ])('%s', (_name, username, tenantId, upn) => {
    expect(userPrincipalName(username, tenantId)).toBe(upn);
  });
});

describe('DevDomainDirectory', () => {
  test('a domain belongs to the tenant derived from its name until a tenant verifies it', () => {
    const directory = new DevDomainDirectory();
    expect(directory.tenantOf('Fabrikam.com')).toBe(tenantIdForDomain('fabrikam.com'));
    directory.verify('FABRIKAM.com', CONTOSO.toUpperCase());
    expect(directory.tenantOf('fabrikam.com')).toBe(CONTOSO);
    expect(directory.upnOf('ada@fabrikam.com', CONTOSO)).toBe('ada@fabrikam.com');
    // The tenant that held it by name no longer does.
    expect(directory.upnOf('ada@fabrikam.com', tenantIdForDomain('fabrikam.com'))).toContain(
      '#EXT#',
    );
  });
});
