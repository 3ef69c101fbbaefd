import { parseRequestedScopes } from '../../../../local/servers/devIssuer/requestedScopes';

describe('parseRequestedScopes', () => {
  it.each([
    [
      'openid profile email',
      { all: ['openid', 'profile', 'email'], openid: true, resource: undefined, apiScopeNames: [] },
    ],
    [
      'openid  api://reseller-invitations-local/access_as_user openid',
      {
        all: ['openid', 'api://reseller-invitations-local/access_as_user'],
        openid: true,
        resource: 'api://reseller-invitations-local',
        apiScopeNames: ['access_as_user'],
      },
    ],
    [
      'api://00000000-0000-0000-0000-000000000001/Invitations.Read api://00000000-0000-0000-0000-000000000001/Invitations.Send offline_access',
      {
        all: expect.any(Array),
        openid: false,
        resource: 'api://00000000-0000-0000-0000-000000000001',
        apiScopeNames: ['Invitations.Read', 'Invitations.Send'],
      },
    ],
    [
      'https://contoso.example/api/v1/.default',
      {
        all: ['https://contoso.example/api/v1/.default'],
        openid: false,
        resource: 'https://contoso.example/api/v1',
        apiScopeNames: [],
      },
    ],
  ])('reads %p', (scope, expected) => {
    expect(parseRequestedScopes(scope)).toEqual({ ok: true, scopes: expected });
  });

  it.each([
    ['', /AADSTS900144/],
    ['   ', /AADSTS900144/],
    ['openid User.Read', /'User\.Read'/],
    ['profile email', /Ask for 'openid' or an API scope/],
    ['openid api://a/x api://b/y', /AADSTS28000.*api:\/\/a, api:\/\/b/],
    ['api://no-scope-name', /'api:\/\/no-scope-name'/],
  ])('refuses %p', (scope, description) => {
    expect(parseRequestedScopes(scope)).toEqual({
      ok: false,
      description: expect.stringMatching(description),
    });
  });
});
