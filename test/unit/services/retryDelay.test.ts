import { retryDelaySeconds } from '../../../shared/services/emailDispatch';
import { toMailSendError } from '../../../shared/mail/sendgridMailer';

describe('dispatch retry delay', () => {
  test.each([
    [1, undefined, 10],
    [2, undefined, 20],
    [3, undefined, 40],
    [10, undefined, 600],
    [1, 7, 7],
    [1, 0, 1],
    [1, 100_000, 3600],
  ])('attempt %i with Retry-After %p waits %i s', (attempt, retryAfter, expected) => {
    expect(retryDelaySeconds(attempt, retryAfter)).toBe(expected);
  });
});

describe('classifying SendGrid errors', () => {
  const responseError = (code: number, headers: Record<string, string> = {}, message = 'x') =>
    Object.assign(new Error('Bad Request'), {
      code,
      response: { headers, body: { errors: [{ message }] } },
    });

  test.each([
    [429, { 'retry-after': '12' }, 'transient', 12],
    [500, {}, 'transient', undefined],
    [503, { 'retry-after': '3' }, 'transient', 3],
    [400, {}, 'permanent', undefined],
    [401, {}, 'permanent', undefined],
    [403, {}, 'permanent', undefined],
    [413, {}, 'permanent', undefined],
  ] as const)('HTTP %i is %s', (code, headers, kind, retryAfter) => {
    const error = toMailSendError(responseError(code, headers, 'why'));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(code);
    expect(error.retryAfterSeconds).toBe(retryAfter);
    expect(error.message).toContain('why');
  });

  test('a refused connection (no response) is transient', () => {
    const error = toMailSendError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    expect(error.kind).toBe('transient');
    expect(error.status).toBeUndefined();
  });
});
