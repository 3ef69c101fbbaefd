import { RESEND_STUCK_AFTER_MS, stuckWork } from '../domain/stuckWork';
import { randomUUID } from 'node:crypto';
import { isCustomerInPartnerRegion } from '../domain/cspRegions';
import { delegatedAdminIssues, normalizedRoles } from '../domain/delegatedAdminRequest';
import { sanitizeDraftHtml } from '../domain/draftHtml';
import { missingLinkFields } from '../domain/draftLink';
import {
  customerIdForDomain,
  fingerprintOf,
  invitationIdForIdempotencyKey,
  newAcceptToken,
} from '../domain/identifiers';
import { draftInvitationEmail } from '../domain/invitationEmail';
import {
  decideTransition,
  effectiveStatus,
  type InvitationAction,
  type InvitationStatus,
} from '../domain/invitationStatus';
import { buildMailtoUrl } from '../domain/mailtoUrl';
import type { NewInvitation } from '../domain/newInvitation';
import { fieldProblem, notFound, ProblemError } from '../domain/problem';
import { QUEUES } from '../queue/messageQueue';
import { DocumentChangedError, updateDocument, type Page } from '../store/documentStore';
import {
  partitionKeys,
  type GraphRelationshipRef,
  type InvitationDocument,
  type PartnerProfileDocument,
} from '../store/documents';
import type { Dependencies } from './dependencies';
import { createLockedRelationship } from './gdapRelationships';
import { requireMicrosoftConnection } from './microsoftConnection';
import { getPartnerProfile } from './partnerProfiles';
import { invitationEvent, recordEvent, writeWithEvent, type NewAuditEvent } from './events';
import {
  queueDispatch,
  refusal,
  transitioned,
  type Actor,
  type EmailDispatchMessage,
} from './invitationTransitions';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates an invitation with its draft email and personalized link. With an Idempotency-Key,
 * a retry returns the first result and a different body under the same key is refused.
 */
export async function createInvitation(
  deps: Dependencies,
  partnerTenantId: string,
  actor: Actor,
  input: NewInvitation,
  idempotencyKey: string | undefined,
  options: { readonly profile?: PartnerProfileDocument } = {},
): Promise<{ invitation: InvitationDocument; replayed: boolean }> {
  const pk = partitionKeys.partner(partnerTenantId);
  const fingerprint = fingerprintOf(input);
  const id =
    idempotencyKey === undefined
      ? randomUUID()
      : invitationIdForIdempotencyKey(partnerTenantId, idempotencyKey);
  // A repeated key is found by the create below (409): the first try costs no read for it.
  const profile = options.profile ?? (await requirePartnerProfile(deps, partnerTenantId));
  const refused = invitationRuleProblem(profile, input);
  if (refused !== undefined) {
    // The profile may have changed since the first try with this key; that one still stands.
    const existing =
      idempotencyKey === undefined ? undefined : await deps.store.read<InvitationDocument>(pk, id);
    if (existing !== undefined) {
      return { invitation: replayOf(existing, fingerprint), replayed: true };
    }
    throw refused;
  }
  let graphRelationship: GraphRelationshipRef | undefined;
  if (input.delegatedAdmin !== undefined) {
    // Granular roles exist only once created in Microsoft Graph, in the partner's tenant.
    await requireMicrosoftConnection(deps, partnerTenantId);
    // A retry of a request that was saved must not create a second relationship in Graph.
    const existing =
      idempotencyKey === undefined ? undefined : await deps.store.read<InvitationDocument>(pk, id);
    if (existing !== undefined) {
      return { invitation: replayOf(existing, fingerprint), replayed: true };
    }
    graphRelationship = await createLockedRelationship(
      deps,
      partnerTenantId,
      id,
      input.customer.companyName,
      { ...input.delegatedAdmin, roles: normalizedRoles(input.delegatedAdmin.roles) },
    );
  }
  const { invitation, created } = newInvitationDocument(deps, partnerTenantId, actor, input, {
    id,
    profile,
    ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, fingerprint } }),
    ...(graphRelationship === undefined ? {} : { graphRelationship }),
  });
  const { token } = invitation;
  let stored: InvitationDocument;
  try {
    // The invitation and its audit event, in one round trip and all or nothing.
    stored = await writeWithEvent(deps, { kind: 'create', document: invitation }, created);
  } catch (error) {
    // Either a concurrent request with the same Idempotency-Key wrote the invitation, or the
    // write failed (or only seemed to: a timeout can come after the write).
    const current = await deps.store.read<InvitationDocument>(pk, id);
    if (current?.token !== token) {
      if (current !== undefined) {
        return { invitation: replayOf(current, fingerprint), replayed: true };
      }
      throw error;
    }
    stored = current;
  }
  return { invitation: stored, replayed: false };
}

