import * as z from 'zod';
import {
  isDeliveryFailure,
  isEmailEventType,
  withDeliveryEvents,
  type DeliveryEvent,
} from '../domain/emailDelivery';
import { updateDocument } from '../store/documentStore';
import { partitionKeys, type InvitationDocument } from '../store/documents';
import { countFunnelStep } from '../telemetry/metrics';
import type { Dependencies } from './dependencies';
import { invitationEvent, recordEvent } from './events';
import { mapConcurrently } from './mapConcurrently';

/**
 * One event of SendGrid's Event Webhook as far as this app reads it. The custom arguments set
 * at send time (`invitationId`, `partnerTenantId`, `dispatchId`) arrive as top-level fields.
 */
const sendGridEventSchema = z.looseObject({
  event: z.string(),
  sg_event_id: z.string().min(1).max(200),
  // Unix seconds; bounded so that every accepted value is a valid date.
  timestamp: z.number().int().nonnegative().max(253_402_300_799),
  email: z.string().optional(),
  reason: z.string().optional(),
  response: z.string().optional(),
  invitationId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  partnerTenantId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  dispatchId: z.string().max(200).optional(),
});
type SendGridEvent = z.output<typeof sendGridEventSchema>;

/** SMTP replies can be long; the partner needs the gist. */
const MAX_REASON_LENGTH = 500;

export interface EmailEventsOutcome {
  /** Events this app tracks that were new and changed an invitation. */
  readonly recorded: number;
  /** Replays, other event types, events of no (or another partner's) invitation. */
  readonly ignored: number;
}

/** Invitations of one post updated at the same time. */
const INVITATION_CONCURRENCY = 8;

/**
 * Records a verified batch of SendGrid events on the invitations they name. Idempotent: an
 * event already on the invitation (same `sg_event_id`) changes nothing, and a bounce or drop
 * raises `invitation.deliveryFailed` once. Events that name no invitation of that partner
 * are ignored rather than refused, since SendGrid retries anything but a 2xx for days.
 */
export async function recordEmailEvents(
  deps: Dependencies,
  batch: readonly unknown[],
): Promise<EmailEventsOutcome> {
  const byInvitation = new Map<string, SendGridEvent[]>();
  let ignored = 0;
  for (const item of batch) {
    const parsed = sendGridEventSchema.safeParse(item);
    if (!parsed.success || !isEmailEventType(parsed.data.event)) {
      ignored += 1;
      continue;
    }
    const key = `${parsed.data.partnerTenantId}/${parsed.data.invitationId}`;
    byInvitation.set(key, [...(byInvitation.get(key) ?? []), parsed.data]);
  }
  let recorded = 0;
  // A post of SendGrid's carries up to 768 KB of events, about a thousand invitations' worth.
  await mapConcurrently([...byInvitation.values()], INVITATION_CONCURRENCY, async (events) => {
    const added = await recordOnInvitation(deps, events);
    recorded += added;
    ignored += events.length - added;
  });
  return { recorded, ignored };
}

async function recordOnInvitation(
  deps: Dependencies,
  events: readonly SendGridEvent[],
): Promise<number> {
  const { partnerTenantId, invitationId } = events[0]!;
  let addedEvents: readonly DeliveryEvent[] = [];
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    invitationId,
    (current) => {
      if (current.type !== 'invitation') {
        return { keep: true };
      }
      const forThisAddress = events
        .filter((e) => e.email === undefined || sameAddress(e.email, current.customer.email))
        .map(toDeliveryEvent);
      const { delivery, added } = withDeliveryEvents(current.delivery, forThisAddress);
      addedEvents = added;
      return added.length === 0 || delivery === undefined
        ? { keep: true }
        : { write: { ...current, delivery } };
    },
  );
  if (result === undefined || result.document.type !== 'invitation') {
    return 0;
  }
  const invitation = result.document;
  // Raised whenever a failure is on the invitation, not only when this call wrote it: a
  // replay after a crash between the write and the event fills the gap (recorded once).
  for (const failure of (invitation.delivery?.events ?? []).filter(
    (e) => isDeliveryFailure(e.event) && events.some((mine) => mine.sg_event_id === e.sgEventId),
  )) {
    await recordEvent(
      deps,
      invitationEvent(
        invitation,
        'invitation.deliveryFailed',
        'system',
        `delivery:${failure.sgEventId}`,
        {
          // When the app learned it (a webhook registered in between gets it); SendGrid's
          // own time is `failedAt`.
          at: deps.now().toISOString(),
          after: {
            status: invitation.status,
            delivery: failure.event === 'bounce' ? 'bounced' : 'dropped',
            failedAt: failure.at,
            email: invitation.customer.email,
            ...(failure.reason === undefined ? {} : { reason: failure.reason }),
          },
        },
      ),
    );
  }
  if (!result.written) return 0;
  for (const added of addedEvents) {
    if (added.event === 'delivered') countFunnelStep('delivered');
  }
  return addedEvents.length;
}

function toDeliveryEvent(event: SendGridEvent): DeliveryEvent {
  const reason = (event.reason ?? event.response)?.slice(0, MAX_REASON_LENGTH);
  return {
    sgEventId: event.sg_event_id,
    event: event.event as DeliveryEvent['event'],
    at: new Date(event.timestamp * 1000).toISOString(),
    ...(reason === undefined || reason === '' ? {} : { reason }),
    ...(event.dispatchId === undefined ? {} : { dispatchId: event.dispatchId }),
  };
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
