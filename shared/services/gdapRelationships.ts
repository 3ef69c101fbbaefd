import type { DelegatedAdminRequest } from '../domain/delegatedAdminRequest';
import { autoExtendDurationOf, gdapApprovalUrl, gdapDisplayName } from '../domain/gdapRelationship';
import { GraphCallFailed } from '../graph/delegatedAdminGraph';
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
): Promise<GraphRelationshipRef> {
  const displayName = gdapDisplayName(companyName, invitationId);
  let relationshipId: string | undefined;
  try {
    const created = await deps.graph.createRelationship(partnerTenantId, {
      displayName,
      roles: request.roles,
      duration: request.duration,
      autoExtendDuration: autoExtendDurationOf(request.autoExtend),
    });
    relationshipId = created.id;
    await deps.graph.lockForApproval(partnerTenantId, created.id);
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    throw await problemFor(deps, partnerTenantId, displayName, error, relationshipId);
  }
  return {
    relationshipId,
    displayName,
    status: 'approvalPending',
    approvalUrl: gdapApprovalUrl(deps.config.microsoft.adminCenterUrl, relationshipId),
    checkedAt: deps.now().toISOString(),
  };
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