/**
 * A new invitation as `createInvitation` stores it (`draft`, with its draft email, personal link
 * and expiry), and its `invitation.created` event; nothing is written.
 */
export function newInvitationDocument(
  deps: Dependencies,
  partnerTenantId: string,
  actor: Actor,
  input: NewInvitation,
  options: {
    readonly id: string;
    readonly profile: PartnerProfileDocument;
    readonly idempotency?: { readonly key: string; readonly fingerprint: string };
    readonly graphRelationship?: GraphRelationshipRef;
  },
): { invitation: InvitationDocument; created: NewAuditEvent } {
  const { id, profile, idempotency, graphRelationship } = options;
  const pk = partitionKeys.partner(partnerTenantId);
  const customerCountry = input.customer.country.toUpperCase();

  const now = deps.now();
  const at = now.toISOString();
  const token = newAcceptToken({ partnerTenantId, invitationId: id });
  const acceptUrl = `${deps.config.publicBaseUrl}/api/accept/${token}`;
  const expiresAt = new Date(now.getTime() + deps.config.invitationLifetimeDays * DAY_MS);
  const domain = input.customer.domain.trim().toLowerCase();
  const draft = draftInvitationEmail({
    locale: input.locale,
    partnerName: profile.displayName,
    customerCompanyName: input.customer.companyName,
    acceptUrl,
    includeDelegatedAdmin: input.includeDelegatedAdmin,
    expiresAt,
  });
  const invitation: InvitationDocument = {
    id,
    pk,
    type: 'invitation',
    partnerTenantId,
    status: 'draft',
    customerId: customerIdForDomain(domain),
    customer: {
      email: input.customer.email,
      companyName: input.customer.companyName,
      domain,
      country: customerCountry,
    },
    includeDelegatedAdmin: input.includeDelegatedAdmin,
    ...(input.delegatedAdmin === undefined
      ? {}
      : {
          delegatedAdmin: {
            roles: normalizedRoles(input.delegatedAdmin.roles),
            duration: input.delegatedAdmin.duration,
            autoExtend: input.delegatedAdmin.autoExtend,
            ...(graphRelationship === undefined ? {} : { graph: graphRelationship }),
          },
        }),
    locale: input.locale,
    partner: {
      displayName: profile.displayName,
      country: profile.country,
      cloud: profile.cloud,
      mpnId: profile.mpnId,
    },
    token,
    acceptUrl,
    draft,
    createdAt: at,
    updatedAt: at,
    expiresAt: expiresAt.toISOString(),
    createdBy: actor,
    ...(idempotency === undefined ? {} : { idempotency }),
    history: [{ at, from: null, to: 'draft', actor }],
  };

  const created = invitationEvent(invitation, 'invitation.created', actor, 'created', {
    at,
    after: {
      status: 'draft',
      customer: invitation.customer,
      includeDelegatedAdmin: invitation.includeDelegatedAdmin,
      ...(invitation.delegatedAdmin === undefined
        ? {}
        : { delegatedAdmin: invitation.delegatedAdmin }),
    },
  });
  return { invitation, created };
}

