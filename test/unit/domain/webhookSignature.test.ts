import { createHmac } from 'node:crypto';
import {
  isNonPublicAddress,
  MAX_RETRY_DELAY_SECONDS,
  newWebhookSecret,
  parseRetryAfterSeconds,
  retryDelaySecondsForWebhook,
  signWebhook,
  validateWebhookUrl,
  verifyWebhookSignature,
  webhookRetryWindow,
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

describe('webhook retry schedule', () => {
  test.each([
    [1, 2, 2],
    [2, 7, 8],
    [3, 26, 32],
    [4, 103, 128],
    [5, 410, 512],
    [6, 1639, 2048],
    [7, 2880, 3600],
    [8, 2880, 3600],
    [50, 2880, 3600],
  ])('after attempt %i the retry comes %i to %i s later', (attempt, min, max) => {
    expect(webhookRetryWindow(attempt)).toEqual({ minSeconds: min, maxSeconds: max });
    expect(retryDelaySecondsForWebhook(attempt, () => 0)).toBe(min);
    expect(retryDelaySecondsForWebhook(attempt, () => 0.999999)).toBe(max);
    const jittered = retryDelaySecondsForWebhook(attempt);
    expect(jittered).toBeGreaterThanOrEqual(min);
    expect(jittered).toBeLessThanOrEqual(max);
    expect(Number.isInteger(jittered)).toBe(true);
  });

  test('never exceeds the cap, whatever the random source', () => {
    for (let attempt = 1; attempt <= 60; attempt++) {
      expect(retryDelaySecondsForWebhook(attempt, () => 1)).toBeLessThanOrEqual(
        MAX_RETRY_DELAY_SECONDS,
      );
    }
  });

  test.each([0, -1, 1.5, Number.NaN])('attempt %p has no retry', (attempt) => {
    expect(() => webhookRetryWindow(attempt)).toThrow();
  });
});

describe('parseRetryAfterSeconds', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  test.each([
    [null, undefined],
    ['', undefined],
    ['soon', undefined],
    ['0', 0],
    ['12', 12],
    [' 30 ', 30],
    ['999999', 3600],
    ['Thu, 01 Jan 2026 00:01:30 GMT', 90],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
  ])('%p → %p', (value, expected) => {
    expect(parseRetryAfterSeconds(value, now)).toBe(expected);
  });
});

describe('validateWebhookUrl', () => {
  const production = { allowHttpLoopback: false };
  const local = { allowHttpLoopback: true };

  test.each([
    ['https://hooks.contoso.example/reseller', production],
    ['https://hooks.contoso.example:8443/reseller?tenant=1', production],
    ['https://8.8.8.8/hook', production],
    ['https://[2606:4700:4700::1111]/hook', production],
    ['https://hooks.contoso.example./trailing-dot', production],
    ['http://127.0.0.1:7080/hook', local],
    ['https://127.0.0.1/hook', local],
    ['http://localhost:3000/hook', local],
    ['http://[::1]:3000/hook', local],
    ['https://hooks.contoso.example/reseller', local],
  ])('%s is allowed (%p)', (url, options) => {
    expect(validateWebhookUrl(url, options)).toBeUndefined();
  });

  test.each([
    ['http://hooks.contoso.example/reseller', production, /https/],
    ['http://hooks.contoso.example/reseller', local, /https/],
    ['ftp://hooks.contoso.example/', production, /https/],
    ['hooks.contoso.example/reseller', production, /absolute/],
    ['', production, /absolute/],
    ['https://user:pass@hooks.contoso.example/', production, /credentials/],
    ['https://token@hooks.contoso.example/', local, /credentials/],
    ['https://hooks.contoso.example/#frag', production, /fragment/],
    ['http://127.0.0.1:7080/hook', production, /https/],
    ['https://127.0.0.1/hook', production, /private|loopback/],
    ['https://127.1/short-form', production, /private|loopback/],
    ['https://2130706433/decimal-form', production, /private|loopback/],
    ['https://0x7f.0.0.1/hex-form', production, /private|loopback/],
    ['https://localhost/hook', production, /public host/],
    ['https://LOCALHOST./hook', production, /public host/],
    ['https://[::1]/hook', production, /private|loopback/],
    ['https://10.1.2.3/hook', production, /private/],
    ['https://172.16.0.1/hook', production, /private/],
    ['https://172.31.255.255/hook', production, /private/],
    ['https://192.168.1.10/hook', production, /private/],
    ['https://169.254.169.254/metadata/instance', production, /link-local/],
    ['https://168.63.129.16/', production, /reserved/],
    ['https://100.64.0.1/', production, /reserved/],
    ['https://0.0.0.0/', production, /reserved/],
    ['https://[fe80::1]/', production, /link-local/],
    ['https://[fd12:3456::1]/', production, /private/],
    ['https://[::ffff:10.0.0.1]/', production, /private/],
    ['https://[::ffff:127.0.0.1]/', local, /private|loopback/],
    ['http://10.0.0.1/', local, /https/],
    ['https://10.0.0.1/', local, /private/],
    ['https://intranet/hook', production, /public host/],
    ['https://printer.local/', production, /internal/],
    ['https://metadata.google.internal/', production, /internal/],
    ['https://router.home.arpa/', production, /internal/],
    ['https://app.localhost/', production, /internal/],
    [`https://hooks.contoso.example/${'a'.repeat(2048)}`, production, /at most/],
  ])('%s is refused (%p)', (url, options, why) => {
    expect(validateWebhookUrl(url, options)).toMatch(why);
  });
});

describe('isNonPublicAddress', () => {
  test.each([
    ['127.0.0.1', true],
    ['10.255.255.255', true],
    ['172.15.255.255', false],
    ['172.32.0.0', false],
    ['192.169.0.1', false],
    ['169.254.169.254', true],
    ['168.63.129.16', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['20.50.1.1', false],
    ['::1', true],
    ['::', true],
    ['fc00::1', true],
    ['fe80::abcd', true],
    ['ff02::1', true],
    ['::ffff:192.168.0.1', true],
    ['::ffff:20.50.1.1', false],
    ['2001:db8::1', true],
    ['2620:1ec:c11::200', false],
    ['not-an-ip', false],
  ])('%s → %p', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});
