import type { MicrosoftConfig } from '../config/appConfig';
import type { DelegatedAdminGraph } from '../graph/delegatedAdminGraph';
import { GraphCallFailed } from '../graph/delegatedAdminGraph';
import { ProblemError } from '../domain/problem';
import { DocumentChangedError, DocumentConflictError } from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import {
  MICROSOFT_CONNECTION_ID,
  type MicrosoftConnectionDocument,
  type MicrosoftConnectionState,
} from '../store/microsoftConnectionDocuments';
import type { Dependencies } from './dependencies';

/** The Graph application permission the app registration needs in the partner tenant. */
export const GDAP_PERMISSION = 'DelegatedAdminRelationship.ReadWrite.All';

/**
 * Every Graph application permission the admin consent grants: delegated admin relationships,
 * and the directory (the customer's contracts, which confirm the reseller relationship).
 */
export const GRAPH_PERMISSIONS = [GDAP_PERMISSION, 'Directory.Read.All'] as const;

export interface MicrosoftConnectionView {
  readonly state: MicrosoftConnectionState;
  readonly checkedAt: string | null;
  readonly connectedAt: string | null;
  readonly revokedAt: string | null;
  /** The app registration an administrator consents to; null while GDAP is not set up. */
  readonly appClientId: string | null;
  /** The first of `permissions` (kept for clients written before it). */
  readonly permission: typeof GDAP_PERMISSION;
  readonly permissions: typeof GRAPH_PERMISSIONS;
  /** Where a Global Administrator of the partner tenant grants admin consent. */
  readonly consentUrl: string | null;
}

const CONNECT_HINT =
  'An Admin agent connects the partner tenant once in the console (Admin → Connect to Microsoft): a Global Administrator grants admin consent to the app for DelegatedAdminRelationship.ReadWrite.All and Directory.Read.All, then "Check again".';

/** Microsoft's admin consent address for the app in the partner's tenant. */
export function adminConsentUrl(
  microsoft: MicrosoftConfig,
  partnerTenantId: string,
  redirectUri: string | undefined,
): string | null {
  if (microsoft.graphAppClientId === undefined) return null;
  const url = new URL(`${microsoft.loginUrl}/${encodeURIComponent(partnerTenantId)}/adminconsent`);
  url.searchParams.set('client_id', microsoft.graphAppClientId);
  if (redirectUri !== undefined) url.searchParams.set('redirect_uri', redirectUri);
  return url.toString();
}

