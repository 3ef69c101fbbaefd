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
    this.retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
  }
}
