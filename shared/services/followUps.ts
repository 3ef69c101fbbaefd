import { randomUUID } from 'node:crypto';
import { followUpSubject } from '../domain/followUpEmail';
import { decideTransition, effectiveStatus } from '../domain/invitationStatus';
import { notFound, ProblemError } from '../domain/problem';
import { MailSendError } from '../mail/mailer';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import { partitionKeys, type InvitationDocument } from '../store/documents';
import type { Dependencies } from './dependencies';
import { retryDelaySeconds } from './emailDispatch';
import { withLeaseReleased, withLeaseTaken } from './sendLease';
import { invitationEvent, recordEvent } from './events';
import { refusal } from './invitationTransitions';

/** The message that sends a reminder or a resend of an invitation already sent. */
export interface FollowUpMessage {
  readonly partnerTenantId: string;
  readonly invitationId: string;
  readonly dispatchId: string;
  readonly kind: 'reminder' | 'resend';
}

type FollowUp = NonNullable<InvitationDocument['followUp']>;

/**
 * The partner asks for the email again. Only a sent, still open invitation can be resent, and
 * at most once per INVITATION_RESEND_MIN_MINUTES, so a partner cannot flood a customer.
 */
export async function requestResend(
  deps: Dependencies,
  partnerTenantId: string,
  invitationId: string,
  actor: string,
): Promise<InvitationDocument> {
  const now = deps.now();
  const at = now.toISOString();
  const dispatchId = randomUUID();
  const minIntervalMs = deps.config.resendMinIntervalMinutes * 60_000;
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    invitationId,
    (current) => {
      if (current.type !== 'invitation') throw notFound('The invitation');
      const status = effectiveStatus(current.status, current.expiresAt, now);
      if (status !== 'sent') {
        const transition = decideTransition(status, 'send');
        throw transition.kind === 'refuse'
          ? refusal(transition.code, status)
          : new ProblemError({
              status: 409,
              code: 'INVITATION_NOT_SENT',
              title: 'The invitation has not been sent yet',
              detail: `The invitation is ${status}: send it first (POST …/send).`,
            });
      }
      const pending = current.followUp;
      if (pending !== undefined && pending.sentAt === undefined && pending.failedAt === undefined) {
        // A reminder or resend is on its way; replacing it would drop it.
        throw new ProblemError({
          status: 429,
          code: 'RESEND_RATE_LIMITED',
          title: 'An email is already on its way',
          detail: `A ${pending.kind} of this invitation is being sent; try again in a minute.`,
          headers: { 'Retry-After': '60' },
        });
      }
      const last =
        current.lastResendAt === undefined ? 0 : new Date(current.lastResendAt).getTime();
      const waitMs = last + minIntervalMs - now.getTime();
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new ProblemError({
          status: 429,
          code: 'RESEND_RATE_LIMITED',
          title: 'Resent too recently',
          detail: `This invitation was resent at ${current.lastResendAt}; try again in ${seconds} s.`,
          headers: { 'Retry-After': String(seconds) },
        });
      }
      return {
        write: {
          ...current,
          followUp: {
            kind: 'resend',
            dispatchId,
            requestedAt: at,
            requestedBy: actor,
            attempts: 0,
          },
          lastResendAt: at,
          resendCount: (current.resendCount ?? 0) + 1,
          updatedAt: at,
        },
      };
    },
  );
  if (result === undefined) throw notFound('The invitation');
  const message: FollowUpMessage = { partnerTenantId, invitationId, dispatchId, kind: 'resend' };
  await deps.queue.send(QUEUES.invitationEmail, message);
  return result.document;
}

/**
 * Asks for the one reminder of a sent invitation (the housekeeping timer calls this). Returns
 * false when the invitation is no longer waiting for the customer or already had its reminder.
 */
export async function requestReminder(
  deps: Dependencies,
  invitation: Pick<InvitationDocument, 'partnerTenantId' | 'id'>,
): Promise<boolean> {
  const now = deps.now();
  const at = now.toISOString();
  const dispatchId = randomUUID();
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(invitation.partnerTenantId),
    invitation.id,
    (current) =>
      current.reminderRequestedAt !== undefined ||
      effectiveStatus(current.status, current.expiresAt, now) !== 'sent'
        ? { keep: true }
        : {
            write: {
              ...current,
              followUp: {
                kind: 'reminder',
                dispatchId,
                requestedAt: at,
                requestedBy: 'system',
                attempts: 0,
              },
              reminderRequestedAt: at,
              updatedAt: at,
            },
          },
  );
  if (!result?.written) return false;
  const message: FollowUpMessage = {
    partnerTenantId: invitation.partnerTenantId,
    invitationId: invitation.id,
    dispatchId,
    kind: 'reminder',
  };
  await deps.queue.send(QUEUES.invitationEmail, message);
  return true;
}

