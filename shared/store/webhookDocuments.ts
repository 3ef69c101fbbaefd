import type { WebhookEventType } from '../services/events';

/**
 * Webhook subscriptions and their deliveries live in the partner's partition (beside its audit
 * events), so listing them is a single-partition query and a delivery is a point read.
 */

/** A signing secret. The first one of a webhook is current; older ones lapse at `expiresAt`. */
export interface WebhookSecret {
  readonly value: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
}

export interface WebhookDocument {
  /** `webhook:<uuid>`; the API shows the uuid. */
  readonly id: string;
  readonly pk: string;
  readonly type: 'webhook';
  readonly partnerTenantId: string;
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  /** Current first; after a rotation the previous one keeps signing until it expires. */
  readonly secrets: readonly WebhookSecret[];
  readonly status: 'active' | 'deleted';
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: string;
  readonly deletedAt?: string;
  /** The id of the `webhookSlot` it holds (webhooks registered before slots hold none). */
  readonly slotId?: string;
  readonly _etag?: string;
}

/**
 * One of the partner's `MAX_WEBHOOKS_PER_PARTNER` places for a webhook, `webhookSlot:<n>`. The
 * store refuses a second document with one id and a stale ETag, so two registrations racing
 * for the last place cannot both get it. Free when `webhookId` is absent.
 */
export interface WebhookSlotDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'webhookSlot';
  readonly partnerTenantId: string;
  /** The uuid of the webhook holding the slot. */
  readonly webhookId?: string;
  readonly claimedAt?: string;
  readonly _etag?: string;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One POST to the receiver: its HTTP status, or why there was none. */
export interface WebhookAttempt {
  readonly at: string;
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

/** One event for one webhook; created once per (event, webhook), so a redelivery finds it. */
export interface WebhookDeliveryDocument {
  /** `delivery:<event hash>:<webhook uuid>`. */
  readonly id: string;
  readonly pk: string;
  readonly type: 'webhookDelivery';
  readonly partnerTenantId: string;
  /** The webhook's uuid (its API id). */
  readonly webhookId: string;
  /** The audit event's document id, `event:<hash>`. */
  readonly eventId: string;
  readonly eventType: WebhookEventType;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: readonly WebhookAttempt[];
  /** When the scheduled retry is due; a message for it is already on the queue. */
  readonly nextAttemptAt?: string;
  /** Held while one worker POSTs, so a second copy of the message does not POST as well. */
  readonly claimedUntil?: string;
  /** Why a failed delivery stopped: attempts exhausted, webhook deleted, abandoned. */
  readonly failureReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly _etag?: string;
}

/** The document id of slot number `n`. */
export const webhookSlotId = (n: number) => `webhookSlot:${n}`;

/** The document id of the webhook with API id `webhookId`. */
export const webhookDocumentId = (webhookId: string) => `webhook:${webhookId}`;

/** The API id of a webhook document. */
export const webhookApiId = (documentId: string) => documentId.replace(/^webhook:/, '');

/** The delivery of audit event `eventId` (`event:<hash>`) to webhook `webhookId`. */
export const webhookDeliveryId = (eventId: string, webhookId: string) =>
  `delivery:${eventId.replace(/^event:/, '')}:${webhookId}`;

/** The event id receivers see (and the audit log shows): the hash without its prefix. */
export const publicEventId = (eventId: string) => eventId.replace(/^event:/, '');
