/**
 * What became of an invitation email, from SendGrid's Event Webhook. Pure rules: which events
 * count, what state a set of events adds up to, and which states are failures to act on.
 */

/** SendGrid's delivery and engagement events this app records (others are ignored). */
export const EMAIL_EVENT_TYPES = [
  'processed',
  'deferred',
  'delivered',
  'open',
  'bounce',
  'dropped',
  'spamreport',
] as const;
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

/** The invitation's delivery state as the partner sees it. */
export type DeliveryState =
  'processed' | 'deferred' | 'delivered' | 'opened' | 'bounced' | 'dropped' | 'spam-reported';

/** One recorded event; `sgEventId` makes a replayed event recognisable. */
export interface DeliveryEvent {
  readonly sgEventId: string;
  readonly event: EmailEventType;
  /** When SendGrid says it happened (the event's own timestamp, not when it arrived). */
  readonly at: string;
  readonly reason?: string;
  /** Which send (first dispatch, reminder, resend) the event is about. */
  readonly dispatchId?: string;
}

export interface Delivery {
  readonly state: DeliveryState;
  readonly at: string;
  readonly reason?: string;
  /** Oldest first, at most `MAX_DELIVERY_EVENTS`. */
  readonly events: readonly DeliveryEvent[];
}

/**
 * How many events an invitation keeps. A send makes two to four events (processed, deferred
 * now and then, delivered or bounce, an open); reminders and resends add their own. Older
 * ones drop off first; the audit log keeps every failure.
 */
export const MAX_DELIVERY_EVENTS = 50;

const STATE_OF: Record<EmailEventType, DeliveryState> = {
  processed: 'processed',
  deferred: 'deferred',
  delivered: 'delivered',
  open: 'opened',
  bounce: 'bounced',
  dropped: 'dropped',
  spamreport: 'spam-reported',
};

/**
 * Events of the same second (common: SendGrid timestamps in whole seconds) are ordered by how
 * far along the email got, so `processed` never hides the `delivered` of the same second.
 */
const PROGRESS: Record<EmailEventType, number> = {
  processed: 0,
  deferred: 1,
  delivered: 2,
  open: 3,
  bounce: 4,
  dropped: 4,
  spamreport: 5,
};

export function isEmailEventType(value: string): value is EmailEventType {
  return (EMAIL_EVENT_TYPES as readonly string[]).includes(value);
}

/** A bounce or a drop: the customer did not get the link, so the partner must act. */
export function isDeliveryFailure(event: EmailEventType): boolean {
  return event === 'bounce' || event === 'dropped';
}

/** Orders events by time, then by progress, so arrival order (SendGrid's is none) is moot. */
export function compareDeliveryEvents(a: DeliveryEvent, b: DeliveryEvent): number {
  return Date.parse(a.at) - Date.parse(b.at) || PROGRESS[a.event] - PROGRESS[b.event];
}

/**
 * Adds events to a delivery: ones already recorded (same `sg_event_id`) are left out, the rest
 * merged in time order, the oldest beyond `MAX_DELIVERY_EVENTS` dropped. The state is the
 * latest event's. Returns the events that were new, which is empty for a pure replay.
 */
export function withDeliveryEvents(
  current: Delivery | undefined,
  incoming: readonly DeliveryEvent[],
): { delivery: Delivery | undefined; added: DeliveryEvent[] } {
  const known = new Set((current?.events ?? []).map((e) => e.sgEventId));
  const added: DeliveryEvent[] = [];
  for (const event of incoming) {
    if (!known.has(event.sgEventId)) {
      known.add(event.sgEventId);
      added.push(event);
    }
  }
  if (added.length === 0) {
    return { delivery: current, added };
  }
  const events = [...(current?.events ?? []), ...added]
    .sort(compareDeliveryEvents)
    .slice(-MAX_DELIVERY_EVENTS);
  const latest = events[events.length - 1]!;
  return {
    delivery: {
      state: STATE_OF[latest.event],
      at: latest.at,
      ...(latest.reason === undefined ? {} : { reason: latest.reason }),
      events,
    },
    added,
  };
}
