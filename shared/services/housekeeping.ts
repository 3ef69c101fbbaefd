import { decideTransition } from '../domain/invitationStatus';
import { STUCK_AFTER_MS, stuckWork } from '../domain/stuckWork';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import type { InvitationDocument } from '../store/documents';
import type { Dependencies } from './dependencies';
import { invitationEvent, recordEvent } from './events';
import { requestReminder } from './followUps';
import { queueDispatch, transitioned, type ActivationMessage } from './invitations';

/** How many invitations one timer run handles; the next run continues where this one stopped. */
export const HOUSEKEEPING_BATCH = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes `expired` on open invitations past their expiry and tells the partner (audit event and
 * `invitation.expired` webhook). Links already answer 410 from the moment of expiry without
 * this; the timer makes the stored state and the notification catch up.
 */
export async function expireInvitations(deps: Dependencies): Promise<number> {
  const now = deps.now().toISOString();
  const due = await deps.store.queryAcrossPartitions<Pick<InvitationDocument, 'id' | 'pk'>>(
    {
      query:
        "SELECT c.id, c.pk FROM c WHERE c.type = 'invitation' AND c.status IN ('draft', 'sending', 'sent', 'failed') AND c.expiresAt <= @now",
      parameters: [{ name: '@now', value: now }],
    },
    HOUSEKEEPING_BATCH,
  );
  let expired = 0;
  for (const { id, pk } of due) {
    const result = await updateDocument<InvitationDocument>(deps.store, pk, id, (current) => {
      const at = deps.now();
      // Decided on the stored status: the effective one already reads `expired`.
      const transition = decideTransition(current.status, 'expire');
      if (transition.kind !== 'move' || new Date(current.expiresAt) > at) {
        return { keep: true };
      }
      return { write: transitioned(current, 'expired', at.toISOString(), 'system') };
    });
    if (result?.written) {
      expired++;
      await recordEvent(
        deps,
        invitationEvent(result.document, 'invitation.expired', 'system', 'expired', {
          at: result.document.updatedAt,
          before: { status: result.document.history.at(-1)?.from ?? null },
          after: { status: 'expired', expiresAt: result.document.expiresAt },
        }),
      );
    }
  }
  return expired;
}

/** Asks for the one reminder of each sent invitation that expires within the reminder window. */
export async function remindBeforeExpiry(deps: Dependencies): Promise<number> {
  const days = deps.config.reminderDaysBeforeExpiry;
  if (days === 0) {
    return 0;
  }
  const now = deps.now();
  const due = await deps.store.queryAcrossPartitions<
    Pick<InvitationDocument, 'id' | 'partnerTenantId'>
  >(
    {
      query:
        "SELECT c.id, c.partnerTenantId FROM c WHERE c.type = 'invitation' AND c.status = 'sent' AND c.expiresAt > @now AND c.expiresAt <= @until AND NOT IS_DEFINED(c.reminderRequestedAt)",
      parameters: [
        { name: '@now', value: now.toISOString() },
        { name: '@until', value: new Date(now.getTime() + days * DAY_MS).toISOString() },
      ],
    },
    HOUSEKEEPING_BATCH,
  );
  let reminded = 0;
  for (const invitation of due) {
    if (await requestReminder(deps, invitation)) {
      reminded++;
    }
  }
  return reminded;
}

/**
 * Queues again the work a crash cut off: an email dispatch never picked up after `sending` was
 * written, an activation never run after `accepted` was written. The handlers are idempotent, so
 * a message that was merely slow is harmless to repeat.
 */
export async function resumeStuckWork(deps: Dependencies): Promise<number> {
  const now = deps.now();
  const resting = await deps.store.queryAcrossPartitions<InvitationDocument>(
    {
      query:
        "SELECT * FROM c WHERE c.type = 'invitation' AND c.status IN ('sending', 'accepted') AND c.updatedAt <= @cutoff",
      parameters: [
        { name: '@cutoff', value: new Date(now.getTime() - STUCK_AFTER_MS).toISOString() },
      ],
    },
    HOUSEKEEPING_BATCH,
  );
  let resumed = 0;
  for (const invitation of resting) {
    const work = stuckWork(invitation, now);
    if (work === 'dispatch') {
      await queueDispatch(deps, invitation);
    } else if (work === 'activation') {
      const message: ActivationMessage = {
        partnerTenantId: invitation.partnerTenantId,
        invitationId: invitation.id,
      };
      await deps.queue.send(QUEUES.relationshipActivation, message);
    }
    resumed += work === undefined ? 0 : 1;
  }
  return resumed;
}

/** One housekeeping run; a failure on one invitation does not hold up the others next time. */
export async function runHousekeeping(deps: Dependencies): Promise<string> {
  const expired = await expireInvitations(deps);
  const reminded = await remindBeforeExpiry(deps);
  const resumed = await resumeStuckWork(deps);
  return `expired ${expired}, reminders requested ${reminded}, stuck work queued again ${resumed}`;
}
