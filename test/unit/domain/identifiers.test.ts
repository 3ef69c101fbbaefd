import {
  customerIdForDomain,
  fingerprintOf,
  hashAcceptToken,
  invitationIdForIdempotencyKey,
  isWellFormedAcceptToken,
  newAcceptToken,
} from '../../../shared/domain/identifiers';

describe('acceptance tokens', () => {
  test('carry 256 random bits, URL-safe, and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newAcceptToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedAcceptToken(token)).toBe(true);
    }
  });

  test.each(['', 'short', `${'A'.repeat(42)}=`, `${'A'.repeat(44)}`, `${'A'.repeat(42)}/`])(
    'refuses the malformed token %p',
    (token) => expect(isWellFormedAcceptToken(token)).toBe(false),
  );

  test('are stored as a SHA-256 hash, never as themselves', () => {
    const token = newAcceptToken();
    expect(hashAcceptToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAcceptToken(token)).not.toContain(token);
    expect(hashAcceptToken(token)).toBe(hashAcceptToken(token));
  });
});

describe('derived ids', () => {
  test('one customer id per domain, whatever the case or spacing', () => {
    const id = customerIdForDomain('Contoso.onmicrosoft.com');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(customerIdForDomain(' contoso.ONMICROSOFT.com ')).toBe(id);
    expect(customerIdForDomain('fabrikam.onmicrosoft.com')).not.toBe(id);
  });

  test('an idempotency key maps to one invitation id per partner', () => {
    const a = invitationIdForIdempotencyKey('tenant-a', 'key-12345');
    expect(invitationIdForIdempotencyKey('tenant-a', 'key-12345')).toBe(a);
    expect(invitationIdForIdempotencyKey('tenant-b', 'key-12345')).not.toBe(a);
    expect(invitationIdForIdempotencyKey('tenant-a', 'key-12346')).not.toBe(a);
  });

  test('fingerprints ignore key order and undefined members but not values', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: undefined } })).toBe(
      fingerprintOf({ b: { c: [1, 2] }, a: 1 }),
    );
    expect(fingerprintOf({ a: 1, b: { c: [2, 1] } })).not.toBe(
      fingerprintOf({ a: 1, b: { c: [1, 2] } }),
    );
    expect(fingerprintOf({ a: '1' })).not.toBe(fingerprintOf({ a: 1 }));
  });
});
