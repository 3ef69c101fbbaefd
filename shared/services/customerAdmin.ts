import type { Caller } from '../auth/tokenValidator';
import { signInDomainOf } from '../domain/acceptanceEligibility';
import { ProblemError } from '../domain/problem';
import { updateDocument } from '../store/documentStore';
import {
  partitionKeys,
  relationshipId,
  type CustomerDocument,
  type CustomerPartnerDocument,
  type RelationshipDocument,
} from '../store/documents';
import { resolveLink } from './acceptance';
import { updateRelationship } from './customers';
import type { Dependencies } from './dependencies';
import { requireDomainOwner } from './domainOwnership';
import { bindTenant, boundCustomerOf } from './customerRecords';
import { recordEvent, relationshipEvent } from './events';

/** The customer tenant acts; which of its users did is its own business, not the partner's. */
const actorOf = (caller: Caller) => `customer:${caller.tenantId}`;

function conflict(code: string, detail: string): ProblemError {
  return new ProblemError({ status: 409, code, title: 'Conflict', detail });
}

/**
 * Binds the caller's tenant to the customer that accepted an invitation. The proof is the
 * accepted invitation's link together with a Global Administrator token of the tenant that owns
 * the customer's domain, whose user principal name is in that domain; a customer is bound to one
 * tenant, and a tenant to one customer, once.
 */
export async function claimCustomer(
  deps: Dependencies,
  caller: Caller,
  acceptToken: string,
): Promise<CustomerDocument> {
  const invitation = await resolveLink(deps, acceptToken);
  if (invitation.status !== 'accepted' && invitation.status !== 'active') {
    throw conflict(
      'INVITATION_NOT_ACCEPTED',
      'Accept the invitation first; its link then proves the customer.',
    );
  }
  const customerPk = partitionKeys.customer(invitation.customerId);
  const customer = await deps.store.read<CustomerDocument>(customerPk, 'customer');
  if (customer === undefined) {
    throw conflict('INVITATION_NOT_ACCEPTED', 'The acceptance is still being processed.');
  }
  // The link alone travels by email: the caller's tenant must own the customer's domain, and
  // their user principal name (set by that tenant's admins, never by the user) be in it.
  await requireDomainOwner(deps, customer.domain, caller.tenantId);
  if (signInDomainOf(caller.upn) !== customer.domain) {
    throw new ProblemError({
      status: 403,
      code: 'CLAIM_DOMAIN_MISMATCH',
      title: 'Forbidden',
      detail: `Sign in with an administrator account of ${customer.domain} to claim this customer.`,
    });
  }
  if (customer.tenantId !== undefined && customer.tenantId !== caller.tenantId) {
    throw conflict('CUSTOMER_ALREADY_CLAIMED', 'This customer is bound to another tenant.');
  }
  const at = deps.now().toISOString();
  if (
    (await bindTenant(deps, caller.tenantId, invitation.customerId, actorOf(caller))) === 'taken'
  ) {
    throw conflict('TENANT_ALREADY_CLAIMED', 'This tenant is bound to another customer.');
  }
  const result = await updateDocument<CustomerDocument>(
    deps.store,
    customerPk,
    'customer',
    (current) => {
      if (current.tenantId === caller.tenantId) {
        return { keep: true };
      }
      if (current.tenantId !== undefined) {
        throw conflict('CUSTOMER_ALREADY_CLAIMED', 'This customer is bound to another tenant.');
      }
      return { write: { ...current, tenantId: caller.tenantId, updatedAt: at } };
    },
  );
  return result!.document;
}

/**
 * The customer the caller's tenant has claimed; a tenant that claimed none has nothing here. The
 * tenant must still own the customer's domain: a binding made before that rule, or a domain
 * since moved to another organization, gives no say over the customer.
 */
async function customerOf(deps: Dependencies, caller: Caller): Promise<string> {
  const customerId = await boundCustomerOf(deps, caller.tenantId);
  const customer =
    customerId === undefined
      ? undefined
      : await deps.store.read<CustomerDocument>(partitionKeys.customer(customerId), 'customer');
  if (customer !== undefined) {
    await requireDomainOwner(deps, customer.domain, caller.tenantId);
  }
  if (customerId === undefined) {
    throw new ProblemError({
      status: 404,
      code: 'CUSTOMER_NOT_CLAIMED',
      title: 'Not found',
      detail:
        'This tenant has not claimed a customer yet: POST /api/customer/claim with an accepted invitation link.',
    });
  }
  return customerId;
}

