import type { Locale, PartnerCloud } from '../../../shared/domain/cloud';
import type { DelegatedAdminView } from '../../../shared/api/delegatedAdminViews';
import type { DelegatedAdminStatus } from '../../../shared/domain/delegatedAdminRequest';
import type { DeliveryState } from '../../../shared/domain/emailDelivery';
import type { InvitationStatus } from '../../../shared/domain/invitationStatus';
import type { ResellerConfirmation } from '../microsoft/microsoftText';

/** Response shapes of the API, as openapi.yaml documents them (the parts the console reads). */

export interface PartnerProfile {
  readonly displayName: string;
  readonly country: string;
  readonly cloud: PartnerCloud;
  readonly mpnId: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly continuationToken?: string;
}

export type { InvitationStatus };

export interface InvitationCustomer {
  readonly email: string;
  readonly companyName: string;
  readonly domain: string;
  readonly country: string;
}

export interface InvitationSummary {
  readonly id: string;
  readonly status: InvitationStatus;
  readonly customer: InvitationCustomer;
  readonly includeDelegatedAdmin: boolean;
  readonly locale: Locale;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly sentAt?: string;
  readonly lastResendAt?: string;
  /** What became of the email (SendGrid's events); absent until the first one. */
  readonly delivery?: EmailDelivery;
  readonly declinedAt?: string;
  /** The customer's refusal, from their admin's sign-in. */
  readonly decline?: InvitationDecline;
}

export interface InvitationDecline {
  readonly reason: 'not-needed' | 'other-partner' | 'unknown-partner' | 'other';
  readonly comment?: string;
  readonly signedIn: {
    readonly tenantId: string;
    readonly objectId: string;
    readonly username: string;
  };
}

export type { DeliveryState };

export interface EmailDelivery {
  readonly state: DeliveryState;
  readonly at: string;
  /** The receiving server's answer, for bounces, drops and deferrals. */
  readonly reason?: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly from: InvitationStatus | null;
  readonly to: InvitationStatus;
  readonly actor: string;
  readonly note?: string;
}

export interface Draft {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Invitation extends InvitationSummary {
  readonly draft: Draft;
  readonly acceptUrl: string;
  readonly mailtoUrl: string;
  readonly history: readonly HistoryEntry[];
}

export interface SupportContact {
  readonly supportTenantId: string;
  readonly supportMpnId: string;
  readonly name: string;
}

export type { DelegatedAdminStatus };

/** A customer's delegated admin grant: the server's view type itself (a type: nothing is bundled). */
export type CustomerDelegatedAdmin = DelegatedAdminView;

export interface Customer {
  readonly id: string;
  readonly companyName: string;
  readonly domain: string;
  readonly country: string;
  readonly tenantId: string | null;
  readonly relationship: {
    readonly status: 'active' | 'removed';
    readonly createdAt: string;
    readonly activatedAt: string;
    readonly removedAt?: string;
    /** Whether Microsoft holds the reseller relationship. */
    readonly confirmation: ResellerConfirmation;
  };
  readonly delegatedAdmin: CustomerDelegatedAdmin;
  readonly mca: { readonly accepted: boolean; readonly acceptedAt?: string };
  readonly supportContact: SupportContact | null;
}

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly status: string;
  readonly createdAt: string;
}

/** The events a webhook can subscribe to: the API's own list. */
export { WEBHOOK_EVENT_TYPES as WEBHOOK_EVENTS } from '../../../shared/domain/webhookEvents';

export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  /** `partner:<user id>`, `customer`, `customer:<email>`, `customer:<tenant>:<user>` or `system`. */
  readonly actor: string;
  readonly action: string;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

export interface WebhookAttempt {
  readonly at: string;
  readonly status?: number;
  readonly error?: string;
  readonly durationMs?: number;
}

/** One event sent to a webhook, with every attempt (`/api/webhooks/{id}/deliveries`). */
export interface WebhookDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly redelivery?: number;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly attempts: readonly WebhookAttempt[];
  readonly nextAttemptAt?: string;
  readonly failureReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type InvitationBatchStatus =
  'validating' | 'running' | 'completed' | 'completed_with_errors';
export type InvitationBatchRowStatus = 'pending' | 'created' | 'failed';

/** A CSV upload of many invitations (`/api/invitation-batches/{id}`), worked on by queues. */
export interface InvitationBatch {
  readonly id: string;
  readonly status: InvitationBatchStatus;
  readonly send: boolean;
  readonly source: 'csv' | 'json';
  readonly counts: {
    readonly total: number;
    readonly created: number;
    readonly failed: number;
    readonly pending: number;
  };
  readonly progress: {
    readonly processedRows: number;
    readonly totalRows: number;
    readonly percent: number;
  };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt?: string;
}

/** One line of a batch file and what became of it. */
export interface InvitationBatchRow {
  readonly line: number;
  readonly status: InvitationBatchRowStatus;
  readonly invitationId?: string;
  readonly code?: string;
  /** The column the problem is about (`email`, `country`, …), or `row`. */
  readonly field?: string;
  readonly message?: string;
}
