import type { PartnerCloud, Locale } from '../domain/cloud';
import type { Delivery } from '../domain/emailDelivery';
import type { DelegatedAdminStatus } from '../domain/delegatedAdminRequest';
import type { GdapWaitingFor } from '../domain/gdapTracking';
import type { InvitationStatus } from '../domain/invitationStatus';
import type { ResellerConfirmation } from '../domain/resellerConfirmation';

/**
 * Partition keys of the one shared container. A partner's profile, invitations and customer
 * relationships share the partner's partition (its lists are single-partition queries, and a
 * change and its audit event are one transactional batch); an acceptance link names its
 * partner and invitation, so the acceptance trigger resolves it with one point read; a
 * customer's own records share the customer's partition.
 */
export const partitionKeys = {
  partner: (partnerTenantId: string) => `partner:${partnerTenantId}`,
  customer: (customerId: string) => `customer:${customerId}`,
  customerTenant: (tenantId: string) => `tenant:${tenantId}`,
  customerSession: (sessionId: string) => `session:${sessionId}`,
} as const;

export interface PartnerProfileDocument {
  readonly id: 'profile';
  readonly pk: string;
  readonly type: 'partnerProfile';
  readonly partnerTenantId: string;
  readonly displayName: string;
  readonly country: string;
  readonly cloud: PartnerCloud;
  readonly mpnId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly _etag?: string;
}

/** A delegatedAdminRelationship in Microsoft Graph, as this service last learned it. */
export interface GraphRelationshipRef {
  readonly relationshipId: string;
  readonly displayName: string;
  /** Graph's status when last read (approvalPending after the lock). */
  readonly status: string;
  /** Microsoft 365 admin center page where the customer's administrator approves it. */
  readonly approvalUrl: string;
  readonly checkedAt: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly from: InvitationStatus | null;
  readonly to: InvitationStatus;
  /** `partner:<userId>`, `customer:<email>` or `system`. */
  readonly actor: string;
  readonly note?: string;
}

export interface EmailDraftDocument {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly editedAt?: string;
}

export interface InvitationDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'invitation';
  readonly partnerTenantId: string;
  readonly status: InvitationStatus;
  readonly customerId: string;
  readonly customer: {
    readonly email: string;
    readonly companyName: string;
    readonly domain: string;
    readonly country: string;
  };
  /** True for classic DAP and for a granular request (then `delegatedAdmin` says what). */
  readonly includeDelegatedAdmin: boolean;
  /** Granular delegated admin privileges asked for; the dates once activation granted them. */
  readonly delegatedAdmin?: {
    readonly roles: readonly string[];
    readonly duration: string;
    readonly autoExtend: boolean;
    readonly startsAt?: string;
    readonly endsAt?: string;
    /** The relationship this service created for it in Microsoft Graph (partner's tenant). */
    readonly graph?: GraphRelationshipRef;
  };
  readonly locale: Locale;
  readonly partner: {
    readonly displayName: string;
    readonly country: string;
    readonly cloud: PartnerCloud;
    readonly mpnId: string;
  };
  readonly token: string;
  readonly acceptUrl: string;
  readonly draft: EmailDraftDocument;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
  readonly createdBy: string;
  readonly idempotency?: { readonly key: string; readonly fingerprint: string };
  readonly dispatch?: {
    readonly id: string;
    readonly attempts: number;
    readonly claimedUntil?: string;
    readonly lastError?: string;
    readonly messageId?: string;
  };
  readonly sentAt?: string;
  readonly acceptedAt?: string;
  readonly activatedAt?: string;
  readonly revokedAt?: string;
  readonly declinedAt?: string;
  /** The customer admin's refusal: a reason from the list, their words, and who signed in. */
  readonly decline?: {
    readonly reason: DeclineReason;
    readonly comment?: string;
    readonly signedIn: SignedInUser;
  };
  readonly failedAt?: string;
  readonly failureReason?: string;
  /** What SendGrid's Event Webhook said became of the email (absent until its first event). */
  readonly delivery?: Delivery;
  /** A reminder or an on-demand resend of the sent email, while it is being dispatched. */
  readonly followUp?: {
    readonly kind: 'reminder' | 'resend';
    readonly dispatchId: string;
    readonly requestedAt: string;
    /** `partner:<user>` for a resend, `system` for a reminder. */
    readonly requestedBy: string;
    readonly attempts: number;
    readonly claimedUntil?: string;
    readonly lastError?: string;
    readonly sentAt?: string;
    readonly failedAt?: string;
  };
  /** Set once: an invitation gets at most one reminder. */
  readonly reminderRequestedAt?: string;
  readonly resendCount?: number;
  readonly lastResendAt?: string;
  readonly acceptance?: {
    readonly portalUrl: string;
    /** `customer:<tenant id>`; the signed-in admin is in `signedIn`. */
    readonly acceptedBy: string;
    /** The customer admin who accepted, from their Entra sign-in. */
    readonly signedIn?: SignedInUser;
    /** The MCA signed with this acceptance; activation records it for the customer. */
    readonly mca?: McaAcceptance;
  };
  readonly history: readonly HistoryEntry[];
  readonly _etag?: string;
}

