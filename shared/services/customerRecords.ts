import { DocumentConflictError } from '../store/documentStore';
import { partitionKeys, type CustomerDocument, type InvitationDocument } from '../store/documents';
import type { Dependencies } from './dependencies';

/**
 * The customer record an invitation names, created from the invitation on first use. Every
 * partner of the customer shares it, so concurrent first uses converge on one record.
 */
export async function ensureCustomerRecord(
  deps: Dependencies,
  invitation: InvitationDocument,
): Promise<CustomerDocument> {
  const pk = partitionKeys.customer(invitation.customerId);
  const existing = await deps.store.read<CustomerDocument>(pk, 'customer');
  if (existing !== undefined) {
    return existing;
  }
  const at = deps.now().toISOString();
  try {
    return await deps.store.create<CustomerDocument>({
      id: 'customer',
      pk,
      type: 'customer',
      customerId: invitation.customerId,
      domain: invitation.customer.domain,
      companyName: invitation.customer.companyName,
      country: invitation.customer.country,
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if (error instanceof DocumentConflictError) {
      return (await deps.store.read<CustomerDocument>(pk, 'customer'))!;
    }
    throw error;
  }
}
