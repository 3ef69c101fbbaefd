import { tenantIdForDomain } from './stableIds';

/** The `{tenant}` path segment of an Entra v2 endpoint, read the way Entra reads it. */
export type TenantAuthority =
  | { readonly kind: 'tenant'; readonly segment: string; readonly tenantId: string }
  | {
      readonly kind: 'domain';
      readonly segment: string;
      readonly tenantId: string;
      readonly domain: string;
    }
  | { readonly kind: 'multi'; readonly segment: string };

export type TenantAuthorityResult =
  | { readonly ok: true; readonly authority: TenantAuthority }
  | { readonly ok: false; readonly description: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MULTI_TENANT = ['organizations', 'common'];

/**
 * GUIDs and verified domains name one tenant (`tenantOf` is the directory's lookup);
 * `organizations` and `common` let the user's own tenant decide. A domain under the reserved
 * `.invalid` top-level domain stands for a domain no tenant has verified, so the unknown-tenant
 * answer can be tested.
 */
export function parseTenantAuthority(
  segment: string,
  tenantOf: (domain: string) => string = tenantIdForDomain,
): TenantAuthorityResult {
  const lower = segment.toLowerCase();
  if (GUID.test(segment)) {
    return { ok: true, authority: { kind: 'tenant', segment, tenantId: lower } };
  }
  if (MULTI_TENANT.includes(lower)) {
    return { ok: true, authority: { kind: 'multi', segment } };
  }
  if (!isDnsName(lower)) {
    return {
      ok: false,
      description: `AADSTS900023: Specified tenant identifier '${segment}' is neither a valid DNS name, nor a valid external domain.`,
    };
  }
  if (lower.endsWith('.invalid')) {
    return {
      ok: false,
      description: `AADSTS90002: Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    };
  }
  return {
    ok: true,
    authority: { kind: 'domain', segment, tenantId: tenantOf(lower), domain: lower },
  };
}

/** At least two labels and a top-level label with a letter, so an IPv4 address is not a domain. */
function isDnsName(name: string): boolean {
  const labels = name.split('.');
  return (
    name.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => DNS_LABEL.test(label)) &&
    /[a-z]/.test(labels[labels.length - 1]!)
  );
}
