import type { PartnerCloud, Locale } from '../domain/cloud';
import type { InvitationStatus } from '../domain/invitationStatus';

/**
 * Partition keys of the one shared container. A partner's profile, invitations and customer
 * relationships share the partner's partition (its lists are single-partition queries); a
 * link lives in a partition of its own, named by the token's hash, so the acceptance trigger
 * resolves it with a point read; a customer's own records share the customer's partition.
 */
export const partitionKeys = {
  partner: (partnerTenantId: string) => `partner:${partnerTenantId}`,
  link: (tokenHash: string) => `link:${tokenHash}`,
  customer: (customerId: string) => `customer:${customerId}`,
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
  readonly includeDelegatedAdmin: boolean;
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
  readonly failedAt?: string;
  readonly failureReason?: string;
  readonly acceptance?: {
    readonly portalUrl: string;
    readonly acceptedBy: string;
  };
  readonly history: readonly HistoryEntry[];
  readonly _etag?: string;
}

/** Resolves an acceptance token to its invitation; keyed by the token's SHA-256. */
export interface LinkDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'invitationLink';
  readonly partnerTenantId: string;
  readonly invitationId: string;
  readonly createdAt: string;
  readonly _etag?: string;
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
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly _etag?: string;
}

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
  };
  readonly delegatedAdmin: { readonly state: DelegatedAdminState; readonly changedAt: string };
  readonly mca: { readonly accepted: boolean; readonly acceptedAt?: string };
  readonly supportContact: null | {
    readonly tenantId: string;
    readonly mpnId: string;
    readonly name: string;
  };
  readonly invitationIds: readonly string[];
  readonly createdAt: string;
  readonly activatedAt: string;
  readonly updatedAt: string;
  readonly _etag?: string;
}

/** The id of a relationship document in the partner's partition. */
export const relationshipId = (customerId: string) => `relationship:${customerId}`;
