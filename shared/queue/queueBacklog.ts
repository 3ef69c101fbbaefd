import type { QueueName } from './messageQueue';

/** What waits in one queue. */
export interface QueueBacklog {
  readonly queue: string;
  /** The service's approximate count of messages (visible or not). */
  readonly length: number;
  /** When the first message waiting to be taken was inserted; absent when none is visible. */
  readonly oldestInsertedAt?: Date;
}

/** Reads what waits in the app's queues and their poison queues (for metrics, not for work). */
export interface QueueBacklogReader {
  backlogs(queues: readonly QueueName[]): Promise<QueueBacklog[]>;
}
