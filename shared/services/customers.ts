import { notFound } from '../http/problem';
import type { Page } from '../store/documentStore';
import { partitionKeys, relationshipId, type RelationshipDocument } from '../store/documents';
import type { Dependencies } from './dependencies';

/**
 * The partner's Customers list: active relationships, most recently activated first, one
 * single-partition page at a time.
 */
export async function listCustomers(
  deps: Dependencies,
  partnerTenantId: string,
  page: { limit: number; continuationToken?: string },
): Promise<Page<RelationshipDocument>> {
  return deps.store.queryPage<RelationshipDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query:
        "SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.status = 'active' ORDER BY c.activatedAt DESC",
      parameters: [{ name: '@type', value: 'relationship' }],
    },
    page,
  );
}

/** One customer of the partner; a customer of another partner is not found. */
export async function getCustomer(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
): Promise<RelationshipDocument> {
  const relationship = await deps.store.read<RelationshipDocument>(
    partitionKeys.partner(partnerTenantId),
    relationshipId(customerId),
  );
  if (relationship === undefined || relationship.type !== 'relationship') {
    throw notFound('The customer');
  }
  return relationship;
}
