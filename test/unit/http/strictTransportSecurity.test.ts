import {
  servedOverHttps,
  STRICT_TRANSPORT_SECURITY,
  withStrictTransportSecurity,
} from '../../../shared/http/strictTransportSecurity';

describe('servedOverHttps', () => {
  test.each([
    ['an https URL', 'https://app.example/api/health', {}, true],
    ['an http URL', 'http://127.0.0.1:7071/api/health', {}, false],
    ['TLS ended at the front end', 'http://app/api/health', { 'x-forwarded-proto': 'https' }, true],
    ['the first proxy hop counts', 'http://app/', { 'x-forwarded-proto': 'https, http' }, true],
    ['forwarded as http', 'http://app/', { 'x-forwarded-proto': 'http' }, false],
  ])('%s', (_name, url, headers, expected) => {
    expect(servedOverHttps({ url, headers: new Headers(headers) })).toBe(expected);
  });
});

describe('withStrictTransportSecurity', () => {
  test('adds the header to a record, keeping the others', () => {
    expect(withStrictTransportSecurity({ status: 200, headers: { A: '1' } }).headers).toEqual({
      A: '1',
      'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY,
    });
  });

  test('adds it to a response without headers', () => {
    expect(withStrictTransportSecurity({ status: 204 })).toEqual({
      status: 204,
      headers: { 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY },
    });
  });

  test('adds it to a Headers object and to header pairs', () => {
    const fromHeaders = withStrictTransportSecurity({ headers: new Headers({ A: '1' }) });
    expect((fromHeaders.headers as Headers).get('a')).toBe('1');
    expect((fromHeaders.headers as Headers).get('strict-transport-security')).toBe(
      STRICT_TRANSPORT_SECURITY,
    );
    expect(withStrictTransportSecurity({ headers: [['A', '1']] }).headers).toEqual([
      ['A', '1'],
      ['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY],
    ]);
  });
});
