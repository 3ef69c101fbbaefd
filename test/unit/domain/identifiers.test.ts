import { randomUUID } from 'node:crypto';
import {
  customerIdForDomain,
  fingerprintOf,
  acceptTokenAddress,
  invitationIdForIdempotencyKey,
  isSameAcceptToken,
  newAcceptToken,
} from '../../../shared/domain/identifiers';

describe('acceptance tokens', () => {
  const address = {
    partnerTenantId: '8f2d6c1e-4b7a-4e3f-9a1b-2c3d4e5f6a7b',
    invitationId: randomUUID(),
  };

  test('name their invitation and carry 256 random bits, URL-safe, never repeating', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newAcceptToken(address)));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{87}$/);
      expect(Buffer.from(token.slice(44), 'base64url')).toHaveLength(32);
      expect(acceptTokenAddress(token)).toEqual(address);
    }
  });

  test('only open with the very token the invitation holds', () => {
    const token = newAcceptToken(address);
    const other = newAcceptToken(address);
    expect(isSameAcceptToken(token, token)).toBe(true);
    expect(isSameAcceptToken(other, token)).toBe(false);
    expect(isSameAcceptToken(token.slice(0, 86), token)).toBe(false);
  });

  test('refuse ids that are not UUIDs when made', () => {
    expect(() => newAcceptToken({ ...address, invitationId: 'inv-1' })).toThrow(/UUID/);
    expect(() =>
      newAcceptToken({ ...address, partnerTenantId: address.partnerTenantId.toUpperCase() }),
    ).toThrow(/UUID/);
  });

  const token = newAcceptToken(address);
  test.each([
    '',
    'short',
    'A'.repeat(43),
    `${token}A`,
    token.slice(1),
    `${token.slice(0, 86)}=`,
    `${token.slice(0, 86)}/`,
    // Same bytes, another spelling: the 22nd character's spare bits set.
    `${token.slice(0, 21)}${token[21] === 'A' ? 'B' : String.fromCharCode(token.charCodeAt(21) ^ 1)}${token.slice(22)}`,
  ])('find no invitation for the malformed token %p', (malformed) =>
    expect(acceptTokenAddress(malformed)).toBeUndefined(),
  );
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
