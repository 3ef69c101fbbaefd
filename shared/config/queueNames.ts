/*
 * The queue names are configuration shared by the queue port, the function triggers, telemetry
 * and infra/ (Bicep creates the same queues).
 */
/** The queues this app uses; each has the host's `<name>-poison` queue beside it. */
export const QUEUES = {
  invitationEmail: 'invitation-email',
  relationshipActivation: 'relationship-activation',
  partnerEvents: 'partner-events',
  webhookDelivery: 'webhook-delivery',
  invitationBatch: 'invitation-batch',
  resellerChecks: 'reseller-checks',
  graphChecks: 'graph-checks',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
