import { delegatedAdminEndsAt } from '../domain/delegatedAdminRequest';
import { CLASSIC_DAP_ROLES } from '../domain/entraRoles';
import type { Locale } from '../domain/cloud';
import {
  decideAcceptanceEligibility,
  type CustomerIdentity,
} from '../domain/acceptanceEligibility';
import { acceptTokenAddress, isSameAcceptToken } from '../domain/identifiers';
import { decideTransition, effectiveStatus } from '../domain/invitationStatus';
import { buildMcaAgreementUrl } from '../domain/mcaAgreementUrl';
import { buildPortalUrl } from '../domain/portalUrl';
import { ProblemError } from '../domain/problem';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import {
  partitionKeys,
  type CustomerDocument,
  type CustomerTenantDocument,
  type DeclineReason,
  type InvitationDocument,
  type McaAcceptance,
  type SignedInUser,
} from '../store/documents';
import type { Dependencies } from './dependencies';
import { tenantMismatch } from '../auth/tenantMismatch';
import { noDomainOwner } from './domainOwnership';
import {
  invitationEvent,
  relationshipEvent,
  queueFanOutAgain,
  writeWithEvent,
  type NewAuditEvent,
} from './events';
import { transitioned, type ActivationMessage } from './invitationTransitions';

/** The signer's details, in the shape of Partner Center's MCA attestation. */
export interface McaSigner {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phoneNumber?: string;
}

/** What the customer sees when opening the link. */
export interface AcceptanceView {
  readonly state: 'pending' | 'accepted';
  readonly invitation: InvitationDocument;
  readonly mcaRequired: boolean;
  readonly agreement: {
    readonly type: 'MicrosoftCustomerAgreement';
    readonly templateId: string;
    readonly url: string;
  };
  readonly portalUrl: string;
  /** The admin privileges asked for, with the end they get if approved now; null for none. */
  readonly delegatedAdmin: RequestedDelegatedAdmin | null;
}

/** What the customer's admin is asked to approve. */
export interface RequestedDelegatedAdmin {
  readonly roles: readonly string[];
  /** null: classic DAP, without an end. */
  readonly duration: string | null;
  readonly endsAt: string | null;
  readonly autoExtend: boolean;
}

/** The admin privileges an invitation asks for, ending as they would if approved at `now`. */
export function requestedDelegatedAdmin(
  invitation: InvitationDocument,
  now: Date,
): RequestedDelegatedAdmin | null {
  if (!invitation.includeDelegatedAdmin) {
    return null;
  }
  const request = invitation.delegatedAdmin;
  if (request === undefined) {
    return { roles: CLASSIC_DAP_ROLES, duration: null, endsAt: null, autoExtend: false };
  }
  return {
    roles: request.roles,
    duration: request.duration,
    endsAt: delegatedAdminEndsAt(now, request.duration).toISOString(),
    autoExtend: request.autoExtend,
  };
}

/** A link that does not (or no longer) work, with the language to say it in when known. */
export class LinkProblem extends ProblemError {
  constructor(
    status: 404 | 410,
    code: 'LINK_NOT_FOUND' | 'LINK_REVOKED' | 'LINK_EXPIRED' | 'LINK_DECLINED',
    detail: string,
    readonly locale?: Locale,
  ) {
    super({
      status,
      code,
      title: status === 404 ? 'Invitation link not found' : 'Invitation link no longer valid',
      detail,
    });
  }
}

const unknownLink = () =>
  new LinkProblem(404, 'LINK_NOT_FOUND', 'This invitation link is not known.');

/**
 * Resolves a link with one point read: the token names the partner and the invitation, which
 * must hold this very token. Unknown, malformed and forged tokens look the same (404); revoked
 * and expired are 410.
 */
export async function resolveLink(deps: Dependencies, token: string): Promise<InvitationDocument> {
  const address = acceptTokenAddress(token);
  if (address === undefined) {
    throw unknownLink();
  }
  const invitation = await deps.store.read<InvitationDocument>(
    partitionKeys.partner(address.partnerTenantId),
    address.invitationId,
  );
  if (invitation?.type !== 'invitation' || !isSameAcceptToken(token, invitation.token)) {
    throw unknownLink();
  }
  return invitation;
}

function refuseClosedLink(invitation: InvitationDocument, now: Date): void {
  const status = effectiveStatus(invitation.status, invitation.expiresAt, now);
  if (status === 'revoked') {
    throw new LinkProblem(
      410,
      'LINK_REVOKED',
      'The partner has withdrawn this invitation.',
      invitation.locale,
    );
  }
  if (status === 'expired') {
    throw new LinkProblem(
      410,
      'LINK_EXPIRED',
      'This invitation has expired. Ask the partner for a new one.',
      invitation.locale,
    );
  }
  if (status === 'declined') {
    throw new LinkProblem(
      410,
      'LINK_DECLINED',
      'Your organization declined this invitation. The partner can send a new one.',
      invitation.locale,
    );
  }
}

