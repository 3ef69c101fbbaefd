import {
  compareRoutePrecedence,
  matchRouteTemplate,
  parseRouteTemplate,
  pathBelowPrefix,
} from '../../../local/functionsHost/routeTemplate';

function match(template: string, path: string) {
  return matchRouteTemplate(parseRouteTemplate(template), path === '' ? '' : `/${path}`);
}

describe('matchRouteTemplate', () => {
  it.each([
    ['invitations/{id}/draft', 'invitations/abc/draft', { id: 'abc' }],
    ['invitations/{id}/draft', 'Invitations/abc/DRAFT', { id: 'abc' }],
    ['accept/{token}', 'accept/t0k3n', { token: 't0k3n' }],
    ['invitations', 'invitations', {}],
    ['', '', {}],
    ['customers/{id}/relationship', 'customers/c-1/relationship', { id: 'c-1' }],
    ['items/{page?}', 'items', {}],
    ['items/{page?}', 'items/3', { page: '3' }],
    ['items/{page=1}', 'items', { page: '1' }],
    ['items/{page=1}', 'items/7', { page: '7' }],
    ['files/{*rest}', 'files/a/b/c', { rest: 'a/b/c' }],
    ['files/{**rest}', 'files/a', { rest: 'a' }],
    ['files/{*rest}', 'files', {}],
    ['files/{*rest=index}', 'files', { rest: 'index' }],
    ['files/{name}.{ext}', 'files/report.v2.pdf', { name: 'report.v2', ext: 'pdf' }],
    ['v{version}/status', 'v2/status', { version: '2' }],
    ['invitations/{id}', 'invitations/abc/', { id: 'abc' }],
    ['invitations', 'invitations/', {}],
  ])('%j matches %j with %j', (template, path, params) => {
    expect(match(template, path)).toEqual(params);
  });

  it.each([
    ['invitations/{id}/draft', 'invitations/abc'],
    ['invitations/{id}/draft', 'invitations/abc/draft/more'],
    ['invitations/{id}/draft', 'invitations//draft'],
    ['invitations', 'customers'],
    ['accept/{token}', 'accept'],
    ['items/{page?}', 'items/3/4'],
    ['files/{name}.{ext}', 'files/noextension'],
    ['', 'anything'],
  ])('%j does not match %j', (template, path) => {
    expect(match(template, path)).toBeUndefined();
  });

  it('keeps parameter values as decoded text', () => {
    const path = pathBelowPrefix('/api/accept/a%20b%2Fc', 'api') ?? '';
    expect(matchRouteTemplate(parseRouteTemplate('accept/{token}'), path)).toEqual({
      token: 'a b/c',
    });
  });

  it('matches the route prefix itself, with or without a trailing slash, to the empty template', () => {
    for (const pathname of ['/api', '/api/']) {
      const path = pathBelowPrefix(pathname, 'api') ?? 'outside';
      expect(matchRouteTemplate(parseRouteTemplate(''), path)).toEqual({});
    }
  });

  it('throws on malformed percent-encoding in a parameter', () => {
    expect(() => match('accept/{token}', 'accept/%E0%A4%A')).toThrow(URIError);
  });
});

describe('parseRouteTemplate', () => {
  it('ignores leading and trailing slashes', () => {
    expect(match('/invitations/{id}/', 'invitations/abc')).toEqual({ id: 'abc' });
  });

  it.each([
    ['a/{id', /unclosed/],
    ['a/id}', /unmatched/],
    ['a//b', /empty segment/],
    ['a/{}', /does not name a parameter/],
    ['a/{1x}', /does not name a parameter/],
    ['{id}/{ID}', /twice/],
    ['{*rest}/more', /catch-all/],
    ['x{*rest}', /catch-all/],
    ['{a}{b}', /literal between/],
    ['{a?}.txt', /optional parameter/],
    ['{a=1}.txt', /optional parameter/],
    ['{id:guid}', /constraint, which the local host does not evaluate/],
    ['n/{n:int:min(1)}', /constraint/],
    ['{n?=3}', /optional and have a default/],
  ])('refuses %j', (template, message) => {
    expect(() => parseRouteTemplate(template)).toThrow(message);
  });

  it('reads literal braces written as {{ and }}', () => {
    expect(match('a/{{x}}', 'a/{x}')).toEqual({});
  });
});

describe('compareRoutePrecedence', () => {
  it('orders literal, literal with a parameter, parameter, catch-all', () => {
    const templates = [
      'invitations/{*rest}',
      'invitations/{id}',
      'invitations/mine',
      'invitations/v{version}',
    ];
    const sorted = templates
      .map(parseRouteTemplate)
      .sort(compareRoutePrecedence)
      .map((t) => t.template);
    expect(sorted).toEqual([
      'invitations/mine',
      'invitations/v{version}',
      'invitations/{id}',
      'invitations/{*rest}',
    ]);
  });

  it('decides by the first differing segment', () => {
    const a = parseRouteTemplate('customers/{id}/relationship');
    const b = parseRouteTemplate('{area}/{id}/relationship');
    expect(compareRoutePrecedence(a, b)).toBeLessThan(0);
    expect(compareRoutePrecedence(b, a)).toBeGreaterThan(0);
  });
});

describe('pathBelowPrefix', () => {
  it.each([
    ['/api/invitations/abc/draft', 'api', '/invitations/abc/draft'],
    ['/API/invitations', 'api', '/invitations'],
    ['/api/invitations/', 'api', '/invitations/'],
    ['/api', 'api', ''],
    ['/api/', 'api', '/'],
    ['/partner/api/x', 'partner/api', '/x'],
    ['/x/y', '', '/x/y'],
    ['/api/a%20b', 'api', '/a%20b'],
  ])('takes %j below prefix %j as %j', (path, prefix, expected) => {
    expect(pathBelowPrefix(path, prefix)).toEqual(expected);
  });

  it.each([
    ['/other/x', 'api'],
    ['/', 'api'],
    ['/apis/x', 'api'],
  ])('rejects %j outside prefix %j', (path, prefix) => {
    expect(pathBelowPrefix(path, prefix)).toBeUndefined();
  });

  it('throws on malformed percent-encoding', () => {
    expect(() => pathBelowPrefix('/api/%E0%A4%A', 'api')).toThrow(URIError);
  });
});
