/** The queues this app uses; each has the host's `<name>-poison` queue beside it. */
export const QUEUES = {
  invitationEmail: 'invitation-email',
  relationshipActivation: 'relationship-activation',
  partnerEvents: 'partner-events',
  webhookDelivery: 'webhook-delivery',
  invitationBatch: 'invitation-batch',
  graphChecks: 'graph-checks',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The narrow port the domain uses to hand work to a queue-triggered function. */
export interface MessageQueue {
  send(queue: QueueName, message: object, options?: { delaySeconds?: number }): Promise<void>;
  ping(): Promise<void>;
}
