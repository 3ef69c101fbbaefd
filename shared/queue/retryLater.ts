/**
 * The longest pause before a message whose work is leased is looked at again. A lease holder
 * usually finishes within a second (then the copy finds the work done and is skipped); one that
 * crashed is waited out in steps of this size until its lease lapses.
 */
export const RETRY_LATER_MAX_SECONDS = 5;

/**
 * Thrown by a queue handler for an expected condition that clears by itself: another worker
 * holds the lease on the same work. The queue wrapper puts the message back with this delay and
 * logs it as information; the invocation does not fail, so neither the host nor an alert counts
 * an ordinary race as an error.
 */
export class RetryLaterError extends Error {
  readonly retryAfterSeconds: number;

  constructor(message: string, leaseUntil: string | undefined, now: Date) {
    super(message);
    this.name = 'RetryLaterError';
    const remainingMs = leaseUntil === undefined ? 0 : Date.parse(leaseUntil) - now.getTime();
    this.retryAfterSeconds = Math.min(
      RETRY_LATER_MAX_SECONDS,
      Math.max(1, Math.ceil(remainingMs / 1000)),
    );
  }
}
