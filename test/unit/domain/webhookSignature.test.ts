import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from '../../../shared/domain/webhookSignature';

// Standard Webhooks' own test vector secret shape: whsec_ + base64 of the key bytes.
const SECRET = `whsec_${Buffer.from('current-secret-for-tests-32bytes').toString('base64')}`;
const OLD_SECRET = `whsec_${Buffer.from('previous-secret-for-tests-32byte').toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.from('someone-elses-secret-for-testing').toString('base64')}`;
const MSG_ID = '0123456789abcdef01234567';
const BODY = '{"id":"3f1c","type":"relationship.accepted","data":{"after":{"dap":true}}}';
const T = 1_767_225_600; // 2026-01-01T00:00:00Z

/** What a receiver does with the `standardwebhooks` library: true when it accepts. */
function verifiesWith(secret: string, headers: object, body: string): boolean {
  try {
    new Webhook(secret).verify(body, headers as Record<string, string>);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return false;
    }
    throw error;
  }
}

describe('signWebhook', () => {
  beforeEach(() => jest.useFakeTimers({ now: T * 1000 }));
  afterEach(() => jest.useRealTimers());

  test('signs "<id>.<timestamp>.<body>" with the decoded secret, as v1,<base64>', () => {
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${MSG_ID}.${T}.${BODY}`).digest('base64');
    expect(signWebhook(SECRET, MSG_ID, T, BODY)).toEqual({
      'webhook-id': MSG_ID,
      'webhook-timestamp': String(T),
      'webhook-signature': `v1,${expected}`,
    });
    // The library's own signer agrees byte for byte.
    expect(new Webhook(SECRET).sign(MSG_ID, new Date(T * 1000), BODY)).toBe(`v1,${expected}`);
  });

  test('with several secrets there is one space-separated v1 per secret, current first', () => {
    const headers = signWebhook([SECRET, OLD_SECRET], MSG_ID, T, BODY);
    expect(headers['webhook-signature'].split(' ')).toEqual([
      new Webhook(SECRET).sign(MSG_ID, new Date(T * 1000), BODY),
      new Webhook(OLD_SECRET).sign(MSG_ID, new Date(T * 1000), BODY),
    ]);
  });

  test.each([
    ['the secret', SECRET, BODY, {}, true],
    ['the previous secret during a rotation', OLD_SECRET, BODY, {}, true],
    ['the wrong secret', OTHER_SECRET, BODY, {}, false],
    ['a changed body', SECRET, `${BODY} `, {}, false],
    ['another message id', SECRET, BODY, { 'webhook-id': 'ffffffffffffffffffffffff' }, false],
    ['a changed timestamp', SECRET, BODY, { 'webhook-timestamp': String(T + 1) }, false],
    ['a timestamp 6 minutes old', SECRET, BODY, { 'webhook-timestamp': String(T - 360) }, false],
  ])('the standardwebhooks library, given %s, accepts: %s', (_case, secret, body, change, ok) => {
    const headers = { ...signWebhook([SECRET, OLD_SECRET], MSG_ID, T, BODY), ...change };
    expect(verifiesWith(secret, headers, body)).toBe(ok);
  });

  test.each([
    ['no secret', [], MSG_ID, T],
    ['a fractional timestamp', [SECRET], MSG_ID, 1.5],
    ['a negative timestamp', [SECRET], MSG_ID, -1],
    ['an empty message id', [SECRET], '', T],
    ['a message id with a dot', [SECRET], 'a.b', T],
    ['an empty secret', ['whsec_'], MSG_ID, T],
  ] as const)('refuses to sign with %s', (_case, secrets, id, timestamp) => {
    expect(() => signWebhook(secrets, id, timestamp, BODY)).toThrow();
  });

  test('a base64url secret from before Standard Webhooks still signs with its decoded bytes', () => {
    const key = Buffer.from('old-format-secret-with-url-chars', 'utf8');
    const old = `whsec_${key.toString('base64url')}`;
    const expected = createHmac('sha256', key).update(`${MSG_ID}.${T}.${BODY}`).digest('base64');
    expect(signWebhook(old, MSG_ID, T, BODY)['webhook-signature']).toBe(`v1,${expected}`);
  });
});

describe('newWebhookSecret', () => {
  test('is whsec_ and 32 random bytes in standard base64, different each time', () => {
    const secrets = Array.from({ length: 20 }, () => newWebhookSecret());
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  test('the standardwebhooks library accepts it as a key', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, MSG_ID, Math.floor(Date.now() / 1000), BODY);
    expect(verifiesWith(secret, headers, BODY)).toBe(true);
  });
});
