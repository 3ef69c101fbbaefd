import { createHash } from 'node:crypto';

/** SHA-256 over the parts, one per line, so ('a', 'bc') and ('ab', 'c') differ. */
export function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\n')).digest();
}

/** Formats hash bytes as a version-5-style GUID, the shape Entra object and tenant ids have. */
export function stableGuid(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The tenant a domain authority (`/contoso.com/…`) signs in to. Entra looks the domain up in
 * its directory; locally every domain has its own tenant, derived so that tests (the app's too)
 * can predict the `tid` of a customer admin who signs in at `/<customer domain>/`.
 */
export function tenantIdForDomain(domain: string): string {
  return stableGuid(createHash('sha256').update(domain.toLowerCase()).digest());
}