/**
 * Every partner with a reseller relationship with the caller's customer: one single-partition
 * query for the index, then a point read of each partner's own record of the relationship.
 */
export async function listCustomerPartners(
  deps: Dependencies,
  caller: Caller,
): Promise<RelationshipDocument[]> {
  const customerId = await customerOf(deps, caller);
  const partners: CustomerPartnerDocument[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await deps.store.queryPage<CustomerPartnerDocument>(
      partitionKeys.customer(customerId),
      {
        query: "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'customerPartner'",
        parameters: [],
      },
      { limit: 100, ...(continuationToken === undefined ? {} : { continuationToken }) },
    );
    partners.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  const relationships = await Promise.all(
    partners.map((entry) =>
      deps.store.read<RelationshipDocument>(
        partitionKeys.partner(entry.partnerTenantId),
        relationshipId(customerId),
      ),
    ),
  );
  return relationships
    .filter((r): r is RelationshipDocument => r !== undefined)
    .sort((a, b) => (a.activatedAt < b.activatedAt ? 1 : -1));
}

/**
 * The customer's admin removes (grant = false: the grant is `terminated`, with when and by
 * whom) or gives back (grant = true) a partner's delegated admin privileges. The reseller
 * relationship stays either way. Giving back is only possible after a removal and before the
 * grant's end date: privileges the partner never requested, or that ran out, need a partner
 * invitation.
 */
export async function setDelegatedAdmin(
  deps: Dependencies,
  caller: Caller,
  partnerTenantId: string,
  grant: boolean,
): Promise<RelationshipDocument> {
  const customerId = await customerOf(deps, caller);
  const at = deps.now().toISOString();
  const actor = actorOf(caller);
  let before: RelationshipDocument['delegatedAdmin'] | undefined;
  const result = await updateRelationship(
    deps,
    partnerTenantId,
    customerId,
    (current) => {
      if (current.status !== 'active') {
        throw conflict('RELATIONSHIP_REMOVED', 'The reseller relationship has been removed.');
      }
      before = current.delegatedAdmin;
      const state = current.delegatedAdmin.state;
      // A request Microsoft has not confirmed yet can be withdrawn by the customer too.
      const held = state === 'active' || current.delegatedAdmin.status === 'approvalPending';
      if (grant ? state === 'active' : !held) {
        return { keep: true };
      }
      if (grant && state === 'none') {
        throw conflict(
          'DAP_NOT_REQUESTED',
          'This partner has no delegated admin privileges to give back; it can request them with an invitation.',
        );
      }
      const endsAt = current.delegatedAdmin.endsAt;
      if (grant && endsAt != null && new Date(endsAt) <= deps.now()) {
        throw conflict(
          'DELEGATED_ADMIN_EXPIRED',
          'The delegated admin privileges this partner held have reached their end date; it can request them again with an invitation.',
        );
      }
      // The roles and dates stay: the partner sees what ended, and a give-back restores them.
      return {
        write: {
          ...current,
          delegatedAdmin: {
            ...current.delegatedAdmin,
            state: grant ? 'active' : 'removed',
            ...(current.delegatedAdmin.status === undefined
              ? {}
              : { status: grant ? 'active' : 'terminated' }),
            changedAt: at,
            changedBy: actor,
          },
          updatedAt: at,
        },
      };
    },
    'The partner',
  );
  if (result.written) {
    await recordEvent(
      deps,
      relationshipEvent(
        partnerTenantId,
        customerId,
        grant ? 'delegatedAdmin.restored' : 'delegatedAdmin.removed',
        actor,
        `dap:${at}:${grant}`,
        {
          at,
          before: before === undefined ? null : { delegatedAdmin: before },
          after: { delegatedAdmin: result.document.delegatedAdmin },
        },
      ),
    );
  }
  return result.document;
}
