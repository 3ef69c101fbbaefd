import { createHash } from 'node:crypto';
import { uuidFromDigest } from '../../../shared/domain/identifiers';

/** SHA-256 over the parts, one per line, so ('a', 'bc') and ('ab', 'c') differ. */
export function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\n')).digest();
}

/** Formats hash bytes as a version-5-style GUID, the shape Entra object and tenant ids have. */
export const stableGuid = uuidFromDigest;

/**
 * The tenant a domain authority (`/contoso.com/…`) signs in to. Entra looks the domain up in
 * its directory; locally every domain has its own tenant, derived so that tests (the app's too)
 * can predict the `tid` of a customer admin who signs in at `/<customer domain>/`.
 */
export function tenantIdForDomain(domain: string): string {
  return stableGuid(createHash('sha256').update(domain.toLowerCase()).digest());
}
