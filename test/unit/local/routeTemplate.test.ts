import {
  compareRoutePrecedence,
  matchRouteTemplate,
  parseRouteTemplate,
  splitRequestPath,
} from '../../../local/functionsHost/routeTemplate';

function match(template: string, path: string) {
  return matchRouteTemplate(parseRouteTemplate(template), path === '' ? [] : path.split('/'));
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
    ['files/{name}.{ext}', 'files/report.v2.pdf', { name: 'report.v2', ext: 'pdf' }],
    ['v{version}/status', 'v2/status', { version: '2' }],
    [
      'invitations/{id:guid}',
      'invitations/0f8fad5b-d9cb-469f-a165-70867728950e',
      {
        id: '0f8fad5b-d9cb-469f-a165-70867728950e',
      },
    ],
    ['n/{n:int:min(1)}', 'n/5', { n: '5' }],
    ['n/{n:range(1,10)}', 'n/10', { n: '10' }],
    ['s/{s:length(2)}', 's/ab', { s: 'ab' }],
    ['s/{s:alpha}', 's/abc', { s: 'abc' }],
    ['s/{s:regex(^x\\d+$)}', 's/x12', { s: 'x12' }],
    ['b/{flag:bool?}', 'b', {}],
    ['b/{flag:bool?}', 'b/true', { flag: 'true' }],
  ])('%j matches %j with %j', (template, path, params) => {
    expect(match(template, path)).toEqual(params);
  });

  it.each([
    ['invitations/{id}/draft', 'invitations/abc'],
    ['invitations/{id}/draft', 'invitations/abc/draft/more'],
    ['invitations/{id}/draft', 'invitations//draft'],
    ['invitations', 'customers'],
    ['accept/{token}', 'accept'],
    ['invitations/{id:guid}', 'invitations/not-a-guid'],
    ['n/{n:int}', 'n/1.5'],
    ['n/{n:int:min(1)}', 'n/0'],
    ['n/{n:range(1,10)}', 'n/11'],
    ['s/{s:length(2)}', 's/abc'],
    ['s/{s:alpha}', 's/ab1'],
    ['s/{s:regex(^x\\d+$)}', 's/y12'],
    ['b/{flag:bool?}', 'b/maybe'],
    ['files/{name}.{ext}', 'files/noextension'],
    ['', 'anything'],
  ])('%j does not match %j', (template, path) => {
    expect(match(template, path)).toBeUndefined();
  });

  it('keeps parameter values as decoded text', () => {
    const segments = splitRequestPath('/api/accept/a%20b%2Fc', 'api') ?? [];
    expect(matchRouteTemplate(parseRouteTemplate('accept/{token}'), segments)).toEqual({
      token: 'a b/c',
    });
  });
});

describe('parseRouteTemplate', () => {
  it('ignores leading and trailing slashes', () => {
    expect(parseRouteTemplate('/invitations/{id}/').segments).toHaveLength(2);
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
    ['{id:nonsense}', /not supported/],
    ['{n:min(x)}', /needs 1 number/],
    ['{n?=3}', /optional and have a default/],
  ])('refuses %j', (template, message) => {
    expect(() => parseRouteTemplate(template)).toThrow(message);
  });

  it('reads literal braces written as {{ and }}', () => {
    expect(match('a/{{x}}', 'a/{x}')).toEqual({});
  });
});

describe('compareRoutePrecedence', () => {
  it('orders literal, constrained, plain parameter, catch-all', () => {
    const templates = [
      'invitations/{*rest}',
      'invitations/{id}',
      'invitations/mine',
      'invitations/{id:guid}',
    ];
    const sorted = templates
      .map(parseRouteTemplate)
      .sort(compareRoutePrecedence)
      .map((t) => t.template);
    expect(sorted).toEqual([
      'invitations/mine',
      'invitations/{id:guid}',
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

describe('splitRequestPath', () => {
  it.each([
    ['/api/invitations/abc/draft', 'api', ['invitations', 'abc', 'draft']],
    ['/API/invitations', 'api', ['invitations']],
    ['/api/invitations/', 'api', ['invitations']],
    ['/api', 'api', []],
    ['/api/', 'api', []],
    ['/partner/api/x', 'partner/api', ['x']],
    ['/x/y', '', ['x', 'y']],
    ['/api/a%20b', 'api', ['a b']],
  ])('splits %j below prefix %j', (path, prefix, expected) => {
    expect(splitRequestPath(path, prefix)).toEqual(expected);
  });

  it.each([
    ['/other/x', 'api'],
    ['/', 'api'],
    ['/apis/x', 'api'],
  ])('rejects %j outside prefix %j', (path, prefix) => {
    expect(splitRequestPath(path, prefix)).toBeUndefined();
  });

  it('throws on malformed percent-encoding', () => {
    expect(() => splitRequestPath('/api/%E0%A4%A', 'api')).toThrow(URIError);
  });
});
