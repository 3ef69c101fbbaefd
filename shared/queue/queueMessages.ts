import type { InvocationContext } from '@azure/functions';
import * as z from 'zod';
import { appServices, type AppServices } from '../app/appServices';

const id = z.string().min(1).max(128);

export const emailDispatchMessage = z.object({
  partnerTenantId: id,
  invitationId: id,
  dispatchId: id,
  /** The first email of an invitation, or a follow-up of a sent one. */
  kind: z.enum(['invitation', 'reminder', 'resend']).default('invitation'),
});

export const activationMessage = z.object({
  partnerTenantId: id,
  invitationId: id,
});

/** A batch's fan-out: without `chunk`, validate the batch; with it, create that chunk's rows. */
export const invitationBatchMessage = z.object({
  partnerTenantId: id,
  batchId: id,
  chunk: z.number().int().min(0).max(10_000).optional(),
});

/**
 * Wraps a queue handler: validates the message, then runs it. A malformed message throws, so
 * the host retries it and finally parks it on the poison queue for an operator; nothing is lost.
 */
export function queueHandler<S extends z.ZodType>(
  schema: S,
  handler: (
    message: z.output<S>,
    services: AppServices,
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
    const outcome = await handler(parsed.data, appServices(), context);
    context.log(`${context.functionName}: ${outcome}`, {
      dequeueCount: context.triggerMetadata?.dequeueCount,
    });
  };
}
