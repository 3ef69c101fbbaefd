import { redact, redactAttributes } from '../../../shared/telemetry/redaction';

describe('redact', () => {
  test.each([
    ['Mail to admin@fabrikam.example bounced', 'Mail to [email] bounced'],
    ['550 5.1.1 <first.last+tag@sub.contoso.co.uk>: unknown', '550 5.1.1 <[email]>: unknown'],
    ['Authorization: Bearer abc.def-ghi_jkl', 'Authorization: Bearer [token]'],
    ['token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', 'token [token]'],
    ['key SG.abcdefghijkl.mnopqrstuvwx', 'key [token]'],
    ['GET /api/accept/Zm9vYmFyYmF6 failed', 'GET /api/accept/[token] failed'],
    ['/api/auth/callback?code=abc123&state=xyz', '/api/auth/callback?code=[token]&state=[token]'],
    [
      'Invitation 5f2c is being sent by another delivery',
      'Invitation 5f2c is being sent by another delivery',
    ],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  test('redacts string attributes, keeps numbers and drops undefined ones', () => {
    expect(
      redactAttributes({
        reason: 'to x@y.example',
        status: 550,
        invitationId: 'abc',
        gone: undefined,
      }),
    ).toEqual({ reason: 'to [email]', status: 550, invitationId: 'abc' });
  });
});
