import { randomUUID } from 'node:crypto';
import type { Locale } from '../domain/cloud';
import { hashAcceptToken, isWellFormedAcceptToken } from '../domain/identifiers';
import { decideTransition, effectiveStatus } from '../domain/invitationStatus';
import { buildPortalUrl } from '../domain/portalUrl';
import { ProblemError } from '../http/problem';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import {
  partitionKeys,
  type CustomerDocument,
  type InvitationDocument,
  type LinkDocument,
  type McaAcceptance,
  type McaAttestationDocument,
} from '../store/documents';
import { ensureCustomerRecord } from './customerRecords';
import type { Dependencies } from './dependencies';
import { relationshipEvent, recordEvent } from './events';
import { transitioned, type ActivationMessage } from './invitations';

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
  readonly agreement: { readonly type: 'MicrosoftCustomerAgreement'; readonly templateId: string };
  readonly portalUrl: string;
}

function linkProblem(status: 404 | 410, code: string, detail: string): ProblemError {
  return new ProblemError({
    status,
    code,
    title: status === 404 ? 'Invitation link not found' : 'Invitation link no longer valid',
    detail,
  });
}

/**
 * Resolves a link with two point reads (the link by the token's hash, then the invitation).
 * Unknown, malformed and orphaned tokens look the same (404); revoked and expired are 410.
 */
export async function resolveLink(deps: Dependencies, token: string): Promise<InvitationDocument> {
  const unknown = linkProblem(404, 'LINK_NOT_FOUND', 'This invitation link is not known.');
  if (!isWellFormedAcceptToken(token)) {
    throw unknown;
  }
  const hash = hashAcceptToken(token);
  const link = await deps.store.read<LinkDocument>(partitionKeys.link(hash), hash);
  if (link === undefined) {
    throw unknown;
  }
  const invitation = await deps.store.read<InvitationDocument>(
    partitionKeys.partner(link.partnerTenantId),
    link.invitationId,
  );
  if (invitation === undefined || invitation.token !== token) {
    throw unknown;
  }
  return invitation;
}

function refuseClosedLink(invitation: InvitationDocument, now: Date): void {
  const status = effectiveStatus(invitation.status, invitation.expiresAt, now);
  if (status === 'revoked') {
    throw linkProblem(410, 'LINK_REVOKED', 'The partner has withdrawn this invitation.');
  }
  if (status === 'expired') {
    throw linkProblem(
      410,
      'LINK_EXPIRED',
      'This invitation has expired. Ask the partner for a new one.',
    );
  }
}

