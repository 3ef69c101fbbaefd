import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../shared/domain/acceptanceEligibility';
import type { LocalStack } from '../../local/localStack';
import { tenantIdForDomain } from '../../local/servers/devTokenIssuer';

/**
 * A bearer token of the Global Administrator of the customer tenant that owns `domain` (the
 * tenant the local issuer signs that domain in to), as acceptance needs.
 */
export function customerAdminToken(stack: LocalStack, domain: string): Promise<string> {
  return stack.mintToken(tenantIdForDomain(domain), [], {
    preferredUsername: `admin@${domain}`,
    directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
  });
}
