import { MailSendError } from '../mail/mailer';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import { partitionKeys, type InvitationDocument } from '../store/documents';
import type { Dependencies } from './dependencies';
import { withLeaseReleased, withLeaseTaken } from './sendLease';
import { invitationEvent, recordEvent } from './events';
import { transitioned, type EmailDispatchMessage } from './invitationTransitions';

export type DispatchOutcome = 'sent' | 'skipped' | 'retry-scheduled' | 'failed';

/** Backoff for transient failures when SendGrid gives no Retry-After: 10 s, 20 s, 40 s … ≤ 10 min. */
export function retryDelaySeconds(attempt: number, retryAfterSeconds: number | undefined): number {
  if (retryAfterSeconds !== undefined) {
    return Math.min(Math.max(retryAfterSeconds, 1), 3600);
  }
  return Math.min(10 * 2 ** (attempt - 1), 600);
}

/**
 * Sends one invitation email for a dispatch message. Idempotent: a message for a dispatch that
 * is no longer current (already sent, revoked, re-sent) is skipped, and a lease on the document
 * keeps two deliveries of the same message from both calling SendGrid.
 */
export async function dispatchInvitationEmail(
  deps: Dependencies,
  message: EmailDispatchMessage,
): Promise<DispatchOutcome> {
  const pk = partitionKeys.partner(message.partnerTenantId);
  const leaseStart = deps.now();
  const claim = await updateDocument<InvitationDocument>(
    deps.store,
    pk,
    message.invitationId,
    (current) => {
      if (current.status !== 'sending' || current.dispatch?.id !== message.dispatchId) {
        return { keep: true };
      }
      return {
        write: { ...current, dispatch: withLeaseTaken(current.dispatch, current.id, leaseStart) },
      };
    },
  );
  if (claim === undefined || !claim.written) {
    return 'skipped';
  }
  const invitation = claim.document;
  const attempt = invitation.dispatch!.attempts;

  try {
    const { messageId } = await deps.mailer.send({
      to: invitation.customer.email,
      subject: invitation.draft.subject,
      text: invitation.draft.text,
      html: invitation.draft.html,
      invitationId: invitation.id,
      partnerTenantId: invitation.partnerTenantId,
      dispatchId: message.dispatchId,
    });
    await settle(deps, message, (current, at) =>
      transitioned(current, 'sent', at, 'system', {
        sentAt: at,
        dispatch: {
          id: message.dispatchId,
          attempts: attempt,
          ...(messageId === undefined ? {} : { messageId }),
        },
      }),
    );
    return 'sent';
  } catch (error) {
    if (!(error instanceof MailSendError)) {
      await releaseLease(deps, message, String(error));
      throw error;
    }
    if (error.kind === 'permanent' || attempt >= deps.config.mail.maxAttempts) {
      const reason =
        error.kind === 'permanent'
          ? error.message
          : `Gave up after ${attempt} attempts: ${error.message}`;
      await settle(deps, message, (current, at) =>
        transitioned(
          current,
          'failed',
          at,
          'system',
          {
            failedAt: at,
            failureReason: reason,
            dispatch: { id: message.dispatchId, attempts: attempt, lastError: error.message },
          },
          reason,
        ),
      );
      return 'failed';
    }
    // Queued before the lease is released: a released dispatch always has its retry on the way
    // (stuckWork relies on it). Should the release not happen, the lease lapses by itself.
    await deps.queue.send(QUEUES.invitationEmail, message, {
      delaySeconds: retryDelaySeconds(attempt, error.retryAfterSeconds),
    });
    await releaseLease(deps, message, error.message);
    return 'retry-scheduled';
  }
}

async function settle(
  deps: Dependencies,
  message: EmailDispatchMessage,
  change: (current: InvitationDocument, at: string) => InvitationDocument,
): Promise<void> {
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) =>
      current.status === 'sending' && current.dispatch?.id === message.dispatchId
        ? { write: change(current, deps.now().toISOString()) }
        : { keep: true },
  );
  const settled = result?.document;
  if (
    settled !== undefined &&
    settled.dispatch?.id === message.dispatchId &&
    (settled.status === 'sent' || settled.status === 'failed')
  ) {
    // Recorded whenever this dispatch ended, so a redelivery fills a gap a crash left.
    await recordEvent(
      deps,
      invitationEvent(
        settled,
        settled.status === 'sent' ? 'invitation.sent' : 'invitation.failed',
        'system',
        `${settled.status}:${message.dispatchId}`,
        {
          at: settled.updatedAt,
          after: {
            status: settled.status,
            ...(settled.failureReason === undefined ? {} : { reason: settled.failureReason }),
          },
        },
      ),
    );
  }
}

async function releaseLease(
  deps: Dependencies,
  message: EmailDispatchMessage,
  lastError: string,
): Promise<void> {
  await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) => {
      if (current.status !== 'sending' || current.dispatch?.id !== message.dispatchId) {
        return { keep: true };
      }
      return {
        write: { ...current, dispatch: { ...withLeaseReleased(current.dispatch), lastError } },
      };
    },
  );
}

/**
 * The host gave up on a dispatch message (it reached the poison queue): the partner must see
 * `failed` with a reason rather than an invitation stuck in `sending`.
 */
export async function abandonDispatch(
  deps: Dependencies,
  message: EmailDispatchMessage,
): Promise<boolean> {
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) => {
      if (current.status !== 'sending' || current.dispatch?.id !== message.dispatchId) {
        return { keep: true };
      }
      const at = deps.now().toISOString();
      const reason = 'Dispatch abandoned after repeated processing errors';
      return {
        write: transitioned(
          current,
          'failed',
          at,
          'system',
          { failedAt: at, failureReason: reason },
          reason,
        ),
      };
    },
  );
  if (result?.written) {
    await recordEvent(
      deps,
      invitationEvent(
        result.document,
        'invitation.failed',
        'system',
        `failed:${message.dispatchId}`,
        {
          at: result.document.updatedAt,
          after: { status: 'failed', reason: result.document.failureReason },
        },
      ),
    );
  }
  return result?.written ?? false;
}
