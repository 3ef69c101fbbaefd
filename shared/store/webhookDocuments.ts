import type { WebhookEventType } from '../domain/webhookEvents';

/** What a delivery can carry: a subscribed event, or the test event a partner asks for. */
export type WebhookDeliveryEventType = WebhookEventType | 'webhook.ping';

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
  readonly _etag?: string;
}

/** One subscription in the partner's webhook index. */
export interface WebhookIndexEntry {
  /** The webhook's uuid (its API id). */
  readonly webhookId: string;
  readonly events: readonly WebhookEventType[];
  readonly claimedAt: string;
}

/**
 * The partner's subscriptions in one document (`webhookIndex`), so fanning an event out costs
 * one point read, and nothing more for a partner without webhooks. It is written before a
 * webhook is (the entry is the webhook's claim on one of the partner's places) and cleared after
 * the webhook is deleted: it may name a webhook that is missing or deleted, which readers skip,
 * but never misses an active one. ETag-checked writes keep the number of entries bounded.
 */
export interface WebhookIndexDocument {
  readonly id: typeof WEBHOOK_INDEX_ID;
  readonly pk: string;
  readonly type: 'webhookIndex';
  readonly partnerTenantId: string;
  readonly entries: readonly WebhookIndexEntry[];
  readonly updatedAt: string;
  readonly _etag?: string;
}

export const WEBHOOK_INDEX_ID = 'webhookIndex';

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** One POST to the receiver: its HTTP status, or why there was none. */
export interface WebhookAttempt {
  readonly at: string;
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

/**
 * One event for one webhook; created once per (event, webhook), so a redelivered message finds
 * it. A partner's manual redelivery of a failed one is a new delivery, numbered `redelivery`.
 */
export interface WebhookDeliveryDocument {
  /** `delivery:<event hash>:<webhook uuid>`, with `:<n>` for the n-th manual redelivery. */
  readonly id: string;
  readonly pk: string;
  readonly type: 'webhookDelivery';
  readonly partnerTenantId: string;
  /** The webhook's uuid (its API id). */
  readonly webhookId: string;
  /** The audit event's document id, `event:<hash>`. */
  readonly eventId: string;
  readonly eventType: WebhookDeliveryEventType;
  /** For a manual redelivery: which one it is (1, 2, …) of this event to this webhook. */
  readonly redelivery?: number;
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
/** The document id of the webhook with API id `webhookId`. */
export const webhookDocumentId = (webhookId: string) => `webhook:${webhookId}`;

/** The API id of a webhook document. */
export const webhookApiId = (documentId: string) => documentId.replace(/^webhook:/, '');

/** The delivery of audit event `eventId` (`event:<hash>`) to webhook `webhookId`. */
export const webhookDeliveryId = (eventId: string, webhookId: string, redelivery = 0) =>
  `delivery:${eventId.replace(/^event:/, '')}:${webhookId}${redelivery > 0 ? `:${redelivery}` : ''}`;

/** A delivery's id in the API, under its webhook: `<event id>`, or `<event id>-<n>`. */
export const deliveryApiId = (doc: Pick<WebhookDeliveryDocument, 'eventId' | 'redelivery'>) =>
  `${publicEventId(doc.eventId)}${doc.redelivery === undefined ? '' : `-${doc.redelivery}`}`;

/** The delivery document id an API delivery id names, or undefined when it is malformed. */
export function deliveryDocumentId(webhookId: string, apiId: string): string | undefined {
  const match = /^([0-9a-f]{24})(?:-([1-9][0-9]{0,3}))?$/.exec(apiId);
  return match === null
    ? undefined
    : webhookDeliveryId(`event:${match[1]}`, webhookId, Number(match[2] ?? 0));
}

/** The event id receivers see (and the audit log shows): the hash without its prefix. */
export const publicEventId = (eventId: string) => eventId.replace(/^event:/, '');