function portalUrlFor(deps: Dependencies, invitation: InvitationDocument): string {
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

/** What the link shows, without changing anything (mail scanners prefetch GET links). */
export async function describeAcceptance(
  deps: Dependencies,
  token: string,
): Promise<AcceptanceView> {
  const invitation = await resolveLink(deps, token);
  refuseClosedLink(invitation, deps.now());
  const customer = await readCustomer(deps, invitation.customerId);
  const accepted = invitation.status === 'accepted' || invitation.status === 'active';
  return {
    state: accepted ? 'accepted' : 'pending',
    invitation,
    mcaRequired: !accepted && customer?.mca === undefined,
    agreement: { type: 'MicrosoftCustomerAgreement', templateId: deps.config.mcaTemplateId },
    portalUrl: portalUrlFor(deps, invitation),
  };
}

/**
 * Accepts the invitation: the MCA gate first (recorded once per customer), then the invitation
 * moves to `accepted` and activation is queued. A second click, or a race of two, ends in the
 * same place: one acceptance, and activation (idempotent) queued again if not yet active.
 * The signer is read only once the link is known to work, so a dead link answers 404/410
 * whatever the request body holds.
 */
export async function acceptInvitation(
  deps: Dependencies,
  token: string,
  readSigner: () => Promise<McaSigner | undefined>,
): Promise<{ portalUrl: string; alreadyAccepted: boolean; mcaRecorded: boolean; locale: Locale }> {
  const invitation = await resolveLink(deps, token);
  const now = deps.now();
  refuseClosedLink(invitation, now);
  const signer = await readSigner();
  const portalUrl = portalUrlFor(deps, invitation);
  if (invitation.status === 'active') {
    return { portalUrl, alreadyAccepted: true, mcaRecorded: false, locale: invitation.locale };
  }

  let mcaRecorded = false;
  if (invitation.status !== 'accepted') {
    const customer = await readCustomer(deps, invitation.customerId);
    if (customer?.mca === undefined) {
      if (signer === undefined) {
        throw new ProblemError({
          status: 422,
          code: 'MCA_ACCEPTANCE_REQUIRED',
          title: 'The Microsoft Customer Agreement must be accepted first',
          detail:
            'Accept the Microsoft Customer Agreement: give the signer first name, last name and email.',
          errors: [
            { field: 'mca', code: 'MCA_ACCEPTANCE_REQUIRED', message: 'Accept the agreement.' },
          ],
        });
      }
      await recordMcaAcceptance(deps, invitation, signer, now);
      mcaRecorded = true;
    }
  }

  // The link holder acts; the MCA signer's self-declared details stay in the attestation.
  const actor = 'customer';
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
        throw linkProblem(404, 'LINK_NOT_FOUND', 'This invitation link is not known.');
      }
      if (transition.kind === 'noop') {
        return { keep: true };
      }
      const at = deps.now().toISOString();
      return {
        write: transitioned(current, 'accepted', at, actor, {
          acceptedAt: at,
          acceptance: { portalUrl, acceptedBy: actor },
        }),
      };
    },
  );
  const current = result!.document;
  if (current.acceptedAt !== undefined) {
    // Idempotent by its key: a second click re-records nothing, but fills a gap a crash left.
    await recordEvent(
      deps,
      relationshipEvent(
        current.partnerTenantId,
        current.customerId,
        'relationship.accepted',
        current.acceptance?.acceptedBy ?? actor,
        `accepted:${current.id}`,
        {
          at: current.acceptedAt,
          after: {
            invitationId: current.id,
            includeDelegatedAdmin: current.includeDelegatedAdmin,
            companyName: current.customer.companyName,
            domain: current.customer.domain,
          },
        },
      ),
    );
  }
  if (current.status === 'accepted') {
    const message: ActivationMessage = {
      partnerTenantId: current.partnerTenantId,
      invitationId: current.id,
    };
    await deps.queue.send(QUEUES.relationshipActivation, message);
  }
  return { portalUrl, alreadyAccepted: !result!.written, mcaRecorded, locale: invitation.locale };
}

/**
 * Records the signer's acceptance as an attestation document and on the customer record, which
 * every later invitation for the same customer checks, so the customer signs only once.
 */
async function recordMcaAcceptance(
  deps: Dependencies,
  invitation: InvitationDocument,
  signer: McaSigner,
  now: Date,
): Promise<McaAcceptance> {
  const at = now.toISOString();
  const pk = partitionKeys.customer(invitation.customerId);
  const attestationId = randomUUID();
  const mca: McaAcceptance = {
    attestationId,
    firstName: signer.firstName,
    lastName: signer.lastName,
    email: signer.email,
    ...(signer.phoneNumber === undefined ? {} : { phoneNumber: signer.phoneNumber }),
    dateAgreed: at,
    templateId: deps.config.mcaTemplateId,
    agreementType: 'MicrosoftCustomerAgreement',
  };
  await deps.store.create<McaAttestationDocument>({
    ...mca,
    id: `mca:${attestationId}`,
    pk,
    type: 'mcaAttestation',
    customerId: invitation.customerId,
    invitationId: invitation.id,
    partnerTenantId: invitation.partnerTenantId,
  });
  await ensureCustomerRecord(deps, invitation);
  // Another signer may have been first (two partners' links at once): the first acceptance stays.
  await updateDocument<CustomerDocument>(deps.store, pk, 'customer', (current) =>
    current.mca === undefined ? { write: { ...current, mca, updatedAt: at } } : { keep: true },
  );
  return mca;
}
