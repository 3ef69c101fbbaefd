import { hostHeaderProblem, requestUrl } from '../../../local/functionsHost/requestUrl';

describe('hostHeaderProblem', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.1:7071',
    'localhost',
    'api.contoso.example',
    'func-app_01.azurewebsites.net:443',
    '[::1]',
    '[::1]:7071',
    '[2001:db8::7]:0',
  ])('accepts %s', (value) => {
    expect(hostHeaderProblem(value)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['a space', 'a b'],
    ['a tab', 'a\tb'],
    ['an unclosed IPv6 literal', '[::1'],
    ['an IPv6 literal that is not an address', '[::g]'],
    ['text after an IPv6 literal', '[::1]x'],
    ['a bare IPv6 address', '::1'],
    ['a path', 'example.com/evil'],
    ['credentials', 'user@example.com'],
    ['a percent escape', '%41'],
    ['an empty port', 'example.com:'],
    ['a port out of range', 'example.com:65536'],
    ['a port that is not a number', 'example.com:http'],
    ['non-ASCII', 'ÿ.example'],
  ])('refuses %s', (_name, value) => {
    expect(hostHeaderProblem(value)).toEqual(expect.any(String));
  });
});

describe('requestUrl', () => {
  const serverHost = '127.0.0.1:7071';

  it('joins the Host header and an origin-form target', () => {
    const result = requestUrl('/api/x?a=1', ['Host', 'h.example:8080'], '1.1', serverHost);
    expect(result).toEqual({ url: new URL('http://h.example:8080/api/x?a=1') });
  });

  it('keeps a target that starts with // as a path', () => {
    const result = requestUrl('//evil.example/api/x', ['Host', 'h.example'], '1.1', serverHost);
    expect('url' in result && result.url.host).toBe('h.example');
    expect('url' in result && result.url.pathname).toBe('//evil.example/api/x');
  });

  it('uses the server address for an HTTP/1.0 request without a Host', () => {
    const result = requestUrl('/api/x', [], '1.0', serverHost);
    expect('url' in result && result.url.href).toBe('http://127.0.0.1:7071/api/x');
  });

  it.each([
    ['no Host on HTTP/1.1', '/api/x', [], 'host'],
    ['two Host headers', '/api/x', ['Host', 'a', 'host', 'a'], 'host'],
    ['a bad Host', '/api/x', ['Host', 'a b'], 'host'],
    ['an asterisk target', '*', ['Host', 'a'], 'request-target'],
    ['a non-http absolute target', 'ftp://a/x', ['Host', 'a'], 'request-target'],
    ['credentials in the target', 'http://u:p@a/x', ['Host', 'a'], 'request-target'],
    ['an absolute target that does not parse', 'http://[::1/x', ['Host', 'a'], 'request-target'],
  ])('names the part at fault for %s', (_name, target, rawHeaders, field) => {
    expect(requestUrl(target, rawHeaders, '1.1', serverHost)).toMatchObject({ field });
  });
});
