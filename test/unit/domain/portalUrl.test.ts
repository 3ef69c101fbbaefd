import { PARTNER_CLOUDS } from '../../../shared/domain/cloud';
import {
  DEFAULT_PORTAL_URL_PATTERNS,
  buildPortalUrl,
  validatePortalUrlPattern,
} from '../../../shared/domain/portalUrl';

const TENANT = '7c6f4a8e-1b2d-4e3f-9a0b-5c6d7e8f9a0b';

describe('buildPortalUrl with the default patterns', () => {
  test.each([
    [
      'public',
      true,
      `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${TENANT}&msppId=0&DAP=true#/BillingAccounts/partner-invitation`,
    ],
    [
      'public',
      false,
      `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${TENANT}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`,
    ],
    [
      'germany',
      true,
      `https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id=${TENANT}&csp=1&msppid=0`,
    ],
    [
      'germany',
      false,
      `https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id=${TENANT}&csp=1&msppid=0`,
    ],
    [
      'usgov',
      true,
      `https://portal.office365.us/partner/partnersignup.aspx?type=ResellerRelationship&id=${TENANT}&csp=1&msppid=0`,
    ],
    [
      'usgov',
      false,
      `https://portal.office365.us/partner/partnersignup.aspx?type=ResellerRelationship&id=${TENANT}&csp=1&msppid=0`,
    ],
  ] as const)('%s cloud, DAP %p', (cloud, includeDelegatedAdmin, expected) => {
    expect(
      buildPortalUrl(DEFAULT_PORTAL_URL_PATTERNS[cloud], {
        partnerTenantId: TENANT,
        includeDelegatedAdmin,
      }),
    ).toBe(expected);
  });

  test('there is a default pattern for every cloud, and each one validates', () => {
    expect(Object.keys(DEFAULT_PORTAL_URL_PATTERNS).sort()).toEqual([...PARTNER_CLOUDS].sort());
    for (const cloud of PARTNER_CLOUDS) {
      expect(validatePortalUrlPattern(DEFAULT_PORTAL_URL_PATTERNS[cloud])).toBeUndefined();
    }
  });
});

describe('buildPortalUrl encodes substituted values', () => {
  const pattern = 'https://portal.example/accept?partner={partnerTenantId}&dap={dap}';

  test.each([
    ['a plain GUID stays as it is', TENANT, TENANT],
    ['an ampersand cannot add a parameter', 'a&admin=1', 'a%26admin%3D1'],
    ['a hash cannot cut the query', 'a#b', 'a%23b'],
    ['a slash and question mark', 'a/b?c', 'a%2Fb%3Fc'],
    ['spaces are %20', 'a b', 'a%20b'],
    ['a plus sign', 'a+b', 'a%2Bb'],
    ['a percent sign', '100%', '100%25'],
    ['braces cannot smuggle a placeholder', '{dap}', '%7Bdap%7D'],
    ['non-ASCII as UTF-8', 'Müller', 'M%C3%BCller'],
  ])('%s', (_name, partnerTenantId, encoded) => {
    const url = buildPortalUrl(pattern, { partnerTenantId, includeDelegatedAdmin: false });
    expect(url).toBe(`https://portal.example/accept?partner=${encoded}&dap=false`);
    expect(new URL(url).searchParams.get('partner')).toBe(partnerTenantId);
    expect(new URL(url).searchParams.get('dap')).toBe('false');
  });

  test('a placeholder may appear more than once', () => {
    expect(
      buildPortalUrl('https://p.example/{partnerTenantId}?id={partnerTenantId}&d={dap}', {
        partnerTenantId: 't1',
        includeDelegatedAdmin: true,
      }),
    ).toBe('https://p.example/t1?id=t1&d=true');
  });

  test('an empty tenant id is refused', () => {
    expect(() =>
      buildPortalUrl(DEFAULT_PORTAL_URL_PATTERNS.public, {
        partnerTenantId: '',
        includeDelegatedAdmin: true,
      }),
    ).toThrow(/tenant id/);
  });
});

describe('bad patterns', () => {
  test.each([
    [
      'an unknown placeholder',
      'https://p.example/?id={tenantId}',
      /unknown placeholder \{tenantId\}/,
    ],
    ['a misspelt placeholder', 'https://p.example/?id={partnerTenantID}', /unknown placeholder/],
    [
      'an empty placeholder',
      'https://p.example/?id={partnerTenantId}&x={}',
      /unknown placeholder \{\}/,
    ],
    [
      'a prototype name as placeholder',
      'https://p.example/{partnerTenantId}/{constructor}',
      /unknown placeholder/,
    ],
    ['an unclosed brace', 'https://p.example/?id={partnerTenantId', /unmatched brace/],
    ['a stray closing brace', 'https://p.example/?id=partnerTenantId}', /unmatched brace/],
    ['plain http', 'http://p.example/?id={partnerTenantId}', /absolute https/],
    ['a relative URL', '/partner/signup?id={partnerTenantId}', /absolute https/],
    ['a javascript: URL', 'javascript:alert({partnerTenantId})', /absolute https/],
    ['no host', 'https:///signup?id={partnerTenantId}', /absolute https/],
    ['a single slash after the scheme', 'https:/p.example/?id={partnerTenantId}', /absolute https/],
    ['leading whitespace', ' https://p.example/?id={partnerTenantId}', /absolute https/],
    ['a space inside', 'https://p.example/sign up?id={partnerTenantId}', /absolute https/],
    [
      'user info before the host',
      'https://admin.microsoft.com@p.example/?id={partnerTenantId}',
      /absolute https/,
    ],
    ['upper-case scheme', 'HTTPS://p.example/?id={partnerTenantId}', /absolute https/],
    ['empty', '', /absolute https/],
  ])('%s throws from buildPortalUrl', (_name, pattern, message) => {
    expect(() =>
      buildPortalUrl(pattern, { partnerTenantId: TENANT, includeDelegatedAdmin: true }),
    ).toThrow(message);
  });
});

describe('validatePortalUrlPattern', () => {
  test.each([
    ['the public default', DEFAULT_PORTAL_URL_PATTERNS.public],
    ['a pattern without {dap}', 'https://p.example/signup?id={partnerTenantId}'],
    ['the tenant id in the path', 'https://p.example/partners/{partnerTenantId}/accept'],
    ['an upper-case host and a port', 'https://Portal.Example:8443/?id={partnerTenantId}'],
  ])('accepts %s', (_name, pattern) => {
    expect(validatePortalUrlPattern(pattern)).toBeUndefined();
  });

  test.each([
    ['no {partnerTenantId}', 'https://p.example/signup?dap={dap}', /\{partnerTenantId\}/],
    ['an unknown placeholder', 'https://p.example/?id={partnerTenantId}&m={mpnId}', /\{mpnId\}/],
    ['plain http', 'http://p.example/?id={partnerTenantId}', /https/],
    ['an unmatched brace', 'https://p.example/?id={partnerTenantId}}', /brace/],
    ['not a URL', 'portal {partnerTenantId}', /https/],
  ])('rejects %s with a message', (_name, pattern, message) => {
    expect(validatePortalUrlPattern(pattern)).toMatch(message);
  });
});
