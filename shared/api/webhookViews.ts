import { validSecrets } from '../services/webhookSubscriptions';
import {
  deliveryApiId,
  publicEventId,
  webhookApiId,
  type WebhookDeliveryDocument,
  type WebhookDocument,
} from '../store/webhookDocuments';

/**
 * A webhook as the API shows it. Secret values never leave after creation or rotation: only
 * when each valid secret was made and when it lapses, so a rotation in progress is visible.
 */
export function toWebhookView(doc: WebhookDocument, now: Date) {
  return {
    id: webhookApiId(doc.id),
    url: doc.url,
    events: doc.events,
    status: shownStatus(doc),
    secrets: validSecrets(doc.secrets, now).map((secret) => ({
      createdAt: secret.createdAt,
      ...(secret.expiresAt === undefined ? {} : { expiresAt: secret.expiresAt }),
    })),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/**
 * The API shows active webhooks only: the services answer 404 for a deleted one before a view
 * is made, so a deleted one here is a bug, not an answer.
 */
function shownStatus(doc: WebhookDocument): 'active' {
  if (doc.status !== 'active') {
    throw new Error(`webhook ${doc.id} is ${doc.status}; only active webhooks are shown`);
  }
  return doc.status;
}

/** The answer to a create or a rotation: the only time the new secret is shown. */
export function toWebhookWithSecretView(doc: WebhookDocument, secret: string, now: Date) {
  return { ...toWebhookView(doc, now), secret };
}

/** One delivery of an event to a webhook, with every attempt. */
export function toWebhookDeliveryView(doc: WebhookDeliveryDocument) {
  return {
    id: deliveryApiId(doc),
    eventId: publicEventId(doc.eventId),
    eventType: doc.eventType,
    ...(doc.redelivery === undefined ? {} : { redelivery: doc.redelivery }),
    status: doc.status,
    attempts: doc.attempts,
    ...(doc.nextAttemptAt === undefined ? {} : { nextAttemptAt: doc.nextAttemptAt }),
    ...(doc.failureReason === undefined ? {} : { failureReason: doc.failureReason }),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
