import { CLASSIC_DAP_ROLES } from '../domain/entraRoles';
import { newCheckRound } from '../domain/resellerConfirmation';
import {
  DocumentChangedError,
  DocumentConflictError,
  updateDocument,
} from '../store/documentStore';
import {
  partitionKeys,
  relationshipId,
  type CustomerDocument,
  type DelegatedAdminGrant,
  type GdapTracking,
  type InvitationDocument,
  type RelationshipDocument,
} from '../store/documents';
import { waitingForOf } from '../domain/gdapTracking';
import { recordCustomerAcceptance } from './customerRecords';
import type { Dependencies } from './dependencies';
import { firstCheckIdOf, queueFirstGdapCheck } from './gdapChecks';
import {
  queueFanOutAgain,
  relationshipEvent,
  relationshipEventKey,
  writeWithEvent,
  type NewAuditEvent,
} from './events';
import { transitioned, type ActivationMessage } from './invitationTransitions';
import { startResellerChecks } from './resellerConfirmation';

export type ActivationOutcome = 'activated' | 'already-active' | 'not-accepted' | 'not-found';

/**
 * Makes an accepted invitation a real relationship: the customer's records, the partner's
 * relationship (created, re-established, or DAP restored), then the invitation `active` with
 * its audit event. Every step checks what is already there, so a redelivered message changes
 * nothing. The common case, a customer and relationship that are new, is one point read and
 * three writes: a batch in the customer's partition, the tenant binding, and one batch in the
 * partner's (the relationship, the invitation and the event).
 */
export async function activateRelationship(
  deps: Dependencies,
  message: ActivationMessage,
): Promise<ActivationOutcome> {
  const invitation = await deps.store.read<InvitationDocument>(
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
  );
  if (invitation === undefined) {
    return 'not-found';
  }
  if (invitation.status === 'active') {
    // A redelivery: the host that activated it may have stopped before it queued the webhooks
    // or the first check with Microsoft.
    await queueFanOutAgain(deps, {
      partnerTenantId: invitation.partnerTenantId,
      action: 'relationship.activated',
      dedupeKey: relationshipEventKey(invitation.customerId, activationOf(invitation)),
    });
    await startResellerChecks(deps, invitation.partnerTenantId, invitation.customerId);
    await queueFirstGdapCheck(deps, invitation);
    return 'already-active';
  }
  if (invitation.status !== 'accepted') {
    return 'not-accepted';
  }
  const customer = await recordCustomerAcceptance(deps, invitation);
  const created = await activateNewRelationship(deps, invitation, customer);
  if (created !== undefined) {
    await startResellerChecks(deps, created.partnerTenantId, created.customerId, created.reseller);
    await queueFirstGdapCheck(deps, invitation);
    return 'activated';
  }
  const after = await applyRelationship(deps, invitation, customer);
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    invitation.pk,
    invitation.id,
    (current) =>
      current.status === 'accepted'
        ? { write: activated(current, after.delegatedAdmin, deps.now().toISOString()) }
        : { keep: true },
    5,
    invitation,
    (active, etag) =>
      writeWithEvent(
        deps,
        { kind: 'replace', document: active, etag },
        activatedEvent(active, after),
      ),
  );
  await startResellerChecks(deps, after.partnerTenantId, after.customerId, after.reseller);
  await queueFirstGdapCheck(deps, invitation);
  return result?.written ? 'activated' : 'already-active';
}

/**
 * The first relationship between the partner and the customer, the invitation `active` and its
 * audit event, in one transactional batch. Nothing is written when the relationship
 * exists already or the invitation changed since it was read: the caller takes the long way.
 * Returns the relationship written, undefined when nothing was.
 */
async function activateNewRelationship(
  deps: Dependencies,
  invitation: InvitationDocument,
  customer: CustomerDocument,
): Promise<RelationshipDocument | undefined> {
  const at = deps.now().toISOString();
  const relationship = relationshipAfter(undefined, invitation, customer, at);
  const active = activated(invitation, relationship.delegatedAdmin, at);
  try {
    await writeWithEvent(
      deps,
      { kind: 'replace', document: active, etag: invitation._etag! },
      activatedEvent(active, relationship),
      [{ kind: 'create', document: relationship }],
    );
    return relationship;
  } catch (error) {
    if (error instanceof DocumentConflictError || error instanceof DocumentChangedError) {
      return undefined;
    }
    throw error;
  }
}

