import type { InvocationContext } from '@azure/functions';
import * as z from 'zod';
import { describeError, logEvent } from '../telemetry/log';
import { messageIds, outcomeLog, recordQueueOutcome } from '../telemetry/queueOutcomes';
import type { MessageQueue, QueueName } from './messageQueue';
import { RetryLaterError } from './retryLater';

const id = z.string().min(1).max(128);

export const emailDispatchMessage = z.object({
  partnerTenantId: id,
  invitationId: id,
  dispatchId: id,
  /** The first email of an invitation, or a follow-up of a sent one. */
  kind: z.enum(['invitation', 'reminder', 'resend']).default('invitation'),
});

/** A run of invitation emails sent together (see `dispatchEmailRun`), on the same queue. */
export const emailRunMessage = z.object({
  partnerTenantId: id,
  batchId: id.optional(),
  run: z
    .array(z.object({ invitationId: id, dispatchId: id }))
    .min(1)
    .max(1000),
});

/** What the invitation-email queue carries: a run, or one email. */
export const invitationEmailQueueMessage = z.union([emailRunMessage, emailDispatchMessage]);

export const activationMessage = z.object({
  partnerTenantId: id,
  invitationId: id,
});

/** A re-check with Microsoft of a reseller relationship awaiting the customer. */
export const resellerCheckMessage = z.object({
  partnerTenantId: id,
  customerId: id,
  since: z.iso.datetime(),
  attempt: z.number().int().min(1).max(1000),
});

/**
 * On `graph-checks`: read one granular relationship from Graph again. `checkId` marks a link of
 * the scheduled backoff chain (only the newest is acted on); without it the check was asked for
 * by a Partner Center event, a reconnect or a changed access template and runs once.
 */
export const graphCheckMessage = z.object({
  partnerTenantId: id,
  customerId: id,
  graphId: id,
  checkId: id.optional(),
  reason: z
    .enum(['scheduled', 'event', 'reconnect', 'template', 'customerRequest'])
    .default('scheduled'),
});

/** A batch's fan-out: without `chunk`, validate the batch; with it, create that chunk's rows. */
export const invitationBatchMessage = z.object({
  partnerTenantId: id,
  batchId: id,
  chunk: z.number().int().min(0).max(10_000).optional(),
});

/**
 * Wraps a queue handler: validates the message, then runs it, and logs the outcome with the
 * message's ids. A malformed message throws, so the host retries it and finally parks it on the
 * poison queue for an operator; nothing is lost. A `RetryLaterError` (another worker holds the
 * lease) is an expected race: the message goes back on its queue until the lease lapses, logged
 * as information, and the invocation succeeds. `services` comes from the entry layer
 * (shared/app/entryPoints binds the composition root).
 */
export function queueHandler<
  S extends z.ZodType,
  Services extends { readonly queue: MessageQueue },
>(
  services: () => Services,
  schema: S,
  handler: (
    message: z.output<S>,
    services: Services,
    context: InvocationContext,
  ) => Promise<string>,
): (message: unknown, context: InvocationContext) => Promise<void> {
  return async (message, context) => {
    const parsed = schema.safeParse(message);
    if (!parsed.success) {
      throw new Error(
        `Malformed message on ${context.functionName}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    const queue = queueOf(context);
    const properties = {
      ...messageIds(parsed.data),
      queue,
      dequeueCount: Number(context.triggerMetadata?.dequeueCount ?? 1),
    };
    const given = services();
    let outcome: string;
    try {
      outcome = await handler(parsed.data, given, context);
    } catch (error) {
      if (!(error instanceof RetryLaterError)) throw error;
      await given.queue.send(queue as QueueName, message as object, {
        delaySeconds: error.retryAfterSeconds,
      });
      outcome = 'lease-held';
      logEvent(context, 'information', 'queue.retryLater', describeError(error), {
        ...properties,
        outcome,
      });
      recordQueueOutcome(queue, outcome);
      return;
    }
    recordQueueOutcome(queue, outcome);
    const { level, event } = outcomeLog(queue, outcome);
    logEvent(context, level, event, `${context.functionName}: ${outcome}`, {
      ...properties,
      outcome,
    });
  };
}

/** The queue a queue-triggered invocation reads. */
function queueOf(context: InvocationContext): string {
  const trigger = context.options.trigger as { queueName?: unknown };
  return typeof trigger.queueName === 'string' ? trigger.queueName : context.functionName;
}
