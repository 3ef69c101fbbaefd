import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: 256 bits, well above the 128 the links need to be unguessable. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new acceptance token, URL-safe (base64url, no padding). */
export function newAcceptToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Cheap shape check so garbage never reaches the database. */
export function isWellFormedAcceptToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Links are stored under the token's hash, so a leaked database holds no working link ids. */
export function hashAcceptToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Formats 16 bytes of a digest as a UUID-shaped id (version nibble 5 style, name-based). */
export function uuidFromDigest(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The same customer domain always maps to the same customer id, so a second partner (or a
 * restore-DAP invitation) finds the customer and its MCA acceptance instead of a duplicate.
 */
export function customerIdForDomain(domain: string): string {
  return uuidFromDigest(
    createHash('sha256').update(`customer-domain:${domain.trim().toLowerCase()}`).digest(),
  );
}

/**
 * With an Idempotency-Key the invitation id is derived from (partner, key), so a retried
 * create collides with the first one in the database instead of creating a second invitation.
 */
export function invitationIdForIdempotencyKey(partnerTenantId: string, key: string): string {
  return uuidFromDigest(
    createHash('sha256').update(`invitation:${partnerTenantId}:${key}`).digest(),
  );
}

/** A stable fingerprint of a request body, to tell a replay from a reused key. */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
