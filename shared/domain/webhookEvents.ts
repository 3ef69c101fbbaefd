/**
 * Events partners can subscribe to with a webhook, named `<resource>.<change>` in camelCase as
 * the audit log's actions are. Pure data, so the console offers the same list the API accepts.
 */
export const WEBHOOK_EVENT_TYPES = [
  'relationship.accepted',
  'relationship.activated',
  'relationship.confirmed',
  'delegatedAdmin.removed',
  'delegatedAdmin.restored',
  'relationship.removed',
  'invitation.expired',
  'invitation.declined',
  'invitationBatch.completed',
  'invitation.deliveryFailed',
  'delegatedAdmin.expiring',
  'delegatedAdmin.extended',
  'delegatedAdmin.expired',
  'delegatedAdmin.changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
