import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/tokenValidator';
import { signInDomainOf } from '../domain/acceptanceEligibility';
import type { DelegatedAdminRequest } from '../domain/delegatedAdminRequest';
import { CLASSIC_DAP_ROLES, GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from '../domain/entraRoles';
import { gdapApprovalUrl } from '../domain/gdapRelationship';
import { isGrantedGraphStatus, recheckDelaySeconds, waitingForOf } from '../domain/gdapTracking';
import { notFound, ProblemError } from '../domain/problem';
import { GraphCallFailed } from '../graph/delegatedAdminGraph';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import {
  partitionKeys,
  relationshipId,
  type CustomerDocument,
  type CustomerPartnerDocument,
  type DelegatedAdminGrant,
  type GdapTracking,
  type RelationshipDocument,
} from '../store/documents';
import { resolveLink } from './acceptance';
import { updateRelationship } from './customers';
import type { Dependencies } from './dependencies';
import { requireDomainOwner } from './domainOwnership';
import { bindTenant, boundCustomerOf } from './customerRecords';
import { recordEvent, relationshipEvent } from './events';
import { checkGdapRelationship, queueGdapCheckNow } from './gdapChecks';
import { createLockedRelationship } from './gdapRelationships';
import { recordConnectionOutcome, requireMicrosoftConnection } from './microsoftConnection';

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
 * What the customer's admin has to do in Microsoft, or what this service did there, after a
 * removal or restore: Microsoft holds delegated admin privileges, so our record follows Graph.
 * - `terminatedInGraph`: the partner's connection terminated the granular relationship through
 *   Graph (`graphStatus` is what Graph then said: `terminated` or `terminationRequested`);
 * - `removeInAdminCenter`: this service cannot end it (classic DAP, a request not yet approved,
 *   the partner's connection unavailable): the customer removes it in the admin center (`url`),
 *   and the removal request is recorded until Graph or Partner Center tells otherwise;
 * - `approveInAdminCenter`: a new granular request waits in Graph for the customer's approval
 *   at `url`;
 * - `none`: nothing to do (nothing held, or already active).
 */
export interface MicrosoftStep {
  readonly action: 'terminatedInGraph' | 'removeInAdminCenter' | 'approveInAdminCenter' | 'none';
  readonly graphRelationshipId: string | null;
  readonly graphStatus: string | null;
  readonly url: string | null;
}

export interface DelegatedAdminOutcome {
  readonly relationship: RelationshipDocument;
  readonly microsoft: MicrosoftStep;
}

const NOTHING_TO_DO: MicrosoftStep = {
  action: 'none',
  graphRelationshipId: null,
  graphStatus: null,
  url: null,
};

/** The Microsoft 365 admin center's page of the customer's partner relationships. */
function partnerRelationshipsUrl(deps: Dependencies): string {
  return `${deps.config.microsoft.adminCenterUrl.replace(/\/+$/, '')}/AdminPortal/Home#/partners`;
}

async function activeRelationshipOf(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
): Promise<RelationshipDocument> {
  const relationship = await deps.store.read<RelationshipDocument>(
    partitionKeys.partner(partnerTenantId),
    relationshipId(customerId),
  );
  if (relationship === undefined) throw notFound('The partner');
  if (relationship.status !== 'active') {
    throw conflict('RELATIONSHIP_REMOVED', 'The reseller relationship has been removed.');
  }
  return relationship;
}

/**
 * The customer's admin takes a partner's delegated admin privileges away; the reseller
 * relationship stays. Microsoft decides: a granular relationship Graph last said is active is
 * terminated through the partner's connection (Graph documents `terminate` for the partner) and
 * read back, so our record is what Graph then says (`delegatedAdmin.changed`, actor
 * `microsoft:graph`). Anything this service cannot end in Microsoft (classic DAP, a request not
 * approved yet, the connection refused or Graph down) is recorded as `removalRequested` and the
 * customer is sent to the admin center; the checks learn the outcome. The request itself is
 * the audit event `delegatedAdmin.removed` (the customer's word; a webhook event).
 */
export async function removeDelegatedAdmin(
  deps: Dependencies,
  caller: Caller,
  partnerTenantId: string,
): Promise<DelegatedAdminOutcome> {
  const customerId = await customerOf(deps, caller);
  const relationship = await activeRelationshipOf(deps, partnerTenantId, customerId);
  const grant = relationship.delegatedAdmin;
  const held =
    grant.state === 'active' ||
    grant.status === 'approvalPending' ||
    grant.status === 'active' ||
    grant.status === 'expiring';
  if (!held) return { relationship, microsoft: NOTHING_TO_DO };
  const actor = actorOf(caller);
  const gdap = relationship.gdap;
  if (gdap !== undefined && isGrantedGraphStatus(gdap.status)) {
    const terminated = await terminateInGraph(deps, partnerTenantId, gdap.graphId);
    if (terminated) {
      await checkGdapRelationship(deps, {
        partnerTenantId,
        customerId,
        graphId: gdap.graphId,
        reason: 'customerRequest',
      });
      const after = await activeRelationshipOf(deps, partnerTenantId, customerId);
      await recordRemoval(deps, relationship, after, actor, 'graph');
      return {
        relationship: after,
        microsoft: {
          action: 'terminatedInGraph',
          graphRelationshipId: gdap.graphId,
          graphStatus: after.gdap?.status ?? null,
          url: null,
        },
      };
    }
  }
  const at = deps.now().toISOString();
  const result = await updateRelationship(
    deps,
    partnerTenantId,
    customerId,
    (current) =>
      current.delegatedAdmin.removalRequestedAt !== undefined
        ? { keep: true }
        : {
            write: {
              ...current,
              delegatedAdmin: {
                ...current.delegatedAdmin,
                removalRequestedAt: at,
                removalRequestedBy: actor,
              },
              updatedAt: at,
            },
          },
    'The partner',
  );
  if (result.written)
    await recordRemoval(deps, relationship, result.document, actor, 'adminCenter');
  return {
    relationship: result.document,
    microsoft: {
      action: 'removeInAdminCenter',
      graphRelationshipId: gdap?.graphId ?? null,
      graphStatus: gdap?.status ?? null,
      url: partnerRelationshipsUrl(deps),
    },
  };
}

/** Terminates through Graph; false when Graph cannot (the caller sends the customer to Microsoft). */
async function terminateInGraph(
  deps: Dependencies,
  partnerTenantId: string,
  graphId: string,
): Promise<boolean> {
  try {
    await deps.graph.terminateRelationship(partnerTenantId, graphId);
    return true;
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    if (error.kind === 'consentWithdrawn' || error.kind === 'notConnected') {
      await recordConnectionOutcome(deps, partnerTenantId, 'refused', 'system');
    }
    // Already ended or gone at Microsoft: reading it back tells which.
    return error.kind === 'rejected' || error.kind === 'notFound';
  }
}

async function recordRemoval(
  deps: Dependencies,
  before: RelationshipDocument,
  after: RelationshipDocument,
  actor: string,
  via: 'graph' | 'adminCenter',
): Promise<void> {
  const at = deps.now().toISOString();
  await recordEvent(
    deps,
    relationshipEvent(
      after.partnerTenantId,
      after.customerId,
      'delegatedAdmin.removed',
      actor,
      `dap:${at}:false`,
      {
        at,
        before: { delegatedAdmin: before.delegatedAdmin },
        after: { delegatedAdmin: after.delegatedAdmin, via },
      },
    ),
  );
}

/**
 * The customer's admin gives a partner delegated admin privileges back. Only Microsoft can grant
 * them, so this asks Microsoft: a new granular relationship is created in the partner's tenant
 * through Graph, for the customer's tenant, with the roles and term the partner held (classic
 * DAP's roles as granular ones: Global Administrator and Helpdesk Administrator for 730 days,
 * Microsoft's successor to DAP), locked for approval; the customer approves it at `url` and the
 * checks make it active once Graph says so. A request already waiting is answered again, not
 * made twice. Privileges the partner never requested need its invitation (409
 * `DAP_NOT_REQUESTED`); the partner not connected is 409 `MICROSOFT_NOT_CONNECTED`.
 */
export async function restoreDelegatedAdmin(
  deps: Dependencies,
  caller: Caller,
  partnerTenantId: string,
): Promise<DelegatedAdminOutcome> {
  const customerId = await customerOf(deps, caller);
  const relationship = await activeRelationshipOf(deps, partnerTenantId, customerId);
  const grant = relationship.delegatedAdmin;
  if (grant.state === 'active') return { relationship, microsoft: NOTHING_TO_DO };
  const waiting = relationship.gdap;
  if (waiting !== undefined && waiting.status === 'approvalPending') {
    return { relationship, microsoft: approvalStep(deps, waiting.graphId) };
  }
  if (waiting !== undefined && isGrantedGraphStatus(waiting.status)) {
    // Graph last said the partner holds it: nothing to ask for; a check now corrects our record.
    await queueGdapCheckNow(deps, partnerTenantId, customerId, waiting.graphId, 'customerRequest');
    return {
      relationship,
      microsoft: {
        ...NOTHING_TO_DO,
        graphRelationshipId: waiting.graphId,
        graphStatus: waiting.status,
      },
    };
  }
  if (grant.status === undefined && grant.state === 'none') {
    throw conflict(
      'DAP_NOT_REQUESTED',
      'This partner has no delegated admin privileges to give back; it can request them with an invitation.',
    );
  }
  await requireMicrosoftConnection(deps, partnerTenantId);
  const roles = grant.roles ?? CLASSIC_DAP_ROLES;
  const request: DelegatedAdminRequest = {
    roles,
    duration: grant.duration ?? CLASSIC_RESTORE_DURATION,
    // Graph refuses auto-extension with Global Administrator among the roles.
    autoExtend: (grant.autoExtend ?? false) && !roles.includes(GLOBAL_ADMINISTRATOR_TEMPLATE_ID),
  };
  const requestId = randomUUID();
  const ref = await createLockedRelationship(
    deps,
    partnerTenantId,
    requestId,
    relationship.customer.companyName,
    request,
    caller.tenantId,
  );
  const at = deps.now().toISOString();
  const checkId = randomUUID();
  const tracking: GdapTracking = {
    graphId: ref.relationshipId,
    // The grant it replaces keeps its invitation: the approval grants these roles again.
    invitationId: grant.invitationId ?? relationship.gdap?.invitationId ?? `restore-${requestId}`,
    status: ref.status,
    checkedAt: ref.checkedAt,
    learnedFrom: 'created',
    waitingFor: waitingForOf(ref.status),
    checkId,
    nextCheckAt: at,
    attempts: 0,
    failures: 0,
  };
  const result = await updateRelationship(
    deps,
    partnerTenantId,
    customerId,
    (current) =>
      current.status !== 'active' || current.gdap?.status === 'approvalPending'
        ? { keep: true }
        : {
            write: {
              ...current,
              gdap: tracking,
              delegatedAdmin: withoutRemovalRequest(current.delegatedAdmin),
              updatedAt: at,
            },
          },
    'The partner',
  );
  if (!result.written) {
    // Another restore got there first: its request is the one to approve (this one, unlocked
    // by nobody, expires unapproved at Microsoft).
    const current = result.document.gdap;
    return {
      relationship: result.document,
      microsoft:
        current?.status === 'approvalPending' ? approvalStep(deps, current.graphId) : NOTHING_TO_DO,
    };
  }
  await deps.queue.send(
    QUEUES.graphChecks,
    {
      partnerTenantId,
      customerId,
      graphId: ref.relationshipId,
      checkId,
      reason: 'scheduled',
    },
    { delaySeconds: recheckDelaySeconds(0, deps.config.microsoft.recheckBaseSeconds) },
  );
  await recordEvent(
    deps,
    relationshipEvent(
      partnerTenantId,
      customerId,
      'delegatedAdmin.restoreRequested',
      actorOf(caller),
      `restore:${ref.relationshipId}`,
      {
        at,
        before: { delegatedAdmin: grant },
        after: {
          graphRelationshipId: ref.relationshipId,
          roles: request.roles,
          duration: request.duration,
          autoExtend: request.autoExtend,
        },
      },
    ),
  );
  return { relationship: result.document, microsoft: approvalStep(deps, ref.relationshipId) };
}

/** Classic DAP had no end; its granular successor asks for the longest term Graph allows. */
const CLASSIC_RESTORE_DURATION = 'P730D';

function approvalStep(deps: Dependencies, graphId: string): MicrosoftStep {
  return {
    action: 'approveInAdminCenter',
    graphRelationshipId: graphId,
    graphStatus: 'approvalPending',
    url: gdapApprovalUrl(deps.config.microsoft.adminCenterUrl, graphId),
  };
}

function withoutRemovalRequest(grant: DelegatedAdminGrant): DelegatedAdminGrant {
  const { removalRequestedAt: _at, removalRequestedBy: _by, ...rest } = grant;
  return rest;
}