/** Why a customer declined, from the short list the acceptance page offers. */
export type DeclineReason = 'not-needed' | 'other-partner' | 'unknown-partner' | 'other';

/** Who was signed in when something was accepted (Entra object id, tenant id, sign-in name). */
export interface SignedInUser {
  readonly tenantId: string;
  readonly objectId: string;
  readonly username: string;
}

export interface McaAcceptance {
  readonly attestationId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phoneNumber?: string;
  readonly dateAgreed: string;
  readonly templateId: string;
  readonly agreementType: 'MicrosoftCustomerAgreement';
  /** Who was signed in when the MCA was accepted (absent on attestations made before sign-in). */
  readonly signedIn?: SignedInUser;
}

/** The customer organisation as the system knows it, shared by all its partners. */
export interface CustomerDocument {
  readonly id: 'customer';
  readonly pk: string;
  readonly type: 'customer';
  readonly customerId: string;
  readonly domain: string;
  readonly companyName: string;
  readonly country: string;
  readonly mca?: McaAcceptance;
  /**
   * The customer's Entra tenant: bound when a Global Administrator of it accepts an invitation
   * (or, for customers that accepted before sign-in existed, claims the customer).
   */
  readonly tenantId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly _etag?: string;
}

/** Maps a customer's Entra tenant to the customer, for the customer admin's endpoints. */
export interface CustomerTenantDocument {
  readonly id: 'tenant';
  readonly pk: string;
  readonly type: 'customerTenant';
  readonly tenantId: string;
  readonly customerId: string;
  readonly claimedAt: string;
  readonly claimedBy: string;
  readonly _etag?: string;
}

/**
 * In the customer's partition, one per partner it has a relationship with: lets the customer's
 * admin list its partners with a single-partition query; the state lives in the partner's copy.
 */
export interface CustomerPartnerDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'customerPartner';
  readonly customerId: string;
  readonly partnerTenantId: string;
  readonly createdAt: string;
  readonly _etag?: string;
}

/** The id of a customer's partner index entry. */
export const customerPartnerId = (partnerTenantId: string) => `partner:${partnerTenantId}`;

/** One MCA attestation, kept as a record even when a later one supersedes it. */
export interface McaAttestationDocument extends McaAcceptance {
  readonly id: string;
  readonly pk: string;
  readonly type: 'mcaAttestation';
  readonly customerId: string;
  readonly invitationId: string;
  readonly partnerTenantId: string;
  readonly _etag?: string;
}

export type DelegatedAdminState = 'active' | 'none' | 'removed';

/**
 * A partner's admin privileges in a customer's tenant. `state` is the classic DAP view older
 * clients read; the rest is Graph's delegatedAdminRelationship. Documents written before GDAP
 * carry only `state`, `changedAt` and `changedBy` (read them with `delegatedAdminTermsOf`).
 */
export interface DelegatedAdminGrant {
  readonly state: DelegatedAdminState;
  readonly changedAt: string;
  /** `partner:<user>`, `customer:<tenant>` (the customer's users stay private) or `system`. */
  readonly changedBy?: string;
  /**
   * Graph's status. `approvalPending` while requested and not yet confirmed by Microsoft (state
   * `none`): granular roles until Graph says `active`, classic DAP until Partner Center does.
   */
  readonly status?: DelegatedAdminStatus;
  readonly roles?: readonly string[];
  /** null for classic DAP, which has no end. */
  readonly duration?: string | null;
  readonly startsAt?: string;
  readonly endsAt?: string | null;
  readonly autoExtend?: boolean;
  /** The invitation whose approval granted these roles. */
  readonly invitationId?: string;
  /**
   * The customer's admin asked us to remove them and was sent to Microsoft's admin center (we
   * could not end them in Microsoft ourselves): when and who. Cleared by a new request.
   */
  readonly removalRequestedAt?: string;
  readonly removalRequestedBy?: string;
}

