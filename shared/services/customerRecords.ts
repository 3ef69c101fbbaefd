import { createUnlessExists, DocumentConflictError, updateDocument } from '../store/documentStore';
import {
  customerPartnerId,
  partitionKeys,
  type CustomerDocument,
  type CustomerPartnerDocument,
  type CustomerTenantDocument,
  type InvitationDocument,
  type McaAcceptance,
  type McaAttestationDocument,
} from '../store/documents';
import type { Dependencies } from './dependencies';

/** The customer record an invitation names, with what its acceptance carries (MCA, tenant). */
function newCustomerRecord(
  invitation: InvitationDocument,
  accepted: Pick<CustomerDocument, 'mca' | 'tenantId'>,
  at: string,
): CustomerDocument {
  return {
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
  };
}

/** The MCA attestation an acceptance carries; its id is the acceptance's, so it exists once. */
function attestationOf(invitation: InvitationDocument, mca: McaAcceptance): McaAttestationDocument {
  return {
    ...mca,
    id: `mca:${mca.attestationId}`,
    pk: partitionKeys.customer(invitation.customerId),
    type: 'mcaAttestation',
    customerId: invitation.customerId,
    invitationId: invitation.id,
    partnerTenantId: invitation.partnerTenantId,
  };
}

/** The partner, listed on the customer's side so its admin finds every partner it has. */
function partnerEntryOf(invitation: InvitationDocument, at: string): CustomerPartnerDocument {
  return {
    id: customerPartnerId(invitation.partnerTenantId),
    pk: partitionKeys.customer(invitation.customerId),
    type: 'customerPartner',
    customerId: invitation.customerId,
    partnerTenantId: invitation.partnerTenantId,
    createdAt: at,
  };
}

/**
 * Carries what an accepted invitation says about the customer onto the customer's records: the
 * customer record with the customer's Entra tenant from the admin's sign-in, the MCA
 * attestation it was accepted with (one document per acceptance, keyed by the invitation), and
 * the partner in the customer's list of partners; then binds the tenant to the customer. The
 * first MCA and the first tenant stay. A new customer's records are one transactional batch;
 * an existing customer's are brought up to date step by step, each step idempotent, so
 * activation can run this on each redelivery.
 */
export async function recordCustomerAcceptance(
  deps: Dependencies,
  invitation: InvitationDocument,
): Promise<CustomerDocument> {
  const mca = invitation.acceptance?.mca;
  const tenantId = invitation.acceptance?.signedIn?.tenantId;
  const at = deps.now().toISOString();
  const accepted = {
    ...(mca === undefined ? {} : { mca }),
    ...(tenantId === undefined ? {} : { tenantId }),
  };
  const record =
    (await createCustomerRecords(deps, invitation, accepted, at)) ??
    (await updateCustomerRecords(deps, invitation, accepted, at));
  if (tenantId !== undefined && record.tenantId === tenantId) {
    await bindTenant(deps, tenantId, record.customerId, `customer:${tenantId}`);
  }
  return record;
}

/** A new customer's records in one batch; undefined, having written nothing, when any exists. */
async function createCustomerRecords(
  deps: Dependencies,
  invitation: InvitationDocument,
  accepted: Pick<CustomerDocument, 'mca' | 'tenantId'>,
  at: string,
): Promise<CustomerDocument | undefined> {
  const record = newCustomerRecord(invitation, accepted, at);
  try {
    const [created] = await deps.store.batch(record.pk, [
      { kind: 'create', document: record },
      ...(accepted.mca === undefined
        ? []
        : [{ kind: 'create', document: attestationOf(invitation, accepted.mca) } as const]),
      { kind: 'create', document: partnerEntryOf(invitation, at) },
    ]);
    return created as CustomerDocument;
  } catch (error) {
    if (error instanceof DocumentConflictError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * An existing customer's records, brought up to date: the attestation and the partner entry
 * unless they exist, the MCA and the tenant onto the record unless it has them. Every partner
 * of the customer shares the record, so concurrent first uses converge on one.
 */
async function updateCustomerRecords(
  deps: Dependencies,
  invitation: InvitationDocument,
  accepted: Pick<CustomerDocument, 'mca' | 'tenantId'>,
  at: string,
): Promise<CustomerDocument> {
  const { mca, tenantId } = accepted;
  if (mca !== undefined) {
    await createUnlessExists(deps.store, attestationOf(invitation, mca));
  }
  await createUnlessExists(deps.store, partnerEntryOf(invitation, at));
  const record = newCustomerRecord(invitation, accepted, at);
  if (await createUnlessExists(deps.store, record)) {
    return record;
  }
  const updated = await updateDocument<CustomerDocument>(
    deps.store,
    record.pk,
    record.id,
    (current) => {
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
    },
  );
  if (updated === undefined) {
    // The create said it exists, the read did not find it: retried with the message.
    throw new Error(`Customer record ${invitation.customerId} vanished while being updated`);
  }
  return updated.document;
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