/** The invitation once activated, with the dates a granular request was granted with. */
function activated(
  invitation: InvitationDocument,
  grant: DelegatedAdminGrant,
  at: string,
): InvitationDocument {
  return transitioned(invitation, 'active', at, 'system', {
    activatedAt: at,
    ...grantedTermsOf(invitation, grant),
  });
}

/** The dates a granular request was granted with, kept on the invitation that asked. */
function grantedTermsOf(
  invitation: InvitationDocument,
  grant: DelegatedAdminGrant,
): Partial<InvitationDocument> {
  if (invitation.delegatedAdmin === undefined || grant.invitationId !== invitation.id) {
    return {};
  }
  return {
    delegatedAdmin: {
      ...invitation.delegatedAdmin,
      ...(grant.startsAt === undefined ? {} : { startsAt: grant.startsAt }),
      ...(grant.endsAt == null ? {} : { endsAt: grant.endsAt }),
    },
  };
}

/** What makes an activation's event unique: the invitation activated. */
function activationOf(invitation: InvitationDocument): string {
  return `activated:${invitation.id}`;
}

/** The partner's audit event (and webhook) of an activation, recorded once per invitation. */
function activatedEvent(
  invitation: InvitationDocument,
  relationship: RelationshipDocument,
): NewAuditEvent {
  return relationshipEvent(
    invitation.partnerTenantId,
    invitation.customerId,
    'relationship.activated',
    'system',
    activationOf(invitation),
    {
      at: invitation.activatedAt!,
      after: {
        invitationId: invitation.id,
        status: relationship.status,
        delegatedAdmin: relationship.delegatedAdmin,
        companyName: invitation.customer.companyName,
        domain: invitation.customer.domain,
      },
    },
  );
}

/**
 * The admin privileges as an activated invitation leaves them. Nothing is granted here: roles
 * exist only once Microsoft confirms them. A granular request is `approvalPending` until Graph
 * says its relationship is `active` (the re-check queue, services/gdapChecks.ts, then writes
 * Graph's roles and dates), and replaces what the partner held only then; until then an active
 * grant stays as it is. The classic checkbox is recorded as requested, not confirmed by
 * Microsoft (`approvalPending`, state `none`): the customer accepts DAP in its admin portal, which
 * this service cannot read. An invitation without admin privileges leaves an active grant alone.
 */
export function delegatedAdminAfter(
  existing: RelationshipDocument | undefined,
  invitation: InvitationDocument,
  at: string,
): DelegatedAdminGrant {
  const held = existing?.status === 'active' ? existing.delegatedAdmin : undefined;
  const heldActive = held?.state === 'active' ? held : undefined;
  const request = invitation.delegatedAdmin;
  if (request !== undefined) {
    return (
      heldActive ??
      requestedGrant(invitation.id, at, request.roles, request.duration, request.autoExtend)
    );
  }
  if (invitation.includeDelegatedAdmin) {
    const heldClassic = heldActive !== undefined && (heldActive.endsAt ?? null) === null;
    return heldClassic
      ? heldActive
      : requestedGrant(invitation.id, at, CLASSIC_DAP_ROLES, null, false);
  }
  return held ?? { state: 'none', changedAt: at, changedBy: 'system' };
}

/** Admin privileges asked for and not (yet) confirmed by Microsoft. */
function requestedGrant(
  invitationId: string,
  at: string,
  roles: readonly string[],
  duration: string | null,
  autoExtend: boolean,
): DelegatedAdminGrant {
  return {
    state: 'none',
    changedAt: at,
    changedBy: 'system',
    status: 'approvalPending',
    roles,
    duration,
    autoExtend,
    invitationId,
  };
}

/**
 * The Graph relationship a granular invitation created, tracked from its activation on: the
 * status Graph gave when it was locked, and the first link of the re-check chain.
 */
export function gdapTrackingOf(invitation: InvitationDocument): GdapTracking | undefined {
  const graph = invitation.delegatedAdmin?.graph;
  if (graph === undefined) return undefined;
  return {
    graphId: graph.relationshipId,
    invitationId: invitation.id,
    status: graph.status,
    checkedAt: graph.checkedAt,
    learnedFrom: 'created',
    waitingFor: waitingForOf(graph.status),
    checkId: firstCheckIdOf(invitation),
    attempts: 0,
    failures: 0,
  };
}