/** Partner Center's support contact: a user of the partner tenant who supports this customer. */
export interface SupportContact {
  readonly supportTenantId: string;
  readonly supportMpnId: string;
  readonly name: string;
  readonly assignedAt: string;
}

/** A (partner, customer) reseller relationship: an entry of the partner's Customers list. */
export interface RelationshipDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'relationship';
  readonly partnerTenantId: string;
  readonly customerId: string;
  readonly status: 'active' | 'removed';
  readonly customer: {
    readonly companyName: string;
    readonly domain: string;
    readonly country: string;
    readonly email: string;
    /** The customer's Entra tenant, once known. */
    readonly tenantId?: string;
  };
  readonly partner: { readonly displayName: string; readonly mpnId: string };
  readonly delegatedAdmin: DelegatedAdminGrant;
  readonly mca: { readonly accepted: boolean; readonly acceptedAt?: string };
  /** Whether Microsoft holds the reseller relationship (absent on relationships older than it). */
  readonly reseller?: ResellerConfirmation;
  readonly supportContact: null | SupportContact;
  readonly invitationIds: readonly string[];
  /** The granular relationship in Microsoft Graph this customer's newest GDAP request made. */
  readonly gdap?: GdapTracking;
  readonly createdAt: string;
  readonly activatedAt: string;
  readonly updatedAt: string;
  readonly removedAt?: string;
  readonly removedBy?: string;
  readonly _etag?: string;
}

/**
 * A delegatedAdminRelationship in Microsoft Graph as the re-check queue last read it. Graph is
 * the truth: this is only what Graph said, when, and what it is still waiting for.
 */
export interface GdapTracking {
  readonly graphId: string;
  readonly invitationId: string;
  /** Graph's status as last read; `deleted` when Graph answered 404 for it. */
  readonly status: string;
  readonly checkedAt: string;
  /** How the status was learned: when created, by a Partner Center event, or by a re-check. */
  readonly learnedFrom: 'created' | 'event' | 'recheck';
  readonly waitingFor: GdapWaitingFor | null;
  /** The scheduled re-check in flight; other chains' messages are dropped as superseded. */
  readonly checkId?: string;
  readonly nextCheckAt?: string;
  /** Re-checks so far in the current chain (drives the backoff). */
  readonly attempts: number;
  /** Graph calls that failed in a row (5xx, 429); reset by an answer. */
  readonly failures: number;
  readonly lastError?: string;
  readonly assignments?: readonly AccessAssignmentTracking[];
}

/** One group of the partner's access template in this relationship, as Graph last said. */
export interface AccessAssignmentTracking {
  readonly groupId: string;
  readonly groupName: string;
  readonly roles: readonly string[];
  /** Graph's status (pending, active, deleting, deleted, error), or `error` when refused. */
  readonly status: string;
  readonly assignmentId?: string;
  readonly detail?: string;
}

/** The partner's security groups and the roles each gets in every active relationship. */
export interface AccessTemplateDocument {
  readonly id: 'accessTemplate';
  readonly pk: string;
  readonly type: 'accessTemplate';
  readonly partnerTenantId: string;
  readonly assignments: ReadonlyArray<{
    readonly groupId: string;
    readonly groupName: string;
    readonly roles: readonly string[];
  }>;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly _etag?: string;
}

/** The id of a relationship document in the partner's partition. */
export const relationshipId = (customerId: string) => `relationship:${customerId}`;

/**
 * A customer admin's signed-out session (partition `session:<session id>`, id `revoked`): its
 * sealed cookie is refused until `expiresAt`, the cookie's own end. Nothing relies on TTL; after
 * `expiresAt` the record no longer counts, and a sweep may remove it.
 */
export interface SessionRevocationDocument {
  readonly id: 'revoked';
  readonly pk: string;
  readonly type: 'sessionRevocation';
  readonly revokedAt: string;
  readonly expiresAt: string;
  readonly _etag?: string;
}
