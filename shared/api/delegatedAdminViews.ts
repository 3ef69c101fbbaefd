import {
  classicStateOf,
  DELEGATED_ADMIN_STATUSES,
  type DelegatedAdminStatus,
} from '../domain/delegatedAdminRequest';
import { CLASSIC_DAP_ROLES } from '../domain/entraRoles';
import { effectiveStatus } from '../domain/invitationStatus';
import type {
  DelegatedAdminGrant,
  InvitationDocument,
  RelationshipDocument,
} from '../store/documents';

/** A partner's admin privileges as the API shows them: Graph's terms beside the classic state. */
export interface DelegatedAdminView {
  readonly state: 'active' | 'none' | 'removed';
  readonly changedAt: string;
  readonly changedBy?: string;
  readonly status: DelegatedAdminStatus | null;
  readonly roles: readonly string[];
  readonly duration: string | null;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly autoExtend: boolean;
  /** When and by whom the customer ended it (`customer:<tenant>`), while `terminated`. */
  readonly terminatedAt?: string;
  readonly terminatedBy?: string;
  /** The customer's admin asked for removal and was sent to Microsoft's admin center. */
  readonly removalRequestedAt?: string;
  readonly removalRequestedBy?: string;
}

/**
 * The relationship's grant, complete. Grants stored before GDAP are classic DAP: the classic
 * roles, no end, active or removed (= terminated) as their state says.
 */
export function toDelegatedAdminView(grant: DelegatedAdminGrant): DelegatedAdminView {
  const status =
    grant.status ??
    (grant.state === 'active' ? 'active' : grant.state === 'removed' ? 'terminated' : null);
  const granted = status !== null;
  return {
    state: classicStateOf(status),
    changedAt: grant.changedAt,
    ...(grant.changedBy === undefined ? {} : { changedBy: grant.changedBy }),
    status,
    roles: grant.roles ?? (granted ? CLASSIC_DAP_ROLES : []),
    duration: grant.duration ?? null,
    startsAt: grant.startsAt ?? (granted ? grant.changedAt : null),
    endsAt: grant.endsAt ?? null,
    autoExtend: grant.autoExtend ?? false,
    ...(status === 'terminated'
      ? { terminatedAt: grant.changedAt, terminatedBy: grant.changedBy ?? 'customer' }
      : {}),
    ...(grant.removalRequestedAt === undefined
      ? {}
      : {
          removalRequestedAt: grant.removalRequestedAt,
          removalRequestedBy: grant.removalRequestedBy ?? 'customer',
        }),
  };
}

/**
 * An activated invitation's request as Microsoft confirmed it: Graph's status of its granular
 * relationship as last read (`deleted` shows as `terminated`); a classic request, which no Graph
 * API confirms, stays `approvalPending`.
 */
function confirmedStatusOf(doc: InvitationDocument): DelegatedAdminStatus {
  const graphStatus = doc.delegatedAdmin?.graph?.status;
  if (graphStatus === 'deleted') return 'terminated';
  return (DELEGATED_ADMIN_STATUSES as readonly string[]).includes(graphStatus ?? '')
    ? (graphStatus as DelegatedAdminStatus)
    : 'approvalPending';
}

/**
 * What an invitation asks for, and how far it got: `approvalPending` until Microsoft confirms
 * it (see `confirmedStatusOf`), then Graph's status with the dates Graph gave; a request never approved is `expired` or, revoked or declined,
 * `terminated`. Null when the invitation asks for no admin privileges.
 */
export function toInvitationDelegatedAdminView(doc: InvitationDocument, now: Date) {
  if (!doc.includeDelegatedAdmin) {
    return null;
  }
  const status = effectiveStatus(doc.status, doc.expiresAt, now);
  const delegatedAdminStatus: DelegatedAdminStatus =
    status === 'active'
      ? confirmedStatusOf(doc)
      : status === 'expired'
        ? 'expired'
        : status === 'revoked' || status === 'declined'
          ? 'terminated'
          : 'approvalPending';
  const request = doc.delegatedAdmin;
  return {
    status: delegatedAdminStatus,
    roles: request?.roles ?? CLASSIC_DAP_ROLES,
    duration: request?.duration ?? null,
    autoExtend: request?.autoExtend ?? false,
    startsAt: request?.startsAt ?? null,
    endsAt: request?.endsAt ?? null,
    graphRelationshipId: request?.graph?.relationshipId ?? null,
    approvalUrl: request?.graph?.approvalUrl ?? null,
  };
}

/** What a customer's admin sees of one of its partners. */
export function toCustomerPartnerView(relationship: RelationshipDocument) {
  return {
    partnerTenantId: relationship.partnerTenantId,
    partnerName: relationship.partner.displayName,
    mpnId: relationship.partner.mpnId,
    relationship: {
      status: relationship.status,
      activatedAt: relationship.activatedAt,
      ...(relationship.removedAt === undefined ? {} : { removedAt: relationship.removedAt }),
    },
    delegatedAdmin: toDelegatedAdminView(relationship.delegatedAdmin),
  };
}