/**
 * Sends a reminder or resend. Like the first dispatch it is idempotent and leased: only the
 * current follow-up is sent, once, and only while the invitation still waits for the customer.
 */
export async function dispatchFollowUp(
  deps: Dependencies,
  message: FollowUpMessage,
): Promise<'sent' | 'skipped' | 'retry-scheduled' | 'failed'> {
  const pk = partitionKeys.partner(message.partnerTenantId);
  const now = deps.now();
  const isCurrent = (doc: InvitationDocument) =>
    doc.followUp?.dispatchId === message.dispatchId &&
    doc.followUp.sentAt === undefined &&
    doc.followUp.failedAt === undefined;
  const claim = await updateDocument<InvitationDocument>(
    deps.store,
    pk,
    message.invitationId,
    (current) => {
      if (
        !isCurrent(current) ||
        effectiveStatus(current.status, current.expiresAt, now) !== 'sent'
      ) {
        return { keep: true };
      }
      return {
        write: { ...current, followUp: withLeaseTaken(current.followUp!, current.id, now) },
      };
    },
  );
  if (claim === undefined || !claim.written) return 'skipped';
  const invitation = claim.document;
  const attempt = invitation.followUp!.attempts;
  const settle = (change: (followUp: FollowUp, at: string) => FollowUp) =>
    updateDocument<InvitationDocument>(deps.store, pk, message.invitationId, (current) => {
      if (!isCurrent(current)) return { keep: true };
      const at = deps.now().toISOString();
      return { write: { ...current, followUp: change(withLeaseReleased(current.followUp!), at) } };
    });

  try {
    await deps.mailer.send({
      to: invitation.customer.email,
      subject: followUpSubject(message.kind, invitation.locale, invitation.draft.subject),
      text: invitation.draft.text,
      html: invitation.draft.html,
      invitationId: invitation.id,
      partnerTenantId: invitation.partnerTenantId,
      dispatchId: invitation.followUp!.dispatchId,
    });
  } catch (error) {
    if (!(error instanceof MailSendError)) {
      await settle((followUp) => ({ ...followUp, lastError: String(error) }));
      throw error;
    }
    if (error.kind === 'permanent' || attempt >= deps.config.mail.maxAttempts) {
      await settle((followUp, at) => ({ ...followUp, failedAt: at, lastError: error.message }));
      return 'failed';
    }
    await settle((followUp) => ({ ...followUp, lastError: error.message }));
    await deps.queue.send(QUEUES.invitationEmail, message, {
      delaySeconds: retryDelaySeconds(attempt, error.retryAfterSeconds),
    });
    return 'retry-scheduled';
  }
  const settled = await settle((followUp, at) => ({ ...followUp, sentAt: at }));
  const sentAt = settled?.document.followUp?.sentAt ?? deps.now().toISOString();
  await recordEvent(
    deps,
    invitationEvent(
      invitation,
      message.kind === 'reminder' ? 'invitation.reminded' : 'invitation.resent',
      invitation.followUp!.requestedBy,
      `${message.kind}:${message.dispatchId}`,
      { at: sentAt, after: { status: invitation.status, attempt } },
    ),
  );
  return 'sent';
}

/** The host gave up on a follow-up message: record that it failed, so it does not look pending. */
export async function abandonFollowUp(
  deps: Dependencies,
  message: FollowUpMessage,
): Promise<boolean> {
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) => {
      const followUp = current.followUp;
      if (
        followUp?.dispatchId !== message.dispatchId ||
        followUp.sentAt !== undefined ||
        followUp.failedAt !== undefined
      ) {
        return { keep: true };
      }
      const rest = withLeaseReleased(followUp);
      return {
        write: {
          ...current,
          followUp: {
            ...rest,
            failedAt: deps.now().toISOString(),
            lastError: 'abandoned after repeated processing errors',
          },
        },
      };
    },
  );
  return result?.written ?? false;
}