/**
 * Where the customer goes after our sign-in and MCA step: Microsoft's own approval page for the
 * granular relationship created in Graph, otherwise the cloud's admin portal.
 */
function portalUrlFor(deps: Dependencies, invitation: InvitationDocument): string {
  const gdapApproval = invitation.delegatedAdmin?.graph?.approvalUrl;
  if (gdapApproval !== undefined) return gdapApproval;
  return buildPortalUrl(deps.config.portalUrlPatterns[invitation.partner.cloud], {
    partnerTenantId: invitation.partnerTenantId,
    includeDelegatedAdmin: invitation.includeDelegatedAdmin,
  });
}

async function readCustomer(
  deps: Dependencies,
  customerId: string,
): Promise<CustomerDocument | undefined> {
  return deps.store.read<CustomerDocument>(partitionKeys.customer(customerId), 'customer');
}

/** A link that works: the invitation behind it, not revoked and not expired. */
export async function openLink(deps: Dependencies, token: string): Promise<InvitationDocument> {
  const invitation = await resolveLink(deps, token);
  refuseClosedLink(invitation, deps.now());
  return invitation;
}

/** What the link shows, without changing anything (mail scanners prefetch GET links). */
export async function describeAcceptance(
  deps: Dependencies,
  invitation: InvitationDocument,
): Promise<AcceptanceView> {
  const customer = await readCustomer(deps, invitation.customerId);
  const accepted = invitation.status === 'accepted' || invitation.status === 'active';
  return {
    state: accepted ? 'accepted' : 'pending',
    invitation,
    mcaRequired: !accepted && customer?.mca === undefined,
    agreement: {
      type: 'MicrosoftCustomerAgreement',
      templateId: deps.config.mcaTemplateId,
      url: buildMcaAgreementUrl(deps.config.mcaAgreementUrl, {
        locale: invitation.locale,
        cloud: invitation.partner.cloud,
      }),
    },
    portalUrl: portalUrlFor(deps, invitation),
    delegatedAdmin: requestedDelegatedAdmin(invitation, deps.now()),
  };
}

/**
 * Refuses anyone but a Global Administrator of the organization that owns the customer's domain,
 * signed in with an account (UPN) of that domain: 401 without an identity, 403 for someone else
 * (422 when no organization owns the domain). Changes nothing.
 */
export async function requireEligibleAdmin(
  deps: Dependencies,
  invitation: InvitationDocument,
  identity: CustomerIdentity | undefined,
): Promise<CustomerIdentity> {
  const domain = invitation.customer.domain;
  if (identity === undefined) {
    throw new ProblemError({
      status: 401,
      code: 'UNAUTHENTICATED',
      title: 'Sign-in required',
      detail: `Sign in with a Global Administrator account of ${domain} to accept.`,
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_request"' },
    });
  }
  const owner = await deps.domainTenants.ownerOf(domain);
  const eligibility = decideAcceptanceEligibility(identity, domain, owner);
  if (eligibility.kind === 'eligible') {
    return identity;
  }
  switch (eligibility.reason) {
    case 'TENANT_MISMATCH':
      throw owner === undefined
        ? noDomainOwner(domain)
        : tenantMismatch(domain, identity.tenantId, owner);
    case 'DOMAIN_MISMATCH':
      throw new ProblemError({
        status: 403,
        code: 'SIGN_IN_DOMAIN_MISMATCH',
        title: 'Forbidden',
        detail: `Signed in as ${identity.username ?? 'an account without a sign-in name'}, whose user principal name is not in ${domain}; sign in with an account of ${domain}.`,
      });
    case 'NOT_GLOBAL_ADMIN':
      throw new ProblemError({
        status: 403,
        code: 'GLOBAL_ADMIN_REQUIRED',
        title: 'Forbidden',
        detail: `Signed in as ${identity.username}, who is not a Global Administrator of the organization; a Global Administrator must accept.`,
      });
  }
}

/**
 * The customer this acceptance is for. Normally the invitation's; but a tenant already bound to
 * a customer (through another partner's invitation, maybe for another of its domains) stays
 * one customer, and a customer bound to another tenant cannot be accepted by this one.
 */
