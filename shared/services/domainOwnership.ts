import { ProblemError } from '../domain/problem';
import { tenantMismatch } from '../auth/tenantMismatch';
import type { Dependencies } from './dependencies';

/** No tenant has verified the domain, so nobody can answer for it. */
export function noDomainOwner(domain: string): ProblemError {
  return new ProblemError({
    status: 422,
    code: 'CUSTOMER_TENANT_NOT_FOUND',
    title: 'No organization owns the domain',
    detail: `No Microsoft Entra organization uses the domain ${domain}.`,
  });
}

/**
 * Refuses a caller whose tenant is not the one that owns `domain`; returns the owner. Entra lets
 * one tenant at a time verify a domain, so this is what makes "an admin of the customer" mean
 * the customer's own organization, whatever names the token carries.
 */
export async function requireDomainOwner(
  deps: Pick<Dependencies, 'domainTenants'>,
  domain: string,
  tenantId: string,
): Promise<string> {
  const owner = await deps.domainTenants.ownerOf(domain);
  if (owner === undefined) {
    throw noDomainOwner(domain);
  }
  if (owner !== tenantId.toLowerCase()) {
    throw tenantMismatch(domain, tenantId, owner);
  }
  return owner;
}
