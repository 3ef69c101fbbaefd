import { ProblemError } from '../domain/problem';

/** The problem code of a caller signed in to another organization than the domain's owner. */
export const TENANT_MISMATCH = 'SIGN_IN_TENANT_MISMATCH';

/**
 * The refusal of someone signed in to `signedInTenantId` for `domain`, owned by
 * `ownerTenantId`. It names the organization expected (a tenant id is public: anyone can read
 * the domain's OpenID configuration) and nothing personal, so it can be logged as it is.
 */
export class TenantMismatchProblem extends ProblemError {
  constructor(
    domain: string,
    readonly signedInTenantId: string,
    readonly ownerTenantId: string,
  ) {
    super({
      status: 403,
      code: TENANT_MISMATCH,
      title: 'Forbidden',
      detail: `You are signed in to the Microsoft Entra organization ${signedInTenantId}, but ${domain} belongs to the organization ${ownerTenantId}. Sign in with a Global Administrator account of that organization.`,
      errors: [
        {
          field: 'tid',
          code: TENANT_MISMATCH,
          message: `must be ${ownerTenantId}, the organization that owns ${domain}`,
        },
      ],
    });
  }

  /** What a log may say of it: tenant ids, no names. */
  logProperties(): Record<string, string> {
    return { signedInTenantId: this.signedInTenantId, domainOwnerTenantId: this.ownerTenantId };
  }
}

export function tenantMismatch(domain: string, signedInTenantId: string, ownerTenantId: string) {
  return new TenantMismatchProblem(domain, signedInTenantId.toLowerCase(), ownerTenantId);
}