/** The partner's profile, which inviting needs: 409 `PARTNER_PROFILE_REQUIRED` without one. */
export async function requirePartnerProfile(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<PartnerProfileDocument> {
  return getPartnerProfile(deps, partnerTenantId).catch((error: unknown) => {
    if (error instanceof ProblemError && error.code === 'PARTNER_PROFILE_NOT_FOUND') {
      throw new ProblemError({
        status: 409,
        code: 'PARTNER_PROFILE_REQUIRED',
        title: 'Partner profile required',
        detail: 'Create the partner profile (PUT /api/partner) before inviting customers.',
      });
    }
    throw error;
  });
}

/**
 * The partner's rules for an invitation (admin privileges: the cloud rule and a granular
 * request's roles, duration and auto-extension; customer in the partner's CSP region),
 * as the 422 that refuses it; undefined when it may be made. Batches check rows with it too.
 */
export function invitationRuleProblem(
  profile: Pick<PartnerProfileDocument, 'cloud' | 'country'>,
  input: NewInvitation,
): ProblemError | undefined {
  const issues = delegatedAdminIssues(input, profile.cloud);
  if (issues.length > 0) {
    return new ProblemError({
      status: 422,
      code: issues[0]!.code,
      title:
        issues[0]!.code === 'DAP_NOT_AVAILABLE_IN_CLOUD'
          ? 'Delegated admin privileges are not available'
          : 'The delegated admin request cannot be made',
      detail: issues.map((issue) => issue.message).join(' '),
      errors: issues,
    });
  }
  const customerCountry = input.customer.country.toUpperCase();
  if (!isCustomerInPartnerRegion(profile.country, customerCountry)) {
    return fieldProblem(
      422,
      'CUSTOMER_OUTSIDE_REGION',
      'customer.country',
      `A partner in ${profile.country} can only invite customers in its country or CSP region; ${customerCountry} is outside it.`,
      'Customer outside the partner region',
    );
  }
  return undefined;
}

function replayOf(existing: InvitationDocument, fingerprint: string): InvitationDocument {
  if (existing.idempotency?.fingerprint !== fingerprint) {
    throw fieldProblem(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key',
      'This Idempotency-Key was used with a different request body.',
    );
  }
  return existing;
}

/** One of the partner's invitations; another partner's is simply not found. */
export async function getInvitation(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
): Promise<InvitationDocument> {
  const invitation = await deps.store.read<InvitationDocument>(
    partitionKeys.partner(partnerTenantId),
    invitationId,
  );
  if (invitation === undefined || invitation.type !== 'invitation') {
    throw notFound('The invitation');
  }
  return invitation;
}

export interface InvitationListQuery {
  readonly status?: InvitationStatus;
  readonly limit: number;
  readonly continuationToken?: string;
}

const OPEN_STATUSES: readonly InvitationStatus[] = ['draft', 'sending', 'sent', 'failed'];

/**
 * The partner's invitations, newest first, one page at a time. Filters on the status a reader
 * sees: open invitations past their expiry count as expired, not as what the document says.
 */
export async function listInvitations(
  deps: Dependencies,
  partnerTenantId: string,
  query: InvitationListQuery,
): Promise<Page<InvitationDocument>> {
  const now = deps.now().toISOString();
  const parameters: { name: string; value: string }[] = [{ name: '@type', value: 'invitation' }];
  let filter = '';
  if (query.status === 'expired') {
    filter = ` AND (c.status = 'expired' OR (c.status IN (${openList()}) AND c.expiresAt <= @now))`;
    parameters.push({ name: '@now', value: now });
  } else if (query.status !== undefined && OPEN_STATUSES.includes(query.status)) {
    filter = ' AND c.status = @status AND c.expiresAt > @now';
    parameters.push({ name: '@status', value: query.status }, { name: '@now', value: now });
  } else if (query.status !== undefined) {
    filter = ' AND c.status = @status';
    parameters.push({ name: '@status', value: query.status });
  }
  return deps.store.queryPage<InvitationDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query: `SELECT * FROM c WHERE c.pk = @pk AND c.type = @type${filter} ORDER BY c.createdAt DESC`,
      parameters,
    },
    {
      limit: query.limit,
      ...(query.continuationToken === undefined
        ? {}
        : { continuationToken: query.continuationToken }),
    },
  );
}

function openList(): string {
  return OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
}

