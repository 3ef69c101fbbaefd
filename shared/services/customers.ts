import { notFound, ProblemError } from '../domain/problem';
import { updateDocument, type Page, type UpdateDecision } from '../store/documentStore';
import {
  partitionKeys,
  relationshipId,
  type RelationshipDocument,
  type SupportContact,
} from '../store/documents';
import type { ResellerConfirmationState } from '../domain/resellerConfirmation';
import type { Dependencies } from './dependencies';
import { recordEvent, relationshipEvent } from './events';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CustomerListQuery {
  readonly limit: number;
  readonly continuationToken?: string;
  /** Only customers whose delegated admin access ends within this many days, soonest first. */
  readonly delegatedAdminEndsWithinDays?: number;
  /** Only customers whose company name or domain starts with this, ignoring case. */
  readonly search?: string;
  /** Only customers whose reseller relationship Microsoft has this confirmation state of. */
  readonly confirmation?: ResellerConfirmationState;
}

/**
 * The partner's Customers list: active relationships, most recently activated first, one
 * single-partition page at a time. Filtered by the end of delegated admin access, it lists the
 * grants still in effect (active or expiring) that end by then, the soonest first. A search
 * narrows either to the customers whose company name or domain starts with it, ignoring case,
 * over every customer of the partner (not only a loaded page).
 */
export async function listCustomers(
  deps: Dependencies,
  partnerTenantId: string,
  query: CustomerListQuery,
): Promise<Page<RelationshipDocument>> {
  const page = {
    limit: query.limit,
    ...(query.continuationToken === undefined
      ? {}
      : { continuationToken: query.continuationToken }),
  };
  const parameters = [{ name: '@type', value: 'relationship' }];
  // Cosmos's case-insensitive STARTSWITH (third argument `true`) is served from the range index;
  // the partition key keeps the query in the partner's own partition, as every list here is.
  const searched =
    query.search === undefined
      ? ''
      : ' AND (STARTSWITH(c.customer.companyName, @search, true) OR STARTSWITH(c.customer.domain, @search, true))';
  if (query.search !== undefined) {
    parameters.push({ name: '@search', value: query.search });
  }
  // Relationships older than confirmations have none stored; they await the customer.
  const confirmed =
    query.confirmation === undefined
      ? ''
      : query.confirmation === 'awaitingCustomer'
        ? ' AND (NOT IS_DEFINED(c.reseller) OR c.reseller.state = @confirmation)'
        : ' AND c.reseller.state = @confirmation';
  if (query.confirmation !== undefined) {
    parameters.push({ name: '@confirmation', value: query.confirmation });
  }
  if (query.delegatedAdminEndsWithinDays === undefined) {
    return deps.store.queryPage<RelationshipDocument>(
      partitionKeys.partner(partnerTenantId),
      {
        query: `SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.status = 'active'${searched}${confirmed} ORDER BY c.activatedAt DESC`,
        parameters,
      },
      page,
    );
  }
  const until = new Date(deps.now().getTime() + query.delegatedAdminEndsWithinDays * DAY_MS);
  return deps.store.queryPage<RelationshipDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query: `SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.status = 'active' AND c.delegatedAdmin.status IN ('active', 'expiring') AND c.delegatedAdmin.endsAt <= @until${searched}${confirmed} ORDER BY c.delegatedAdmin.endsAt ASC`,
      parameters: [...parameters, { name: '@until', value: until.toISOString() }],
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

function relationshipRemoved(): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'RELATIONSHIP_REMOVED',
    title: 'The reseller relationship has been removed',
    detail: 'Invite the customer again to re-establish the relationship.',
  });
}

export interface SupportContactInput {
  readonly supportTenantId: string;
  readonly supportMpnId: string;
  readonly name: string;
}

/**
 * Assigns the partner's support contact for an active customer and answers the contact as
 * written. The partner stays responsible for support whatever the customer does with admin
 * privileges, so this does not depend on DAP.
 */
export async function assignSupportContact(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
  input: SupportContactInput,
  actor: string,
): Promise<SupportContact> {
  const at = deps.now().toISOString();
  const supportContact: SupportContact = { ...input, assignedAt: at };
  let before: RelationshipDocument['supportContact'] = null;
  const result = await updateRelationship(deps, partnerTenantId, customerId, (current) => {
    if (current.status !== 'active') {
      throw relationshipRemoved();
    }
    before = current.supportContact;
    return {
      write: { ...current, supportContact, updatedAt: at },
    };
  });
  await recordEvent(
    deps,
    relationshipEvent(
      partnerTenantId,
      customerId,
      'supportContact.assigned',
      actor,
      `support:${result.document._etag}`,
      {
        at,
        before: before === null ? null : { supportContact: before },
        after: { supportContact },
      },
    ),
  );
  return supportContact;
}

/** Clears the support contact; clearing none is not an error. */
export async function removeSupportContact(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
  actor: string,
): Promise<void> {
  const at = deps.now().toISOString();
  let before: RelationshipDocument['supportContact'] = null;
  const result = await updateRelationship(deps, partnerTenantId, customerId, (current) => {
    before = current.supportContact;
    return current.supportContact === null
      ? { keep: true }
      : { write: { ...current, supportContact: null, updatedAt: at } };
  });
  if (result.written) {
    await recordEvent(
      deps,
      relationshipEvent(
        partnerTenantId,
        customerId,
        'supportContact.removed',
        actor,
        `support:${result.document._etag}`,
        {
          at,
          before: { supportContact: before },
        },
      ),
    );
  }
}

/**
 * Ends the reseller relationship: it leaves the Customers list and delegated admin privileges
 * end with it. The document stays (history, support of old invoices); a new invitation can
 * re-establish the relationship.
 */
export async function removeRelationship(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
  actor: string,
): Promise<RelationshipDocument> {
  const at = deps.now().toISOString();
  let before: RelationshipDocument | undefined;
  const result = await updateRelationship(deps, partnerTenantId, customerId, (current) => {
    before = current;
    return current.status === 'removed'
      ? { keep: true }
      : {
          write: {
            ...current,
            status: 'removed',
            delegatedAdmin: { state: 'none', changedAt: at, changedBy: actor },
            removedAt: at,
            removedBy: actor,
            updatedAt: at,
          },
        };
  });
  if (result.written && before !== undefined) {
    await recordEvent(
      deps,
      relationshipEvent(
        partnerTenantId,
        customerId,
        'relationship.removed',
        actor,
        `removed:${at}`,
        {
          at,
          before: { status: before.status, delegatedAdmin: before.delegatedAdmin },
          after: { status: 'removed', delegatedAdmin: result.document.delegatedAdmin },
        },
      ),
    );
  }
  return result.document;
}

/**
 * Read-decide-write on one of the partner's relationships under optimistic concurrency; a
 * relationship the partner does not have is a 404, whoever asks.
 */
export async function updateRelationship(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
  decide: (current: RelationshipDocument) => UpdateDecision<RelationshipDocument>,
  missing = 'The customer',
): Promise<{ document: RelationshipDocument; written: boolean }> {
  const result = await updateDocument<RelationshipDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    relationshipId(customerId),
    decide,
  );
  if (result === undefined) {
    throw notFound(missing);
  }
  return result;
}