async function customerForTenant(
  deps: Dependencies,
  invitation: InvitationDocument,
  tenantId: string,
): Promise<CustomerDocument | { customerId: string; mca?: undefined }> {
  const invited = await readCustomer(deps, invitation.customerId);
  if (invited?.tenantId !== undefined && invited.tenantId !== tenantId) {
    throw new ProblemError({
      status: 403,
      code: 'CUSTOMER_TENANT_MISMATCH',
      title: 'Forbidden',
      detail: `${invitation.customer.domain} is already linked to another Microsoft Entra organization. Sign in with an account of that organization.`,
    });
  }
  if (invited?.tenantId === tenantId) {
    return invited;
  }
  const binding = await deps.store.read<CustomerTenantDocument>(
    partitionKeys.customerTenant(tenantId),
    'tenant',
  );
  if (binding !== undefined && binding.customerId !== invitation.customerId) {
    const bound = await readCustomer(deps, binding.customerId);
    // Only a binding both sides agree on counts (a lost race may leave a stale one).
    if (bound?.tenantId === tenantId) {
      return bound;
    }
  }
  return invited ?? { customerId: invitation.customerId };
}

/**
 * Accepts the invitation for the signed-in customer admin: the eligibility and MCA gates first,
 * then one conditional write moves the invitation to `accepted`, carrying who accepted, their
 * tenant and the MCA they signed; activation (queued, idempotent) then records the attestation
 * and binds the tenant. A second click, or a race of fifty, ends in the same place: one
 * acceptance and one attestation, since only the write that wins carries one.
 * The signer is read only once the link and the identity are known to be good, so a dead link
 * answers 404/410 and a stranger 401/403 whatever the request body holds.
 */
export async function acceptInvitation(
  deps: Dependencies,
  invitation: InvitationDocument,
  identity: CustomerIdentity | undefined,
  readSigner: () => Promise<McaSigner | undefined>,
): Promise<{ portalUrl: string; alreadyAccepted: boolean; mcaRecorded: boolean; locale: Locale }> {
  const admin = await requireEligibleAdmin(deps, invitation, identity);
  const signer = await readSigner();
  const portalUrl = portalUrlFor(deps, invitation);
  const done = { portalUrl, mcaRecorded: false, locale: invitation.locale };
  const actor = `customer:${admin.tenantId}`;
  if (invitation.status === 'active') {
    // Its acceptance was written with its event; the webhooks may not have been queued.
    await queueFanOutAgain(deps, acceptedEvent(invitation, actor));
    return { ...done, alreadyAccepted: true };
  }
  const customer = await customerForTenant(deps, invitation, admin.tenantId);
  const signedIn = signedInUserOf(admin);
  let mca: McaAcceptance | undefined;
  if (invitation.status !== 'accepted' && customer.mca === undefined) {
    if (signer === undefined) {
      throw new ProblemError({
        status: 422,
        code: 'MCA_ACCEPTANCE_REQUIRED',
        title: 'The Microsoft Customer Agreement must be accepted first',
        detail:
          'Accept the Microsoft Customer Agreement: give the signer first name, last name and email.',
        errors: [
          { field: 'acceptMca', code: 'MCA_ACCEPTANCE_REQUIRED', message: 'Accept the agreement.' },
        ],
      });
    }
    mca = mcaAcceptanceOf(deps, invitation, signer, signedIn);
  }

  const result = await updateDocument<InvitationDocument>(
    deps.store,
    invitation.pk,
    invitation.id,
    (current) => {
      const status = effectiveStatus(current.status, current.expiresAt, deps.now());
      const transition = decideTransition(status, 'accept');
      if (transition.kind === 'refuse') {
        // Revoked or expired between our read and this write.
        refuseClosedLink(current, deps.now());
        throw unknownLink();
      }
      if (transition.kind === 'noop') {
        return { keep: true };
      }
      const at = deps.now().toISOString();
      return {
        write: transitioned(current, 'accepted', at, actor, {
          acceptedAt: at,
          customerId: customer.customerId,
          acceptance: {
            portalUrl,
            acceptedBy: actor,
            signedIn,
            ...(mca === undefined ? {} : { mca: { ...mca, dateAgreed: at } }),
          },
        }),
      };
    },
    5,
    invitation,
    // The acceptance and its audit event are one write: a second click re-records nothing.
    (accepted, etag) =>
      writeWithEvent(
        deps,
        { kind: 'replace', document: accepted, etag },
        acceptedEvent(accepted, actor),
      ),
  );
  const current = result!.document;
  if (current.status === 'accepted') {
    const message: ActivationMessage = {
      partnerTenantId: current.partnerTenantId,
      invitationId: current.id,
    };
    await deps.queue.send(QUEUES.relationshipActivation, message);
  }
  if (!result!.written && current.acceptedAt !== undefined) {
    // A second click: the first may have stopped between its write and its queue messages.
    await queueFanOutAgain(deps, acceptedEvent(current, actor));
  }
  return {
    ...done,
    alreadyAccepted: !result!.written,
    mcaRecorded: result!.written && mca !== undefined,
  };
}