/**
 * Applies a partner action under optimistic concurrency. `expectedEtag` (from If-Match) makes
 * the write conditional on the version the partner saw; without it, races are retried.
 */
async function applyPartnerAction(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
  action: InvitationAction,
  change: (current: InvitationDocument, at: string) => InvitationDocument | undefined,
  expectedEtag?: string,
  eventOf?: (changed: InvitationDocument) => NewAuditEvent,
): Promise<{ invitation: InvitationDocument; written: boolean }> {
  const pk = partitionKeys.partner(partnerTenantId);
  const now = deps.now();
  let result;
  try {
    result = await updateDocument<InvitationDocument>(
      deps.store,
      pk,
      invitationId,
      (current) => {
        if (current.type !== 'invitation') {
          throw notFound('The invitation');
        }
        if (expectedEtag !== undefined && current._etag !== expectedEtag) {
          throw preconditionFailed();
        }
        const status = effectiveStatus(current.status, current.expiresAt, now);
        const transition = decideTransition(status, action);
        if (transition.kind === 'refuse') {
          throw refusal(transition.code, status);
        }
        const next = change(current, now.toISOString());
        return next === undefined ? { keep: true } : { write: next };
      },
      expectedEtag === undefined ? 5 : 1,
      undefined,
      // The change and its audit event, when it has one, are one write.
      eventOf === undefined
        ? undefined
        : (changed, etag) =>
            writeWithEvent(deps, { kind: 'replace', document: changed, etag }, eventOf(changed)),
    );
  } catch (error) {
    if (error instanceof DocumentChangedError) {
      throw expectedEtag === undefined ? concurrentUpdate() : preconditionFailed();
    }
    throw error;
  }
  if (result === undefined) {
    throw notFound('The invitation');
  }
  return { invitation: result.document, written: result.written };
}

function concurrentUpdate(): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'CONCURRENT_UPDATE',
    title: 'The invitation is being changed by another request',
    detail: 'Retry the request.',
    headers: { 'Retry-After': '1' },
  });
}

function preconditionFailed(): ProblemError {
  return new ProblemError({
    status: 412,
    code: 'PRECONDITION_FAILED',
    title: 'The invitation has changed',
    detail: 'The If-Match ETag does not match the current version; GET it again and retry.',
  });
}

export interface DraftEdit {
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
}

/**
 * Edits the email draft. Edited HTML is reduced to an email-safe allowlist first
 * (`sanitizeDraftHtml`); the edit is refused when the draft then lacks the personalized link.
 */
export async function editDraft(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
  etag: string,
  edit: DraftEdit,
  actor: Actor,
): Promise<InvitationDocument> {
  const { invitation } = await applyPartnerAction(
    deps,
    partnerTenantId,
    invitationId,
    'editDraft',
    (current, at) => {
      // Sanitized before the link rule: a link only counts if it survives into the email.
      const draft = {
        subject: edit.subject ?? current.draft.subject,
        text: edit.text ?? current.draft.text,
        html: edit.html === undefined ? current.draft.html : sanitizeDraftHtml(edit.html),
      };
      const missing = missingLinkFields(draft, current.acceptUrl);
      if (missing.length > 0) {
        throw new ProblemError({
          status: 422,
          code: 'LINK_REQUIRED',
          title: 'The personalized link is required',
          detail:
            'The email must keep the personalized link: it is what ties the customer to your account.',
          errors: missing.map((field) => ({
            field,
            code: 'LINK_REQUIRED',
            message:
              field === 'html'
                ? `The HTML must keep a link (<a href>) to ${current.acceptUrl}.`
                : `The text must keep ${current.acceptUrl}.`,
          })),
        });
      }
      return { ...current, draft: { ...draft, editedAt: at }, updatedAt: at };
    },
    etag,
    // One edit can succeed on a given version, so the version edited makes its event unique.
    (edited) =>
      invitationEvent(edited, 'invitation.draftEdited', actor, `draft:${etag}`, {
        at: edited.updatedAt,
        before: { etag },
        after: { status: edited.status, fields: Object.keys(edit) },
      }),
  );
  return invitation;
}

