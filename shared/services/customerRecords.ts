import { createUnlessExists, DocumentConflictError, updateDocument } from '../store/documentStore';
import {
  partitionKeys,
  type CustomerDocument,
  type CustomerTenantDocument,
  type InvitationDocument,
  type McaAttestationDocument,
} from '../store/documents';
import type { Dependencies } from './dependencies';

/**
 * Creates the customer record an invitation names, with what its acceptance carries (the MCA and
 * the tenant): a first acceptance is one write. Undefined when the record exists already; every
 * partner of the customer shares it, so concurrent first uses converge on one record.
 */
async function createCustomerRecord(
  deps: Dependencies,
  invitation: InvitationDocument,
  accepted: Pick<CustomerDocument, 'mca' | 'tenantId'>,
): Promise<CustomerDocument | undefined> {
  const at = deps.now().toISOString();
  try {
    return await deps.store.create<CustomerDocument>({
      id: 'customer',
      pk: partitionKeys.customer(invitation.customerId),
      type: 'customer',
      customerId: invitation.customerId,
      domain: invitation.customer.domain,
      companyName: invitation.customer.companyName,
      country: invitation.customer.country,
      ...accepted,
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if (error instanceof DocumentConflictError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Carries what an accepted invitation says about the customer onto the customer's records: the
 * MCA attestation it was accepted with (one document per acceptance, keyed by the invitation)
 * and the customer's Entra tenant from the admin's sign-in. The first MCA and the first tenant
 * stay; every step is idempotent, so activation can run it on each redelivery.
 */
export async function recordCustomerAcceptance(
  deps: Dependencies,
  invitation: InvitationDocument,
): Promise<CustomerDocument> {
  const mca = invitation.acceptance?.mca;
  const tenantId = invitation.acceptance?.signedIn?.tenantId;
  const pk = partitionKeys.customer(invitation.customerId);
  if (mca !== undefined) {
    // Unless it exists: a redelivered message writes nothing twice.
    await createUnlessExists<McaAttestationDocument>(deps.store, {
      ...mca,
      id: `mca:${mca.attestationId}`,
      pk,
      type: 'mcaAttestation',
      customerId: invitation.customerId,
      invitationId: invitation.id,
      partnerTenantId: invitation.partnerTenantId,
    });
  }
  const at = deps.now().toISOString();
  const created = await createCustomerRecord(deps, invitation, {
    ...(mca === undefined ? {} : { mca }),
    ...(tenantId === undefined ? {} : { tenantId }),
  });
  const updated =
    created === undefined
      ? await updateDocument<CustomerDocument>(deps.store, pk, 'customer', (current) => {
          const addMca = mca !== undefined && current.mca === undefined;
          const addTenant = tenantId !== undefined && current.tenantId === undefined;
          return addMca || addTenant
            ? {
                write: {
                  ...current,
                  ...(addMca ? { mca } : {}),
                  ...(addTenant ? { tenantId } : {}),
                  updatedAt: at,
                },
              }
            : { keep: true };
        })
      : { document: created, written: true };
  if (updated === undefined) {
    // The create said it exists, the read did not find it: retried with the message.
    throw new Error(`Customer record ${invitation.customerId} vanished while being updated`);
  }
  const record = updated.document;
  if (tenantId !== undefined && record.tenantId === tenantId) {
    await bindTenant(deps, tenantId, record.customerId, `customer:${tenantId}`);
  }
  return record;
}

/**
 * The customer bound to a tenant, checked from both sides: the tenant's binding and the
 * customer's record must name each other, so a binding left by a lost race grants nothing.
 */
export async function boundCustomerOf(
  deps: Dependencies,
  tenantId: string,
): Promise<string | undefined> {
  const binding = await deps.store.read<CustomerTenantDocument>(
    partitionKeys.customerTenant(tenantId),
    'tenant',
  );
  if (binding === undefined) {
    return undefined;
  }
  const customer = await deps.store.read<CustomerDocument>(
    partitionKeys.customer(binding.customerId),
    'customer',
  );
  return customer?.tenantId === tenantId ? binding.customerId : undefined;
}

/**
 * Points the tenant's binding at the customer. A binding to another customer stands only if
 * that customer really is bound to the tenant ('taken'); otherwise it is what a lost race left
 * behind, and is replaced.
 */
export async function bindTenant(
  deps: Dependencies,
  tenantId: string,
  customerId: string,
  actor: string,
): Promise<'bound' | 'taken'> {
  const pk = partitionKeys.customerTenant(tenantId);
  const at = deps.now().toISOString();
  try {
    await deps.store.create<CustomerTenantDocument>({
      id: 'tenant',
      pk,
      type: 'customerTenant',
      tenantId,
      customerId,
      claimedAt: at,
      claimedBy: actor,
    });
    return 'bound';
  } catch (error) {
    if (!(error instanceof DocumentConflictError)) {
      throw error;
    }
  }
  const existing = await deps.store.read<CustomerTenantDocument>(pk, 'tenant');
  if (existing === undefined || existing.customerId === customerId) {
    return 'bound';
  }
  const other = await boundCustomerOf(deps, tenantId);
  if (other !== undefined && other !== customerId) {
    return 'taken';
  }
  await updateDocument<CustomerTenantDocument>(deps.store, pk, 'tenant', (binding) => ({
    write: { ...binding, customerId, claimedAt: at, claimedBy: actor },
  }));
  return 'bound';
}
