import {
  decideAcceptanceEligibility,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  prefilledSigner,
  signInDomainOf,
  type CustomerIdentity,
} from '../../../shared/domain/acceptanceEligibility';

/** The tenant that owns contoso.com, as its OpenID configuration names it. */
const CONTOSO = '6f1c2d3e-0000-4000-8000-000000000001';

const admin: CustomerIdentity = {
  tenantId: '6f1c2d3e-0000-4000-8000-000000000001',
  objectId: 'a1b2c3d4-0000-4000-8000-000000000002',
  username: 'Ada@Contoso.com',
  upn: 'Ada@Contoso.com',
  name: 'Ada Lovelace',
  givenName: undefined,
  familyName: undefined,
  email: undefined,
  directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
};

describe('who may accept a reseller relationship request', () => {
  test.each([
    ['a Global Administrator of the domain', admin, 'contoso.com', { kind: 'eligible' }],
    [
      'a user of the domain without the role',
      { ...admin, directoryRoles: ['fe930be7-5e62-47db-91af-98c3a49a38b1'] },
      'contoso.com',
      { kind: 'refused', reason: 'NOT_GLOBAL_ADMIN' },
    ],
    [
      'a Global Administrator of another domain',
      { ...admin, upn: 'admin@fabrikam.com' },
      'contoso.com',
      { kind: 'refused', reason: 'DOMAIN_MISMATCH' },
    ],
    [
      'a subdomain is another domain',
      { ...admin, upn: 'admin@eu.contoso.com' },
      'contoso.com',
      { kind: 'refused', reason: 'DOMAIN_MISMATCH' },
    ],
    [
      'a look-alike suffix is another domain',
      { ...admin, upn: 'admin@evilcontoso.com' },
      'contoso.com',
      { kind: 'refused', reason: 'DOMAIN_MISMATCH' },
    ],
    [
      'no user principal name at all, whatever the preferred_username says',
      { ...admin, upn: undefined, username: 'admin@contoso.com' },
      'contoso.com',
      { kind: 'refused', reason: 'DOMAIN_MISMATCH' },
    ],
    [
      'a guest of the owning tenant: the home address in preferred_username does not count',
      {
        ...admin,
        username: 'ada@contoso.com',
        upn: 'ada_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      },
      'contoso.com',
      { kind: 'refused', reason: 'DOMAIN_MISMATCH' },
    ],
    [
      'a Global Administrator of another organization, whatever its names say',
      { ...admin, tenantId: 'a0a0a0a0-0000-4000-8000-00000000000a' },
      'contoso.com',
      { kind: 'refused', reason: 'TENANT_MISMATCH' },
    ],
    [
      'the organization is checked before the role',
      { ...admin, tenantId: 'a0a0a0a0-0000-4000-8000-00000000000a', directoryRoles: [] },
      'contoso.com',
      { kind: 'refused', reason: 'TENANT_MISMATCH' },
    ],
    [
      'domain and tenant id case do not matter',
      { ...admin, upn: 'ADMIN@CONTOSO.COM', tenantId: CONTOSO.toUpperCase() },
      'Contoso.com',
      { kind: 'eligible' },
    ],
  ])('%s', (_name, identity, domain, expected) => {
    expect(decideAcceptanceEligibility(identity as CustomerIdentity, domain, CONTOSO)).toEqual(
      expected,
    );
  });

  test('nobody may accept for a domain no organization owns', () => {
    expect(decideAcceptanceEligibility(admin, 'contoso.com', undefined)).toEqual({
      kind: 'refused',
      reason: 'TENANT_MISMATCH',
    });
  });

  test.each([
    ['ada@contoso.com', 'contoso.com'],
    ['a@b@contoso.com', 'contoso.com'],
    ['ada', undefined],
    ['@contoso.com', undefined],
    ['ada@', undefined],
    [undefined, undefined],
  ])('the domain of %s is %s', (username, domain) => {
    expect(signInDomainOf(username)).toBe(domain);
  });
});

describe('the MCA signer the form starts with', () => {
  test('takes given and family names and the email claim when the token has them', () => {
    expect(
      prefilledSigner({
        ...admin,
        givenName: 'Augusta Ada',
        familyName: 'King',
        email: 'ada.king@contoso.com',
      }),
    ).toEqual({ firstName: 'Augusta Ada', lastName: 'King', email: 'ada.king@contoso.com' });
  });

  test('splits the display name and uses the sign-in name as email otherwise', () => {
    expect(prefilledSigner({ ...admin, name: 'Grace Brewster Hopper' })).toEqual({
      firstName: 'Grace Brewster',
      lastName: 'Hopper',
      email: 'Ada@Contoso.com',
    });
  });

  test('a one-word name is the last name; no name leaves both empty', () => {
    expect(prefilledSigner({ ...admin, name: 'Cher' })).toMatchObject({
      firstName: '',
      lastName: 'Cher',
    });
    expect(prefilledSigner({ ...admin, name: undefined, username: undefined })).toEqual({
      firstName: '',
      lastName: '',
      email: '',
    });
  });
});
