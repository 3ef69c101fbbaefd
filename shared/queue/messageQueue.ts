import type { QueueName } from '../config/queueNames';

export { QUEUES, type QueueName } from '../config/queueNames';

/** The narrow port the domain uses to hand work to a queue-triggered function. */
export interface MessageQueue {
  send(queue: QueueName, message: object, options?: { delaySeconds?: number }): Promise<void>;
  ping(): Promise<void>;
}
