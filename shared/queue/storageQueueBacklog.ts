import { QueueServiceClient, RestError } from '@azure/storage-queue';
import type { QueueName } from './messageQueue';
import type { QueueBacklog, QueueBacklogReader } from './queueBacklog';
import type { QueueConnection } from './storageMessageQueue';

/**
 * Each queue's approximate length (its properties) and the insertion time of its first visible
 * message (a peek, which neither takes the message nor changes its dequeue count): two cheap
 * reads per queue, for the queue and its `-poison` queue. A poison queue the host has not
 * created yet is empty.
 */
export class StorageQueueBacklog implements QueueBacklogReader {
  private readonly service: QueueServiceClient;

  constructor(connection: QueueConnection) {
    this.service =
      connection.kind === 'connectionString'
        ? QueueServiceClient.fromConnectionString(connection.connectionString)
        : new QueueServiceClient(connection.queueServiceUri, connection.credential);
  }

  async backlogs(queues: readonly QueueName[]): Promise<QueueBacklog[]> {
    const names = queues.flatMap((queue) => [queue, `${queue}-poison`]);
    return Promise.all(names.map((name) => this.backlog(name)));
  }

  private async backlog(queue: string): Promise<QueueBacklog> {
    const client = this.service.getQueueClient(queue);
    try {
      const [properties, peeked] = await Promise.all([
        client.getProperties(),
        client.peekMessages({ numberOfMessages: 1 }),
      ]);
      const oldest = peeked.peekedMessageItems[0]?.insertedOn;
      return {
        queue,
        length: properties.approximateMessagesCount ?? 0,
        ...(oldest === undefined ? {} : { oldestInsertedAt: oldest }),
      };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return { queue, length: 0 };
      throw error;
    }
  }
}
