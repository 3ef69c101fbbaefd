import type { Dependencies } from './dependencies';

/**
 * Placeholder for the reseller relationship's Microsoft confirmation (issue 23, branch
 * issue-23b writes the real one with this exact signature): Partner Center said a customer
 * accepted the reseller relationship. Until then the event is only acknowledged.
 */
export async function resellerRelationshipEvent(
  _deps: Dependencies,
  _partnerTenantId: string,
  _customerTenantId: string,
): Promise<void> {
  return Promise.resolve();
}
