import type { DelegatedAdminRequest } from '../domain/delegatedAdminRequest';
import { autoExtendDurationOf, gdapApprovalUrl, gdapDisplayName } from '../domain/gdapRelationship';
import { GraphCallFailed, type GraphRelationship } from '../graph/delegatedAdminGraph';
import { ProblemError } from '../domain/problem';
import type { GraphRelationshipRef } from '../store/documents';
import type { Dependencies } from './dependencies';
import {
  microsoftUnavailable,
  recordConnectionOutcome,
  requireMicrosoftConnection,
} from './microsoftConnection';

/**
 * Creates the invitation's delegatedAdminRelationship in the partner's tenant through Graph and
 * locks it for the customer's approval, before the invitation is written: if Microsoft refuses,
 * the partner hears why and nothing is saved here. Graph's failures end as:
 * 429/5xx → 503 `MICROSOFT_UNAVAILABLE` (retry the request), 401/403 → the connection is
 * recorded as withdrawn and 409 `MICROSOFT_NOT_CONNECTED`, 409 → `GDAP_DISPLAY_NAME_TAKEN`,
 * any other refusal → 422 `GDAP_REJECTED_BY_MICROSOFT` with Graph's message.
 */
export async function createLockedRelationship(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
  companyName: string,
  request: DelegatedAdminRequest,
  customerTenantId?: string,
): Promise<GraphRelationshipRef> {
  const displayName = gdapDisplayName(companyName, invitationId);
  let created: GraphRelationship;
  try {
    created = await deps.graph.createRelationship(partnerTenantId, {
      displayName,
      roles: request.roles,
      duration: request.duration,
      autoExtendDuration: autoExtendDurationOf(request.autoExtend),
      ...(customerTenantId === undefined ? {} : { customerTenantId }),
    });
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    throw await problemFor(deps, partnerTenantId, displayName, error, undefined);
  }
  const relationshipId = created.id;
  try {
    await deps.graph.lockForApproval(partnerTenantId, relationshipId);
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    if ((await settleUnlocked(deps, partnerTenantId, created)) === 'locked') {
      return lockedRef(deps, relationshipId, displayName);
    }
    throw await problemFor(deps, partnerTenantId, displayName, error, relationshipId);
  }
  return lockedRef(deps, relationshipId, displayName);
}

function lockedRef(
  deps: Dependencies,
  relationshipId: string,
  displayName: string,
): GraphRelationshipRef {
  return {
    relationshipId,
    displayName,
    status: 'approvalPending',
    approvalUrl: gdapApprovalUrl(deps.config.microsoft.adminCenterUrl, relationshipId),
    checkedAt: deps.now().toISOString(),
  };
}

/**
 * After the lock request failed, what became of the relationship just created: the lock may
 * have gone through with its answer lost (`approvalPending`: it is locked, go on), or not (still
 * `created`: deleted, the only state Graph deletes, with the ETag Graph last gave, so no
 * unlocked relationship is left behind in the partner's tenant). When Graph cannot be asked or
 * refuses the delete, the relationship stays `created`: no customer can approve a relationship
 * never locked, and it is named for an invitation that was never saved.
 */
async function settleUnlocked(
  deps: Dependencies,
  partnerTenantId: string,
  created: GraphRelationship,
): Promise<'locked' | 'deleted' | 'left'> {
  try {
    const current = await deps.graph.getRelationship(partnerTenantId, created.id);
    if (current.status === 'approvalPending') return 'locked';
    if (current.status !== 'created') return 'left';
    const etag = current.etag ?? created.etag;
    if (etag === undefined) return 'left';
    await deps.graph.deleteRelationship(partnerTenantId, created.id, etag);
    return 'deleted';
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    return error.kind === 'notFound' ? 'deleted' : 'left';
  }
}

async function problemFor(
  deps: Dependencies,
  partnerTenantId: string,
  displayName: string,
  error: GraphCallFailed,
  createdId: string | undefined,
): Promise<ProblemError> {
  if (error.kind === 'notConnected' || error.kind === 'consentWithdrawn') {
    await recordConnectionOutcome(deps, partnerTenantId, 'refused', 'system');
    return requireMicrosoftConnection(deps, partnerTenantId).then(
      () => microsoftUnavailable(error),
      (problem: unknown) => problem as ProblemError,
    );
  }
  if (error.kind === 'conflict') {
    return new ProblemError({
      status: 409,
      code: 'GDAP_DISPLAY_NAME_TAKEN',
      title: 'Microsoft already has a relationship with this name',
      detail: `Your tenant already holds a granular admin relationship named "${displayName}". Send the request again (a new invitation gets a new name); nothing was saved.`,
    });
  }
  if (error.kind === 'rejected' || (error.kind === 'notFound' && createdId === undefined)) {
    return new ProblemError({
      status: 422,
      code: 'GDAP_REJECTED_BY_MICROSOFT',
      title: 'Microsoft refused the granular admin relationship',
      detail: `Microsoft Graph answered ${error.status ?? ''} ${error.graphCode ?? ''}: ${error.message}. Nothing was saved.`,
      errors: [
        { field: 'delegatedAdmin', code: 'GDAP_REJECTED_BY_MICROSOFT', message: error.message },
      ],
    });
  }
  return microsoftUnavailable(error);
}
