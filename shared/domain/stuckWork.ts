/**
 * Work a crash can leave half-done: an invitation is written `sending` before its email is
 * queued, and `accepted` before its activation is queued. If the process dies between the two
 * writes, nothing else would ever move it on; these rules say when to queue the work again.
 * Re-queuing is safe because both handlers are idempotent (a dispatch is keyed by its id and
 * guarded by a lease; activation checks what is already there).
 */

/**
 * How long `sending` or `accepted` may rest before the resumeStuckWork timer queues the work
 * again (the STUCK_WORK_AFTER_SECONDS default). With the timer running every minute, work a
 * stopped process left behind is queued again within 3 minutes of its state change.
 */
export const STUCK_AFTER_MS = 2 * 60_000;

/** A partner's retried send re-queues a stuck dispatch sooner than the timer would. */
export const RESEND_STUCK_AFTER_MS = 60_000;

export interface PendingWork {
  readonly status: string;
  readonly updatedAt: string;
  readonly acceptedAt?: string;
  readonly dispatch?: { readonly attempts: number; readonly claimedUntil?: string };
}

/**
 * What a resting invitation still needs: its email dispatch, or its activation, or nothing.
 * A dispatch is stuck when no message can be on its way: never picked up (no attempt, no
 * lease: the process stopped before queuing it), or picked up by a delivery whose lease has
 * lapsed (it stopped mid-send; its message returns only after the queue's 10-minute lease).
 * One released after a failed attempt is not: its retry message was queued first.
 */
export function stuckWork(
  invitation: PendingWork,
  now: Date,
  afterMs = STUCK_AFTER_MS,
): 'dispatch' | 'activation' | undefined {
  const restingSince = (iso: string | undefined) =>
    iso !== undefined && now.getTime() - new Date(iso).getTime() >= afterMs;
  const dispatch = invitation.dispatch;
  if (
    invitation.status === 'sending' &&
    dispatch !== undefined &&
    (dispatch.claimedUntil === undefined
      ? dispatch.attempts === 0
      : new Date(dispatch.claimedUntil) <= now) &&
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

/**
 * How far past its `nextCheckAt` a scheduled check with Microsoft (the `graph-checks` and
 * `reseller-checks` chains) may be before the resumeStuckWork timer counts its message lost and
 * queues the chain again. The queues deliver a due message within seconds (a minute when idle),
 * so ten minutes is a lost message, not a slow one; and a duplicate is harmless anyway: only the
 * chain's current link acts.
 */
export const LOST_CHECK_AFTER_MS = 10 * 60_000;

/** True when a check due at `nextCheckAt` should have run more than LOST_CHECK_AFTER_MS ago. */
export function isLostCheck(nextCheckAt: string | undefined, now: Date): boolean {
  if (nextCheckAt === undefined) return false;
  const due = Date.parse(nextCheckAt);
  return Number.isFinite(due) && now.getTime() - due > LOST_CHECK_AFTER_MS;
}
