import {
  errorRedirectLocation,
  isLoopbackRedirectUri,
  parseAuthorizeRequest,
} from '../../../../local/servers/devIssuer/authorizeRequest';

const VALID = {
  client_id: 'app',
  redirect_uri: 'http://127.0.0.1:7071/cb',
  response_type: 'code',
  scope: 'openid',
  state: 's',
  code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  code_challenge_method: 'S256',
};

describe('isLoopbackRedirectUri', () => {
  it.each([
    'http://127.0.0.1:7071/api/auth/callback',
    'http://127.1.2.3/cb',
    'http://localhost:5173/',
    'https://localhost/cb?tenant=x',
    'http://[::1]:8080/cb',
  ])('accepts %s', (uri) => {
    expect(isLoopbackRedirectUri(uri)).toBe(true);
  });

  it.each([
    'https://contoso.example/cb',
    'http://localhost.contoso.example/cb',
    'http://127.0.0.1.nip.io/cb',
    'http://0.0.0.0:7071/cb',
    'http://[::ffff:7f00:1]/cb',
    'http://user:pw@127.0.0.1/cb',
    'http://127.0.0.1/cb#fragment',
    'myapp://callback',
    'javascript:alert(1)',
    '/relative/cb',
  ])('refuses %s', (uri) => {
    expect(isLoopbackRedirectUri(uri)).toBe(false);
  });
});

describe('parseAuthorizeRequest', () => {
  const parse = (overrides: Record<string, string | undefined> = {}, extra: string[][] = []) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...VALID, ...overrides })) {
      if (value !== undefined) {
        params.set(name, value);
      }
    }
    extra.forEach(([name, value]) => params.append(name!, value!));
    return parseAuthorizeRequest(params);
  };

  it('accepts a complete request and keeps its parameters for the page', () => {
    const result = parse({ nonce: 'n', login_hint: 'a@b.example' }, [['x-client-SKU', 'msal']]);

    expect(result).toMatchObject({
      kind: 'valid',
      request: { clientId: 'app', nonce: 'n', loginHint: 'a@b.example', state: 's' },
    });
    expect(result.kind === 'valid' && result.request.parameters.map(([name]) => name)).toEqual([
      'client_id',
      'redirect_uri',
      'response_type',
      'scope',
      'state',
      'nonce',
      'code_challenge',
      'code_challenge_method',
      'login_hint',
    ]);
  });

  it.each([
    ['a repeated client_id', {}, [['client_id', 'other']]],
    ['a repeated redirect_uri', {}, [['redirect_uri', 'http://127.0.0.1/x']]],
    ['an empty client_id', { client_id: '' }, []],
  ])('refuses %s without redirecting', (_case, overrides, extra) => {
    expect(parse(overrides, extra).kind).toBe('refused');
  });

  it('sends a repeated parameter back as invalid_request, without a repeated state', () => {
    expect(parse({}, [['scope', 'openid']])).toMatchObject({
      kind: 'redirect-error',
      error: 'invalid_request',
      state: 's',
    });
    expect(parse({}, [['state', 't']])).toMatchObject({ kind: 'redirect-error', state: undefined });
  });

  it.each([
    ['no code_challenge', { code_challenge: undefined }],
    ['no code_challenge_method', { code_challenge_method: undefined }],
    ['a short code_challenge', { code_challenge: 'abc' }],
    ['an overlong state', { state: 'x'.repeat(2049) }],
  ])('sends %s back as invalid_request', (_case, overrides) => {
    expect(parse(overrides)).toMatchObject({ kind: 'redirect-error', error: 'invalid_request' });
  });
});

describe('errorRedirectLocation', () => {
  it('keeps the redirect URI query and adds the error and state', () => {
    const location = new URL(
      errorRedirectLocation('http://127.0.0.1/cb?keep=1', 'a&b', 'access_denied', 'No.'),
    );

    expect(Object.fromEntries(location.searchParams)).toEqual({
      keep: '1',
      error: 'access_denied',
      error_description: 'No.',
      state: 'a&b',
    });
  });
});
