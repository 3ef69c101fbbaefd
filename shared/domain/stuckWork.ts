/**
 * Work a crash can leave half-done: an invitation is written `sending` before its email is
 * queued, and `accepted` before its activation is queued. If the process dies between the two
 * writes, nothing else would ever move it on; these rules say when to queue the work again.
 * Re-queuing is safe because both handlers are idempotent (a dispatch is keyed by its id and
 * guarded by a lease; activation checks what is already there).
 */

/** How long the housekeeping sweep lets `sending` or `accepted` rest before it queues again. */
export const STUCK_AFTER_MS = 5 * 60_000;

/** A partner's retried send re-queues a stuck dispatch sooner than the sweep would. */
export const RESEND_STUCK_AFTER_MS = 60_000;

export interface PendingWork {
  readonly status: string;
  readonly updatedAt: string;
  readonly acceptedAt?: string;
  readonly dispatch?: { readonly attempts: number; readonly claimedUntil?: string };
}

/**
 * What a resting invitation still needs: its first email dispatch (queued but never picked
 * up: no attempt, no lease), its activation, or nothing.
 */
export function stuckWork(
  invitation: PendingWork,
  now: Date,
  afterMs = STUCK_AFTER_MS,
): 'dispatch' | 'activation' | undefined {
  const restingSince = (iso: string | undefined) =>
    iso !== undefined && now.getTime() - new Date(iso).getTime() >= afterMs;
  if (
    invitation.status === 'sending' &&
    invitation.dispatch !== undefined &&
    invitation.dispatch.attempts === 0 &&
    invitation.dispatch.claimedUntil === undefined &&
    restingSince(invitation.updatedAt)
  ) {
    return 'dispatch';
  }
  if (
    invitation.status === 'accepted' &&
    restingSince(invitation.acceptedAt ?? invitation.updatedAt)
  ) {
    return 'activation';
  }
  return undefined;
}
