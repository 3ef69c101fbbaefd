import { answerCors, parseCorsSetting } from '../../../local/functionsHost/cors';

const CONSOLE = 'http://127.0.0.1:7074';
const settings = parseCorsSetting(`${CONSOLE}/, https://console.contoso.example`);

describe('Host.CORS for the local functions host', () => {
  it('reads a comma-separated list of origins, without trailing slashes', () => {
    expect(settings.allowedOrigins).toEqual([CONSOLE, 'https://console.contoso.example']);
    expect(parseCorsSetting(undefined).allowedOrigins).toEqual([]);
  });

  it.each(['127.0.0.1:7074', 'http://127.0.0.1:7074/path', 'javascript:alert(1)'])(
    'refuses %s, which is not an origin',
    (value) => {
      expect(() => parseCorsSetting(value)).toThrow(/not an origin/);
    },
  );

  it('refuses * with credentials, as browsers would', () => {
    expect(() => parseCorsSetting('*', true)).toThrow(/cannot be combined/);
  });

  it('answers a preflight from an allowed origin with what it asked for', () => {
    const answer = answerCors(settings, {
      method: 'OPTIONS',
      origin: CONSOLE,
      requestMethod: 'PATCH',
      requestHeaders: 'authorization, content-type, if-match',
    });
    expect(answer).toEqual({
      preflight: true,
      headers: {
        'Access-Control-Allow-Origin': CONSOLE,
        'Access-Control-Allow-Methods': 'PATCH',
        'Access-Control-Allow-Headers': 'authorization, content-type, if-match',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
    });
  });

  it("allows the origin of an actual request but exposes no headers, as Azure's platform CORS", () => {
    const answer = answerCors(settings, {
      method: 'GET',
      origin: CONSOLE,
      requestMethod: undefined,
      requestHeaders: undefined,
    });
    expect(answer).toEqual({
      preflight: false,
      headers: { 'Access-Control-Allow-Origin': CONSOLE, Vary: 'Origin' },
    });
  });

  it('gives another origin no CORS headers, so the browser refuses it', () => {
    const answer = answerCors(settings, {
      method: 'OPTIONS',
      origin: 'http://127.0.0.1:9999',
      requestMethod: 'GET',
      requestHeaders: undefined,
    });
    expect(answer).toEqual({ preflight: true, headers: { Vary: 'Origin' } });
  });

  it('leaves requests without an Origin (curl, server to server) alone', () => {
    const answer = answerCors(settings, {
      method: 'GET',
      origin: undefined,
      requestMethod: undefined,
      requestHeaders: undefined,
    });
    expect(answer).toEqual({ preflight: false, headers: {} });
  });
});
