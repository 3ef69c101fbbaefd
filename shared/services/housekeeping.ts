import {
  classicStateOf,
  dueDelegatedAdminChange,
  EXPIRING_WITHIN_DAYS,
  type DelegatedAdminChange,
} from '../domain/delegatedAdminRequest';
import { decideTransition } from '../domain/invitationStatus';
import { stuckWork } from '../domain/stuckWork';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import type {
  DelegatedAdminGrant,
  InvitationDocument,
  RelationshipDocument,
} from '../store/documents';
import type { ArchiveStore } from '../archive/archiveStore';
import { archiveAuditEvents } from './auditRetention';
import type { Dependencies } from './dependencies';
import { invitationEvent, recordEvent, relationshipEvent, type AuditAction } from './events';
import { requestReminder } from './followUps';
import { queueDispatch, transitioned, type ActivationMessage } from './invitationTransitions';

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
 * written (or whose sender stopped mid-send), an activation never run after `accepted` was
 * written. The handlers are idempotent, so a message that was merely slow is harmless to repeat:
 * the copy that comes second finds the work done. Run by its own timer, every minute.
 */
export async function resumeStuckWork(deps: Dependencies): Promise<number> {
  const now = deps.now();
  const afterMs = deps.config.stuckWorkAfterMs;
  const resting = await deps.store.queryAcrossPartitions<InvitationDocument>(
    {
      query:
        "SELECT * FROM c WHERE c.type = 'invitation' AND c.status IN ('sending', 'accepted') AND c.updatedAt <= @cutoff",
      parameters: [{ name: '@cutoff', value: new Date(now.getTime() - afterMs).toISOString() }],
    },
    HOUSEKEEPING_BATCH,
  );
  let resumed = 0;
  for (const invitation of resting) {
    const work = stuckWork(invitation, now, afterMs);
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

const DELEGATED_ADMIN_ACTIONS: Record<DelegatedAdminChange['kind'], AuditAction> = {
  expiring: 'delegatedAdmin.expiring',
  extended: 'delegatedAdmin.extended',
  expired: 'delegatedAdmin.expired',
};

/** A grant after a timer's change: `expiring`, extended (then `active` again) or `expired`. */
function grantAfter(
  grant: DelegatedAdminGrant,
  change: DelegatedAdminChange,
  at: string,
): DelegatedAdminGrant {
  const status =
    change.kind === 'extended' ? 'active' : change.kind === 'expiring' ? 'expiring' : 'expired';
  return {
    ...grant,
    state: classicStateOf(status),
    status,
    ...(change.kind === 'extended' ? { endsAt: change.endsAt } : {}),
    changedAt: at,
    changedBy: 'system',
  };
}

/**
 * Moves granular delegated admin grants on with time: `expiring` 30 days before the end (the
 * partner is told, so it can ask again in time), extended by 180 days at the end when
 * auto-extension allows, `expired` otherwise. Each change is decided on the stored grant under
 * its ETag and its event keyed by the end date it concerns, so a second run changes nothing.
 * One cross-partition query per run, as for invitations: the timer is the only caller.
 */
export async function advanceDelegatedAdmin(deps: Dependencies): Promise<number> {
  const now = deps.now();
  const threshold = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS).toISOString();
  const due = await deps.store.queryAcrossPartitions<Pick<RelationshipDocument, 'id' | 'pk'>>(
    {
      query:
        "SELECT c.id, c.pk FROM c WHERE c.type = 'relationship' AND c.status = 'active' AND c.delegatedAdmin.status IN ('active', 'expiring') AND c.delegatedAdmin.endsAt <= @threshold",
      parameters: [{ name: '@threshold', value: threshold }],
    },
    HOUSEKEEPING_BATCH,
  );
  let changed = 0;
  for (const { id, pk } of due) {
    let change: DelegatedAdminChange | undefined;
    let before: DelegatedAdminGrant | undefined;
    const result = await updateDocument<RelationshipDocument>(deps.store, pk, id, (current) => {
      const grant = current.delegatedAdmin;
      change =
        current.status !== 'active' || grant.status === undefined
          ? undefined
          : dueDelegatedAdminChange(
              {
                status: grant.status,
                endsAt: grant.endsAt ?? null,
                autoExtend: grant.autoExtend ?? false,
              },
              now,
            );
      if (change === undefined) {
        return { keep: true };
      }
      before = grant;
      const at = now.toISOString();
      return {
        write: { ...current, delegatedAdmin: grantAfter(grant, change, at), updatedAt: at },
      };
    });
    if (result?.written && change !== undefined && before !== undefined) {
      changed++;
      const after = result.document.delegatedAdmin;
      await recordEvent(
        deps,
        relationshipEvent(
          result.document.partnerTenantId,
          result.document.customerId,
          DELEGATED_ADMIN_ACTIONS[change.kind],
          'system',
          `${change.kind}:${before.endsAt}`,
          {
            at: after.changedAt,
            before: { delegatedAdmin: { status: before.status, endsAt: before.endsAt } },
            after: {
              delegatedAdmin: {
                status: after.status,
                roles: after.roles,
                endsAt: after.endsAt,
                autoExtend: after.autoExtend,
              },
              companyName: result.document.customer.companyName,
              domain: result.document.customer.domain,
            },
          },
        ),
      );
    }
  }
  return changed;
}

/** One housekeeping run; a failure on one invitation does not hold up the others next time. */
export async function runHousekeeping(
  deps: Dependencies & { readonly auditArchive: ArchiveStore },
): Promise<string> {
  const expired = await expireInvitations(deps);
  const reminded = await remindBeforeExpiry(deps);
  const delegatedAdmin = await advanceDelegatedAdmin(deps);
  const archived = await archiveAuditEvents(deps, deps.auditArchive);
  return `expired ${expired}, reminders requested ${reminded}, delegated admin grants moved on ${delegatedAdmin}, audit events archived ${archived}`;
}
