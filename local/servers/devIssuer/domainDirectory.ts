import { tenantIdForDomain } from './stableIds';

/**
 * Which tenant has verified which domain, as Entra's directory knows it. Every domain belongs to
 * the tenant derived from its name (so tests can predict it) unless a tenant has verified it
 * explicitly: one tenant may own several domains, and a domain has one owner at a time.
 */
export class DevDomainDirectory {
  private readonly verified = new Map<string, string>();

  /** The tenant that owns `domain`; Entra's discovery document at `/{domain}/` names it. */
  tenantOf(domain: string): string {
    const lower = domain.toLowerCase();
    return this.verified.get(lower) ?? tenantIdForDomain(lower);
  }

  /** `tenantId` verifies `domain` (moving it away from any tenant that held it). */
  verify(domain: string, tenantId: string): void {
    this.verified.set(domain.toLowerCase(), tenantId.toLowerCase());
  }

  /** The `upn` Entra gives the account `username` in `tenantId` (see {@link userPrincipalName}). */
  upnOf(username: string, tenantId: string): string {
    return userPrincipalName(username, tenantId, (domain) => this.tenantOf(domain));
  }
}

/**
 * The `upn` claim of an account signing in to `tenantId` with the sign-in name `username`. A
 * member's UPN suffix must be one of its tenant's verified domains, and only the tenant's admins
 * set it. Any other account is a guest there, whose UPN Entra writes as
 * `name_home.example#EXT#@<tenant's initial domain>` while `preferred_username` keeps the home
 * sign-in name: the shape the app must not mistake for a member of the home domain.
 */
export function userPrincipalName(
  username: string,
  tenantId: string,
  tenantOf: (domain: string) => string = tenantIdForDomain,
): string {
  const at = username.lastIndexOf('@');
  const domain = at < 0 ? '' : username.slice(at + 1).toLowerCase();
  if (domain !== '' && tenantOf(domain) === tenantId.toLowerCase()) {
    return username;
  }
  const home = username.replace('@', '_');
  return `${home}#EXT#@${initialDomainOf(tenantId)}`;
}

/** Stands in for the tenant's `<name>.onmicrosoft.com` initial domain. */
function initialDomainOf(tenantId: string): string {
  return `tenant-${tenantId.toLowerCase().slice(0, 8)}.onmicrosoft.com`;
}
