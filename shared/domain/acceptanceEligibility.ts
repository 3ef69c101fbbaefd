/**
 * Who may accept a reseller relationship request for a customer. As in Partner Center, only a
 * Global Administrator of the customer's own Microsoft Entra tenant may accept:
 * - the signed-in tenant (`tid`) must be the organization that owns the invited domain (the one
 *   tenant that has verified it, as Entra's OpenID configuration for the domain names it);
 * - the user principal name (`upn`) must be in the domain. Only the tenant's admins set a UPN,
 *   and only with a suffix the tenant has verified; a guest's UPN is `…#EXT#@<tenant>`. The
 *   `preferred_username` is never used to decide: users and guests' home tenants control it;
 * - the user holds the Global Administrator role (`wids`).
 */

/** Entra's role template id of Global Administrator, carried in the `wids` claim. */
export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';

/** The person signed in on the acceptance page, from their Entra ID token or access token. */
export interface CustomerIdentity {
  readonly tenantId: string;
  readonly objectId: string;
  /** The sign-in name to show and record (`preferred_username`, else `upn`); never decides. */
  readonly username: string | undefined;
  /** The user principal name (`upn`), the only name the domain rule reads. */
  readonly upn: string | undefined;
  readonly name: string | undefined;
  readonly givenName: string | undefined;
  readonly familyName: string | undefined;
  readonly email: string | undefined;
  /** Entra directory role template ids (`wids`). */
  readonly directoryRoles: readonly string[];
}

export type AcceptanceEligibility =
  | { readonly kind: 'eligible' }
  | {
      readonly kind: 'refused';
      readonly reason: 'TENANT_MISMATCH' | 'DOMAIN_MISMATCH' | 'NOT_GLOBAL_ADMIN';
    };

/** The domain part of a sign-in name, lower-cased; undefined when it has none. */
export function signInDomainOf(username: string | undefined): string | undefined {
  const at = username?.lastIndexOf('@') ?? -1;
  if (username === undefined || at <= 0 || at === username.length - 1) {
    return undefined;
  }
  return username.slice(at + 1).toLowerCase();
}

/**
 * Decides whether `identity` may accept for the customer of `customerDomain`, whose owning tenant
 * is `domainOwnerTenantId` (undefined: no tenant has verified the domain, so nobody may). The
 * organization is checked first, then the domain: someone of another organisation is told to use
 * an account of the customer's, whatever their role at home.
 */
export function decideAcceptanceEligibility(
  identity: CustomerIdentity,
  customerDomain: string,
  domainOwnerTenantId: string | undefined,
): AcceptanceEligibility {
  if (
    domainOwnerTenantId === undefined ||
    identity.tenantId.toLowerCase() !== domainOwnerTenantId.toLowerCase()
  ) {
    return { kind: 'refused', reason: 'TENANT_MISMATCH' };
  }
  if (signInDomainOf(identity.upn) !== customerDomain.toLowerCase()) {
    return { kind: 'refused', reason: 'DOMAIN_MISMATCH' };
  }
  if (!identity.directoryRoles.includes(GLOBAL_ADMINISTRATOR_ROLE_ID)) {
    return { kind: 'refused', reason: 'NOT_GLOBAL_ADMIN' };
  }
  return { kind: 'eligible' };
}

/**
 * The signer details the MCA form starts with: what the identity says, for the admin to
 * correct (the attestation records what the signer states). Entra's `name` is split only when
 * the token has no given and family names.
 */
export function prefilledSigner(identity: CustomerIdentity): {
  firstName: string;
  lastName: string;
  email: string;
} {
  const parts = (identity.name ?? '').trim().split(/\s+/).filter(Boolean);
  const firstName = identity.givenName ?? (parts.length > 1 ? parts.slice(0, -1).join(' ') : '');
  const lastName = identity.familyName ?? (parts.length > 1 ? parts.at(-1)! : (parts[0] ?? ''));
  const email = identity.email ?? (identity.username?.includes('@') ? identity.username : '');
  return { firstName, lastName, email };
}
