import * as z from 'zod';
import { WEBHOOK_URL_MAX_LENGTH } from '../domain/webhookUrl';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhookEvents';
import { customerListQuery } from './schemas';

/**
 * Request and message shapes of partner webhooks, declared once each; strict, so unknown fields
 * are refused by name. Whether a URL is allowed depends on configuration, so the service checks
 * that (422 `WEBHOOK_URL_NOT_ALLOWED`); here it only has to be a string of sane length.
 */

export const createWebhookBody = z.strictObject({
  url: z.string().trim().min(1, 'must not be empty').max(WEBHOOK_URL_MAX_LENGTH),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, 'subscribe to at least one event')
    .max(WEBHOOK_EVENT_TYPES.length * 2)
    .transform((events) => [...new Set(events)]),
});

/** The API id of a webhook: the uuid part of its document id. A malformed one is a 404. */
export const webhookIdParam = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
  .transform((value) => value.toLowerCase());

/** Deliveries are paged like every list (`limit`, `continuationToken`). */
export const webhookDeliveryListQuery = customerListQuery;

const messageId = z.string().min(1).max(128);

/** On `partner-events`: an audit event that may concern the partner's webhooks. */
export const partnerEventMessage = z.object({
  partnerTenantId: messageId,
  eventId: messageId,
  // Absent in messages queued before it was added.
  action: z.enum(WEBHOOK_EVENT_TYPES).optional(),
});

/** On `webhook-delivery`: deliver (or retry) one event to one webhook. */
export const webhookDeliveryMessage = z.object({
  partnerTenantId: messageId,
  deliveryId: messageId,
});