async function readConnection(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<MicrosoftConnectionDocument | undefined> {
  return deps.store.read<MicrosoftConnectionDocument>(
    partitionKeys.partner(partnerTenantId),
    MICROSOFT_CONNECTION_ID,
  );
}

/** The connection as last learned (never checked: `consentMissing`), with where to consent. */
export async function getMicrosoftConnection(
  deps: Dependencies,
  partnerTenantId: string,
  redirectUri?: string,
): Promise<MicrosoftConnectionView> {
  return toView(deps, partnerTenantId, await readConnection(deps, partnerTenantId), redirectUri);
}

function toView(
  deps: Dependencies,
  partnerTenantId: string,
  doc: MicrosoftConnectionDocument | undefined,
  redirectUri: string | undefined,
): MicrosoftConnectionView {
  return {
    state: doc?.state ?? 'consentMissing',
    checkedAt: doc?.checkedAt ?? null,
    connectedAt: doc?.connectedAt ?? null,
    revokedAt: doc?.revokedAt ?? null,
    appClientId: deps.config.microsoft.graphAppClientId ?? null,
    permission: GDAP_PERMISSION,
    permissions: GRAPH_PERMISSIONS,
    consentUrl: adminConsentUrl(deps.config.microsoft, partnerTenantId, redirectUri),
  };
}

/** What a check's answer from Graph means for a connection that was `previous`. */
export function connectionStateAfter(
  previous: MicrosoftConnectionState | undefined,
  outcome: 'granted' | 'refused',
): MicrosoftConnectionState {
  if (outcome === 'granted') return 'connected';
  return previous === 'connected' || previous === 'revoked' ? 'revoked' : 'consentMissing';
}

/**
 * Asks Graph whether the app may manage the partner's relationships and records the answer.
 * Graph being unavailable or throttling changes nothing and is a 503 the caller may retry.
 */
export async function checkMicrosoftConnection(
  deps: Dependencies,
  graph: DelegatedAdminGraph,
  partnerTenantId: string,
  actor: string,
): Promise<MicrosoftConnectionView> {
  requireGdapConfigured(deps.config.microsoft);
  let outcome: 'granted' | 'refused';
  try {
    await graph.checkAccess(partnerTenantId);
    outcome = 'granted';
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    if (error.kind === 'notConnected' || error.kind === 'consentWithdrawn') {
      outcome = 'refused';
    } else {
      throw microsoftUnavailable(error);
    }
  }
  return recordConnectionOutcome(deps, partnerTenantId, outcome, actor);
}

/**
 * Records what Graph said about the connection (a check, or any Graph call that found the
 * consent gone). Concurrent writers each re-read and write the newest answer.
 */
export async function recordConnectionOutcome(
  deps: Dependencies,
  partnerTenantId: string,
  outcome: 'granted' | 'refused',
  actor: string,
): Promise<MicrosoftConnectionView> {
  for (let attempt = 0; ; attempt++) {
    const before = await readConnection(deps, partnerTenantId);
    const now = deps.now().toISOString();
    const state = connectionStateAfter(before?.state, outcome);
    const connectedAt = state === 'connected' ? (before?.connectedAt ?? now) : before?.connectedAt;
    const revokedAt = state === 'revoked' && before?.state !== 'revoked' ? now : before?.revokedAt;
    const doc: MicrosoftConnectionDocument = {
      id: MICROSOFT_CONNECTION_ID,
      pk: partitionKeys.partner(partnerTenantId),
      type: 'microsoftConnection',
      partnerTenantId,
      state,
      checkedAt: now,
      checkedBy: actor,
      ...(connectedAt === undefined ? {} : { connectedAt }),
      ...(revokedAt === undefined ? {} : { revokedAt }),
    };
    try {
      const saved =
        before === undefined
          ? await deps.store.create(doc)
          : await deps.store.replace(doc, before._etag!);
      return toView(deps, partnerTenantId, saved, undefined);
    } catch (error) {
      const raced = error instanceof DocumentChangedError || error instanceof DocumentConflictError;
      if (!raced || attempt >= 5) throw error;
    }
  }
}

function requireGdapConfigured(microsoft: MicrosoftConfig): void {
  if (microsoft.graphAppClientId === undefined) {
    throw new ProblemError({
      status: 409,
      code: 'MICROSOFT_NOT_CONFIGURED',
      title: 'Granular admin privileges are not set up for this service',
      detail:
        'The service\'s operator has not registered its Microsoft Graph app (MICROSOFT_GRAPH_APP_CLIENT_ID), so no partner can connect to Microsoft yet. Ask the operator; see the README\'s "Microsoft Graph (GDAP)".',
    });
  }
}

/** Graph could not be asked now (throttled, down): a 503 that says when to try again. */
export function microsoftUnavailable(error: GraphCallFailed): ProblemError {
  return new ProblemError({
    status: 503,
    code: 'MICROSOFT_UNAVAILABLE',
    title: 'Microsoft Graph did not answer',
    detail: `Microsoft Graph answered ${error.status ?? 'nothing'}; nothing was changed. Try again ${
      error.retryAfterSeconds === undefined
        ? 'in a minute'
        : `in ${error.retryAfterSeconds} seconds`
    }.`,
    headers: { 'Retry-After': String(error.retryAfterSeconds ?? 60) },
  });
}

/**
 * Refuses a GDAP request from a partner whose tenant is not connected to Microsoft (409, with
 * how to connect), before anything is written.
 */
export async function requireMicrosoftConnection(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<void> {
  requireGdapConfigured(deps.config.microsoft);
  const connection = await readConnection(deps, partnerTenantId);
  if (connection?.state === 'connected') return;
  throw new ProblemError({
    status: 409,
    code: 'MICROSOFT_NOT_CONNECTED',
    title: 'The partner tenant is not connected to Microsoft',
    detail: `${
      connection?.state === 'revoked'
        ? 'The admin consent for this service was withdrawn in your tenant, so it cannot create granular admin relationships in Microsoft Graph. '
        : 'Granular admin relationships are created in Microsoft Graph in your tenant, which this service may do only after admin consent. '
    }${CONNECT_HINT} Nothing was saved.`,
    errors: [
      {
        field: 'delegatedAdmin',
        code: 'MICROSOFT_NOT_CONNECTED',
        message: 'Connect to Microsoft first (Admin → Connect to Microsoft).',
      },
    ],
  });
}
