/** Where an invitation is in its life; see the design's state list. */
export const INVITATION_STATUSES = [
  'draft',
  'sending',
  'sent',
  'accepted',
  'active',
  'revoked',
  'expired',
  'failed',
  'declined',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** What can happen to an invitation. */
export type InvitationAction =
  | 'editDraft'
  | 'send'
  | 'dispatched'
  | 'dispatchFailed'
  | 'revoke'
  | 'accept'
  | 'activate'
  | 'expire'
  | 'decline';

/** The outcome of an action: move to a status, nothing to do (a repeat), or refuse. */
export type Transition =
  | { readonly kind: 'move'; readonly to: InvitationStatus }
  | { readonly kind: 'noop' }
  | { readonly kind: 'refuse'; readonly code: TransitionRefusal };

export type TransitionRefusal =
  | 'INVITATION_NOT_EDITABLE'
  | 'INVITATION_REVOKED'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_DECLINED'
  | 'INVITATION_ALREADY_ACCEPTED'
  | 'INVITATION_NOT_ACCEPTED'
  | 'INVITATION_NOT_SENDING';

/** Statuses in which the link still works and the invitation can still change. */
const OPEN: readonly InvitationStatus[] = ['draft', 'sending', 'sent', 'failed'];

/**
 * The status as a reader must see it: an open invitation past its expiry is expired even if no
 * timer has written that yet, because correctness must not depend on a timer or a TTL.
 */
export function effectiveStatus(
  stored: InvitationStatus,
  expiresAt: string | Date,
  now: Date,
): InvitationStatus {
  const expiry = typeof expiresAt === 'string' ? new Date(expiresAt) : expiresAt;
  return OPEN.includes(stored) && now.getTime() >= expiry.getTime() ? 'expired' : stored;
}

/**
 * Still on its way to a relationship: the link works (or it was accepted and activation is
 * pending). A batch does not invite a domain that has one of these from the same partner.
 */
export function isPendingInvitation(
  stored: InvitationStatus,
  expiresAt: string | Date,
  now: Date,
): boolean {
  const status = effectiveStatus(stored, expiresAt, now);
  return OPEN.includes(status) || status === 'accepted';
}

const move = (to: InvitationStatus): Transition => ({ kind: 'move', to });
const noop: Transition = { kind: 'noop' };
const refuse = (code: TransitionRefusal): Transition => ({ kind: 'refuse', code });

/** Refusal shared by every action on an invitation that has ended or moved on. */
function closed(status: InvitationStatus): Transition {
  switch (status) {
    case 'revoked':
      return refuse('INVITATION_REVOKED');
    case 'expired':
      return refuse('INVITATION_EXPIRED');
    case 'declined':
      return refuse('INVITATION_DECLINED');
    default:
      return refuse('INVITATION_ALREADY_ACCEPTED');
  }
}

/**
 * The invitation state machine, applied to the effective status. Repeats are no-ops rather
 * than errors so that retries (double clicks, redelivered messages) are harmless.
 */
export function decideTransition(status: InvitationStatus, action: InvitationAction): Transition {
  switch (action) {
    case 'editDraft':
      return status === 'draft' || status === 'failed' ? noop : refuse('INVITATION_NOT_EDITABLE');
    case 'send':
      if (status === 'draft' || status === 'failed') return move('sending');
      if (status === 'sending' || status === 'sent') return noop;
      return closed(status);
    case 'dispatched':
      if (status === 'sending') return move('sent');
      if (status === 'sent') return noop;
      return refuse('INVITATION_NOT_SENDING');
    case 'dispatchFailed':
      if (status === 'sending') return move('failed');
      if (status === 'failed') return noop;
      return refuse('INVITATION_NOT_SENDING');
    case 'revoke':
      if (OPEN.includes(status) || status === 'expired') return move('revoked');
      if (status === 'revoked' || status === 'declined') return noop;
      return refuse('INVITATION_ALREADY_ACCEPTED');
    case 'accept':
      if (OPEN.includes(status)) return move('accepted');
      if (status === 'accepted' || status === 'active') return noop;
      return closed(status);
    case 'activate':
      if (status === 'accepted') return move('active');
      if (status === 'active') return noop;
      return refuse('INVITATION_NOT_ACCEPTED');
    case 'expire':
      if (OPEN.includes(status)) return move('expired');
      if (status === 'expired') return noop;
      return status === 'revoked' || status === 'declined'
        ? noop
        : refuse('INVITATION_ALREADY_ACCEPTED');
    case 'decline':
      // The customer's answer is final: declining again changes nothing.
      if (OPEN.includes(status)) return move('declined');
      if (status === 'declined') return noop;
      return closed(status);
  }
}
