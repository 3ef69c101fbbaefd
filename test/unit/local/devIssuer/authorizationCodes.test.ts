import {
  AuthorizationCodeStore,
  type AuthorizationGrant,
} from '../../../../local/servers/devIssuer/authorizationCodes';

const grant: AuthorizationGrant = {
  clientId: 'app',
  redirectUri: 'http://127.0.0.1:7071/cb',
  codeChallenge: 'c'.repeat(43),
  nonce: undefined,
  scopes: { all: ['openid'], openid: true, resource: undefined, apiScopeNames: [] },
  account: {
    tenantId: '11111111-2222-3333-4444-555555555555',
    username: 'dev.user@partner.example',
    displayName: 'Dev User',
    givenName: '',
    familyName: '',
    globalAdministrator: false,
    roles: [],
  },
};

describe('AuthorizationCodeStore', () => {
  let now: number;
  const store = (options: { maxCodes?: number } = {}) =>
    new AuthorizationCodeStore({ lifetimeMs: 5 * 60_000, now: () => now, ...options });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('issues 256-bit codes, each different', () => {
    const codes = store();

    const first = codes.issue(grant);
    const second = codes.issue(grant);

    expect(Buffer.from(first, 'base64url')).toHaveLength(32);
    expect(second).not.toBe(first);
  });

  it('redeems a code once, then calls it already redeemed', () => {
    const codes = store();
    const code = codes.issue(grant);

    expect(codes.redeem(code)).toEqual({ ok: true, grant });
    expect(codes.redeem(code)).toMatchObject({ ok: false, description: /already redeemed/ });
  });

  it('refuses a code it never issued', () => {
    expect(store().redeem('made-up')).toMatchObject({ ok: false, description: /not valid/ });
  });

  it('lets a code expire after its lifetime', () => {
    const codes = store();
    const code = codes.issue(grant);
    const fresh = codes.issue(grant);

    now += 5 * 60_000 - 1;
    expect(codes.redeem(fresh).ok).toBe(true);
    now += 1;
    expect(codes.redeem(code)).toMatchObject({ ok: false, description: /expired/ });
  });

  it('forgets expired codes when it issues new ones', () => {
    const codes = store();
    codes.issue(grant);
    codes.issue(grant);

    now += 5 * 60_000;
    codes.issue(grant);

    expect(codes.size).toBe(1);
  });

  it('keeps at most maxCodes, dropping the oldest first', () => {
    const codes = store({ maxCodes: 3 });
    const [oldest, ...rest] = [1, 2, 3, 4].map(() => codes.issue(grant));

    expect(codes.size).toBe(3);
    expect(codes.redeem(oldest!).ok).toBe(false);
    expect(rest.map((code) => codes.redeem(code).ok)).toEqual([true, true, true]);
  });
});
