import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: 256 bits, well above the 128 the links need to be unguessable. */
const SECRET_BYTES = 32;
/** A UUID's 16 bytes and the secret, base64url without padding: 22 + 22 + 43 characters. */
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})([A-Za-z0-9_-]{22})([A-Za-z0-9_-]{43})$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where an acceptance token's invitation lives: one point read finds it. */
export interface AcceptTokenAddress {
  readonly partnerTenantId: string;
  readonly invitationId: string;
}

function uuidBytes(uuid: string): Buffer {
  if (!UUID_PATTERN.test(uuid)) {
    throw new Error(`Not a lower-case UUID: ${uuid}`);
  }
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A new acceptance token, URL-safe: the partner's tenant id and the invitation id it opens,
 * then 256 random bits. The ids locate the invitation (no lookup document, no query); only the
 * random part makes the link unguessable, and the invitation holds the whole token to compare.
 */
export function newAcceptToken(address: AcceptTokenAddress): string {
  return [
    uuidBytes(address.partnerTenantId),
    uuidBytes(address.invitationId),
    randomBytes(SECRET_BYTES),
  ]
    .map((part) => part.toString('base64url'))
    .join('');
}

/** The invitation a well-formed token names; undefined for garbage, which never reaches the database. */
export function acceptTokenAddress(token: string): AcceptTokenAddress | undefined {
  const parts = TOKEN_PATTERN.exec(token);
  if (parts === null) {
    return undefined;
  }
  const [partner, invitation] = [parts[1]!, parts[2]!].map((part) =>
    Buffer.from(part, 'base64url'),
  );
  // Only the canonical spelling: the last character's spare bits must be zero.
  if (
    partner!.toString('base64url') !== parts[1] ||
    invitation!.toString('base64url') !== parts[2]
  ) {
    return undefined;
  }
  return { partnerTenantId: uuidOf(partner!), invitationId: uuidOf(invitation!) };
}

/** Whether `presented` is the invitation's token, in time independent of where they differ. */
export function isSameAcceptToken(presented: string, stored: string): boolean {
  const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(stored));
}

/** Formats 16 bytes of a digest as a UUID-shaped id (version nibble 5 style, name-based). */
export function uuidFromDigest(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return uuidOf(bytes);
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