/** The relationship as this invitation leaves it, admin privileges as `delegatedAdminAfter`. */
export function relationshipAfter(
  existing: RelationshipDocument | undefined,
  invitation: InvitationDocument,
  customer: CustomerDocument,
  at: string,
): RelationshipDocument {
  const delegatedAdmin = delegatedAdminAfter(existing, invitation, at);
  const mca =
    customer.mca === undefined
      ? { accepted: false }
      : { accepted: true, acceptedAt: customer.mca.dateAgreed };
  const reestablished = existing === undefined || existing.status !== 'active';
  // A relationship made (again) here is Microsoft's only once the customer finishes in the
  // admin portal; one Microsoft confirmed stays so.
  const reseller =
    reestablished || existing.reseller === undefined ? newCheckRound(at) : existing.reseller;
  const tenantId = customer.tenantId ?? existing?.customer.tenantId;
  return {
    id: relationshipId(invitation.customerId),
    pk: invitation.pk,
    type: 'relationship',
    partnerTenantId: invitation.partnerTenantId,
    customerId: invitation.customerId,
    status: 'active',
    customer: {
      companyName: invitation.customer.companyName,
      domain: invitation.customer.domain,
      country: invitation.customer.country,
      email: invitation.customer.email,
      ...(tenantId === undefined ? {} : { tenantId }),
    },
    partner: { displayName: invitation.partner.displayName, mpnId: invitation.partner.mpnId },
    delegatedAdmin,
    mca,
    reseller,
    supportContact: existing?.supportContact ?? null,
    invitationIds: [...(existing?.invitationIds ?? []), invitation.id],
    ...gdapAfter(existing, invitation, at),
    createdAt: existing?.createdAt ?? at,
    activatedAt: reestablished ? at : existing.activatedAt,
    updatedAt: at,
  };
}

/** A granular invitation's Graph relationship replaces the one tracked before. */
function gdapAfter(
  existing: RelationshipDocument | undefined,
  invitation: InvitationDocument,
  at: string,
): { gdap?: GdapTracking } {
  const fresh = gdapTrackingOf(invitation);
  // The first check is due a backoff step after `at`; `at` itself is the bound the sweep for
  // lost checks needs (it acts only when a check is 10 minutes past this).
  const gdap = fresh === undefined ? existing?.gdap : { ...fresh, nextCheckAt: at };
  return gdap === undefined ? {} : { gdap };
}

/**
 * Creates or updates the partner's relationship for this invitation; an update that gives back
 * admin privileges the customer had removed is written with its `delegatedAdmin.restored`
 * event, in one batch.
 */
async function applyRelationship(
  deps: Dependencies,
  invitation: InvitationDocument,
  customer: CustomerDocument,
): Promise<RelationshipDocument> {
  const id = relationshipId(invitation.customerId);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const at = deps.now().toISOString();
    // Create first: a new relationship (the common case) is one write, not a read and a write.
    try {
      return await deps.store.create(relationshipAfter(undefined, invitation, customer, at));
    } catch (error) {
      if (!(error instanceof DocumentConflictError)) {
        throw error;
      }
    }
    let before: RelationshipDocument | undefined;
    const updated = await updateDocument<RelationshipDocument>(
      deps.store,
      invitation.pk,
      id,
      (current) => {
        before = current;
        return current.invitationIds.includes(invitation.id)
          ? { keep: true }
          : {
              write: {
                ...relationshipAfter(current, invitation, customer, at),
                _etag: current._etag,
              },
            };
      },
      5,
      undefined,
      (after, etag) =>
        before?.delegatedAdmin.state === 'removed' && after.delegatedAdmin.state === 'active'
          ? writeWithEvent(
              deps,
              { kind: 'replace', document: after, etag },
              restoredEvent(invitation, before, after),
            )
          : deps.store.replace(after, etag),
    );
    if (updated !== undefined) {
      return updated.document;
    }
    // Gone between the conflict and the read: loop and create it again.
  }
  throw new Error(`Could not apply the relationship for invitation ${invitation.id}`);
}

/** The partner's audit event (and webhook) of admin privileges this invitation gave back. */
function restoredEvent(
  invitation: InvitationDocument,
  before: RelationshipDocument,
  after: RelationshipDocument,
): NewAuditEvent {
  return relationshipEvent(
    invitation.partnerTenantId,
    invitation.customerId,
    'delegatedAdmin.restored',
    'system',
    `dapRestored:${invitation.id}`,
    {
      at: after.delegatedAdmin.changedAt,
      before: { delegatedAdmin: before.delegatedAdmin },
      after: { delegatedAdmin: after.delegatedAdmin, invitationId: invitation.id },
    },
  );
}
