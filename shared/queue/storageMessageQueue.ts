import { QueueServiceClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/identity';
import { messageTraceCarrier } from '../telemetry/journey';
import { withProducerSpan } from '../telemetry/spans';
import { currentTraceCarrier } from '../telemetry/traceContext';
import { QUEUES, type MessageQueue, type QueueName } from './messageQueue';

export type QueueConnection =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | {
      readonly kind: 'identity';
      readonly queueServiceUri: string;
      readonly credential: TokenCredential;
    };

/**
 * Storage queue adapter. Messages are JSON encoded as base64, which is what the Functions host
 * expects by default (host.json `messageEncoding: base64`), so the trigger receives the object.
 */
export class StorageMessageQueue implements MessageQueue {
  private readonly service: QueueServiceClient;

  constructor(connection: QueueConnection) {
    this.service =
      connection.kind === 'connectionString'
        ? QueueServiceClient.fromConnectionString(connection.connectionString)
        : new QueueServiceClient(connection.queueServiceUri, connection.credential);
  }

  /**
   * Sends `message` with the W3C trace context (`traceparent`, `tracestate`) beside its fields,
   * so the function that takes it continues the trace (shared/telemetry/invocationTracing.ts);
   * the message schemas ignore the extra fields. The send itself is a producer span.
   */
  async send(queue: QueueName, message: object, options: { delaySeconds?: number } = {}) {
    await withProducerSpan(queue, async () => {
      const carrier = messageTraceCarrier(
        queue,
        message,
        QUEUES.invitationEmail,
        currentTraceCarrier,
      );
      const {
        traceparent: _previous,
        tracestate: _state,
        ...fields
      } = message as Record<string, unknown>;
      const text = Buffer.from(JSON.stringify({ ...fields, ...carrier }), 'utf8').toString(
        'base64',
      );
      await this.service.getQueueClient(queue).sendMessage(text, {
        ...(options.delaySeconds ? { visibilityTimeout: Math.ceil(options.delaySeconds) } : {}),
      });
    });
  }

  async ping(): Promise<void> {
    await this.service.getQueueClient(QUEUES.invitationEmail).getProperties();
  }
}
