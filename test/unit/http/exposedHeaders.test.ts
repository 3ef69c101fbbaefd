import { withExposedHeaders } from '../../../shared/http/responses';

const EXPOSED = 'ETag, Location, Retry-After';

/*
 * Azure's platform CORS has no setting for Access-Control-Expose-Headers, so the console can read
 * the ETag (draft edits) and Retry-After (resend wait) only because the app names them itself.
 */
describe('Access-Control-Expose-Headers on every API answer', () => {
  it('adds the header beside a plain header object, keeping the others', () => {
    const response = withExposedHeaders({
      status: 200,
      headers: { ETag: '"1"', 'Content-Type': 'application/json' },
    });
    expect(response.headers).toEqual({
      ETag: '"1"',
      'Content-Type': 'application/json',
      'Access-Control-Expose-Headers': EXPOSED,
    });
    expect(response.status).toBe(200);
  });

  it('adds it to a response without headers', () => {
    expect(withExposedHeaders({ status: 204 }).headers).toEqual({
      'Access-Control-Expose-Headers': EXPOSED,
    });
  });

  it('adds it to a Headers instance without changing the original', () => {
    const original = new Headers({ 'Retry-After': '60' });
    const headers = withExposedHeaders({ status: 429, headers: original }).headers as Headers;
    expect(headers.get('access-control-expose-headers')).toBe(EXPOSED);
    expect(headers.get('retry-after')).toBe('60');
    expect(original.has('access-control-expose-headers')).toBe(false);
  });

  it('adds it to a list of header pairs', () => {
    expect(
      withExposedHeaders({ status: 201, headers: [['Location', '/api/invitations/1']] }).headers,
    ).toEqual([
      ['Location', '/api/invitations/1'],
      ['Access-Control-Expose-Headers', EXPOSED],
    ]);
  });
});
