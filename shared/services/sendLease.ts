import { RetryLaterError } from '../queue/retryLater';

/**
 * A short lease on one email send (the first dispatch or a follow-up), kept on the invitation:
 * two deliveries of the same queue message must not both call SendGrid.
 */

/**
 * How long one delivery holds the right to send. Longer than the SendGrid timeout, shorter
 * than the host's redelivery budget (visibilityTimeout × maxDequeueCount), so a crashed
 * delivery's message is retried after the lease lapses instead of going to poison.
 */
export const DISPATCH_LEASE_MS = 30_000;

export class DispatchLeaseHeldError extends RetryLaterError {
  constructor(invitationId: string, leaseUntil?: string, now = new Date()) {
    super(
      `Invitation ${invitationId} is being sent by another delivery; retry later`,
      leaseUntil,
      now,
    );
    this.name = 'DispatchLeaseHeldError';
  }
}

/** The part of a send that the lease guards. */
export interface LeasedSend {
  readonly attempts: number;
  readonly claimedUntil?: string;
}

/**
 * The send with its lease taken for one more attempt. Throws while another delivery holds the
 * lease, so the host retries this message once the lease has lapsed.
 */
export function withLeaseTaken<T extends LeasedSend>(send: T, invitationId: string, now: Date): T {
  if (send.claimedUntil !== undefined && new Date(send.claimedUntil) > now) {
    throw new DispatchLeaseHeldError(invitationId, send.claimedUntil, now);
  }
  return {
    ...send,
    attempts: send.attempts + 1,
    claimedUntil: new Date(now.getTime() + DISPATCH_LEASE_MS).toISOString(),
  };
}

/** The send with its lease given back, for the next attempt or for good. */
export function withLeaseReleased<T extends LeasedSend>(send: T): Omit<T, 'claimedUntil'> {
  const { claimedUntil: _released, ...rest } = send;
  return rest;
}
