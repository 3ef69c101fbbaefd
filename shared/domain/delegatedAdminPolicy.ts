import type { PartnerCloud } from './cloud';

/**
 * Where delegated admin privileges can be requested. Kept as a table over every cloud so that
 * adding a cloud to `PartnerCloud` fails to compile until someone decides its policy.
 */
const DELEGATED_ADMIN_AVAILABLE: Readonly<Record<PartnerCloud, boolean>> = {
  public: true,
  germany: false,
  usgov: false,
};

/**
 * Partners operating in Microsoft Cloud for US Government or Microsoft Cloud Germany cannot
 * ask customers for delegated admin privileges (DAP); the caller answers such a request with a
 * 422 rather than silently dropping the option.
 */
export function canRequestDelegatedAdmin(cloud: PartnerCloud): boolean {
  // `=== true` so that a value smuggled past the type (e.g. from stored JSON) is refused.
  return DELEGATED_ADMIN_AVAILABLE[cloud] === true;
}