/**
 * Queues the invitation email. Sending twice sends once: only the request that moves the
 * invitation to `sending` enqueues; a repeat finds it sending or sent and does nothing.
 */
export async function sendInvitation(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
  actor: Actor,
  options: {
    /**
     * The caller queues the email itself, in a run with others (a batch chunk): the invitation
     * moves to `sending` and the dispatch to queue is handed back. Should the caller not get to
     * queue it, housekeeping finds the invitation stuck in `sending` and queues it alone.
     */
    readonly queueLater?: boolean;
  } = {},
): Promise<{ invitation: InvitationDocument; queued: boolean; dispatch?: EmailDispatchMessage }> {
  const dispatchId = randomUUID();
  const { invitation, written } = await applyPartnerAction(
    deps,
    partnerTenantId,
    invitationId,
    'send',
    (current, at) => {
      const status = effectiveStatus(current.status, current.expiresAt, deps.now());
      if (decideTransition(status, 'send').kind === 'noop') {
        return undefined;
      }
      return transitioned(current, 'sending', at, actor, {
        dispatch: { id: dispatchId, attempts: 0 },
      });
    },
  );
  if (!written) {
    // A send cut off by a crash (written `sending`, never queued) is queued again on a retry.
    if (stuckWork(invitation, deps.now(), RESEND_STUCK_AFTER_MS) === 'dispatch') {
      await queueDispatch(deps, invitation);
      return { invitation, queued: true };
    }
    return { invitation, queued: false };
  }
  const message: EmailDispatchMessage = { partnerTenantId, invitationId, dispatchId };
  if (options.queueLater) {
    await recordSendRequested(deps, invitation, actor, dispatchId);
    return { invitation, queued: false, dispatch: message };
  }
  try {
    await deps.queue.send(QUEUES.invitationEmail, message);
  } catch (error) {
    // Put the invitation back so the partner can retry; no half-sent state stays behind.
    await updateDocument<InvitationDocument>(deps.store, invitation.pk, invitation.id, (current) =>
      current.status === 'sending' && current.dispatch?.id === dispatchId
        ? {
            write: transitioned(
              current,
              'draft',
              deps.now().toISOString(),
              'system',
              {},
              'queue unavailable',
            ),
          }
        : { keep: true },
    );
    throw error;
  }
  await recordSendRequested(deps, invitation, actor, dispatchId);
  return { invitation, queued: true };
}

async function recordSendRequested(
  deps: Dependencies,
  invitation: InvitationDocument,
  actor: Actor,
  dispatchId: string,
): Promise<void> {
  await recordEvent(deps, sendRequestedEvent(invitation, actor, dispatchId));
}

/** The `invitation.sendRequested` event of an invitation moved to `sending` for `dispatchId`. */
export function sendRequestedEvent(
  invitation: InvitationDocument,
  actor: Actor,
  dispatchId: string,
): NewAuditEvent {
  return invitationEvent(invitation, 'invitation.sendRequested', actor, `send:${dispatchId}`, {
    at: invitation.updatedAt,
  });
}

/** Revokes the invitation; its link answers 410 from now on. */
export async function revokeInvitation(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
  actor: Actor,
): Promise<InvitationDocument> {
  const { invitation } = await applyPartnerAction(
    deps,
    partnerTenantId,
    invitationId,
    'revoke',
    (current, at) =>
      current.status === 'revoked'
        ? undefined
        : transitioned(current, 'revoked', at, actor, { revokedAt: at }),
    undefined,
    (revoked) =>
      invitationEvent(revoked, 'invitation.revoked', actor, 'revoked', {
        at: revoked.updatedAt,
        before: { status: revoked.history[revoked.history.length - 1]?.from ?? null },
      }),
  );
  return invitation;
}

/** The mailto: URL that opens the current draft in the partner's own mail app. */
export function mailtoFor(invitation: InvitationDocument): string {
  return buildMailtoUrl({
    to: invitation.customer.email,
    subject: invitation.draft.subject,
    body: invitation.draft.text,
  });
}
