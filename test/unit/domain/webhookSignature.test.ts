import { createHmac } from 'node:crypto';
import {
  newWebhookSecret,
  signWebhook,
  verifyWebhookSignature,
} from '../../../shared/domain/webhookSignature';

const SECRET = 'whsec_current-secret-for-tests';
const OLD_SECRET = 'whsec_previous-secret-for-tests';
const BODY = '{"id":"3f1c","type":"relationship.accepted","data":{"after":{"dap":true}}}';
const T = 1_767_225_600; // 2026-01-01T00:00:00Z

describe('signWebhook', () => {
  test('the header is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  test('with several secrets there is one v1 per secret, current first', () => {
    const header = signWebhook([SECRET, OLD_SECRET], T, BODY);
    expect(header.split(',')).toEqual([
      `t=${T}`,
      `v1=${createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex')}`,
      `v1=${createHmac('sha256', OLD_SECRET).update(`${T}.${BODY}`).digest('hex')}`,
    ]);
  });

  test.each([
    ['no secret', [], T],
    ['a fractional timestamp', [SECRET], 1.5],
    ['a negative timestamp', [SECRET], -1],
  ] as const)('refuses to sign with %s', (_case, secrets, timestamp) => {
    expect(() => signWebhook(secrets, timestamp, BODY)).toThrow();
  });
});

describe('verifyWebhookSignature', () => {
  const signed = signWebhook(SECRET, T, BODY);
  const rotating = signWebhook([SECRET, OLD_SECRET], T, BODY);

  test.each([
    ['the round trip', signed, BODY, [SECRET], T, true],
    ['a clock 299 s behind', signed, BODY, [SECRET], T - 299, true],
    ['a delivery 300 s old (the tolerance)', signed, BODY, [SECRET], T + 300, true],
    ['a delivery 301 s old (a replay)', signed, BODY, [SECRET], T + 301, false],
    ['a timestamp 301 s in the future', signed, BODY, [SECRET], T - 301, false],
    ['a tampered body', signed, BODY.replace('true', 'false'), [SECRET], T, false],
    ['a body with added whitespace', signed, `${BODY} `, [SECRET], T, false],
    ['the wrong secret', signed, BODY, ['whsec_someone-else'], T, false],
    ['no secrets', signed, BODY, [], T, false],
    ['rotation: a receiver with the new secret', rotating, BODY, [SECRET], T, true],
    ['rotation: a receiver still on the old secret', rotating, BODY, [OLD_SECRET], T, true],
    ['a receiver holding both secrets', signed, BODY, [OLD_SECRET, SECRET], T, true],
    ['a moved timestamp', signed.replace(`t=${T}`, `t=${T + 1}`), BODY, [SECRET], T, false],
    ['no timestamp', signed.replace(`t=${T},`, ''), BODY, [SECRET], T, false],
    ['two timestamps', `t=${T},${signed}`, BODY, [SECRET], T, false],
    ['no signature', `t=${T}`, BODY, [SECRET], T, false],
    ['a truncated signature', signed.slice(0, -2), BODY, [SECRET], T, false],
    [
      'an upper-case hex signature',
      signed.toUpperCase().replace('T=', 't=').replace('V1=', 'v1='),
      BODY,
      [SECRET],
      T,
      false,
    ],
    ['an unknown scheme beside v1', `${signed},v0=abc`, BODY, [SECRET], T, true],
    ['only an unknown scheme', signed.replace('v1=', 'v0='), BODY, [SECRET], T, false],
    ['garbage', 'not a signature', BODY, [SECRET], T, false],
    ['an empty header', '', BODY, [SECRET], T, false],
  ] as const)('%s → %p', (_case, header, body, secrets, now, valid) => {
    expect(verifyWebhookSignature(header, body, secrets, now)).toBe(valid);
  });

  test('a missing header is refused', () => {
    expect(verifyWebhookSignature(null, BODY, [SECRET], T)).toBe(false);
    expect(verifyWebhookSignature(undefined, BODY, [SECRET], T)).toBe(false);
  });

  test('the tolerance can be narrowed', () => {
    expect(verifyWebhookSignature(signed, BODY, [SECRET], T + 60, 30)).toBe(false);
    expect(verifyWebhookSignature(signed, BODY, [SECRET], T + 30, 30)).toBe(true);
  });
});

describe('newWebhookSecret', () => {
  test('is whsec_ and 32 random bytes as base64url, different each time', () => {
    const secrets = Array.from({ length: 20 }, () => newWebhookSecret());
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64url')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});