/** The partner's audit event (and webhook) of an acceptance, recorded once per invitation. */
function acceptedEvent(accepted: InvitationDocument, actor: string): NewAuditEvent {
  return relationshipEvent(
    accepted.partnerTenantId,
    accepted.customerId,
    'relationship.accepted',
    accepted.acceptance?.acceptedBy ?? actor,
    `accepted:${accepted.id}`,
    {
      at: accepted.acceptedAt!,
      after: {
        invitationId: accepted.id,
        includeDelegatedAdmin: accepted.includeDelegatedAdmin,
        companyName: accepted.customer.companyName,
        domain: accepted.customer.domain,
        customerTenantId: accepted.acceptance?.signedIn?.tenantId ?? null,
      },
    },
  );
}

/** Who answered, as the invitation records it. */
function signedInUserOf(admin: CustomerIdentity): SignedInUser {
  return { tenantId: admin.tenantId, objectId: admin.objectId, username: admin.username ?? '' };
}

/** The customer's answer when it does not want the relationship. */
export interface DeclineInput {
  readonly reason: DeclineReason;
  readonly comment?: string;
}

/**
 * Declines the invitation for the signed-in customer admin (the same sign-in an acceptance
 * needs): the invitation becomes `declined`, a final state whose link answers 410, and the
 * partner learns who declined, when and why (audit event and `invitation.declined` webhook).
 * Declining twice changes nothing; an accepted invitation cannot be declined.
 */
export async function declineInvitation(
  deps: Dependencies,
  invitation: InvitationDocument,
  identity: CustomerIdentity | undefined,
  readInput: () => Promise<DeclineInput>,
): Promise<InvitationDocument> {
  const admin = await requireEligibleAdmin(deps, invitation, identity);
  const input = await readInput();
  const actor = `customer:${admin.tenantId}`;
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    invitation.pk,
    invitation.id,
    (current) => {
      const transition = decideTransition(
        effectiveStatus(current.status, current.expiresAt, deps.now()),
        'decline',
      );
      if (transition.kind === 'noop') {
        return { keep: true };
      }
      if (transition.kind === 'refuse') {
        refuseClosedLink(current, deps.now());
        throw new ProblemError({
          status: 409,
          code: 'INVITATION_ALREADY_ACCEPTED',
          title: 'The invitation is already accepted',
          detail: 'An accepted invitation cannot be declined; remove the partner instead.',
        });
      }
      const at = deps.now().toISOString();
      return {
        write: transitioned(current, 'declined', at, actor, {
          declinedAt: at,
          decline: {
            reason: input.reason,
            ...(input.comment === undefined ? {} : { comment: input.comment }),
            signedIn: signedInUserOf(admin),
          },
        }),
      };
    },
    5,
    invitation,
    // The decline and its audit event are one write.
    (declined, etag) =>
      writeWithEvent(
        deps,
        { kind: 'replace', document: declined, etag },
        declinedEvent(declined, actor),
      ),
  );
  return result!.document;
}

/** The partner's audit event (and webhook) of a decline, recorded once per invitation. */
function declinedEvent(declined: InvitationDocument, actor: string): NewAuditEvent {
  return invitationEvent(declined, 'invitation.declined', actor, 'declined', {
    at: declined.declinedAt!,
    after: {
      status: 'declined',
      reason: declined.decline?.reason ?? null,
      comment: declined.decline?.comment ?? null,
      customerTenantId: declined.decline?.signedIn.tenantId ?? null,
    },
  });
}

/** The attestation in Partner Center's shape; its id is the invitation's, so it exists once. */
function mcaAcceptanceOf(
  deps: Dependencies,
  invitation: InvitationDocument,
  signer: McaSigner,
  signedIn: SignedInUser,
): McaAcceptance {
  return {
    attestationId: invitation.id,
    firstName: signer.firstName,
    lastName: signer.lastName,
    email: signer.email,
    ...(signer.phoneNumber === undefined ? {} : { phoneNumber: signer.phoneNumber }),
    dateAgreed: deps.now().toISOString(),
    templateId: deps.config.mcaTemplateId,
    agreementType: 'MicrosoftCustomerAgreement',
    signedIn,
  };
}
