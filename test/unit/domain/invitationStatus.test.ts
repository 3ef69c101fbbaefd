import {
  decideTransition,
  effectiveStatus,
  isPendingInvitation,
  INVITATION_STATUSES,
  type InvitationAction,
  type InvitationStatus,
} from '../../../shared/domain/invitationStatus';

type Expected = InvitationStatus | 'noop' | string;

// Rows: status; columns: the outcome of each action (a status = move, 'noop', or a refusal code).
const table: Record<InvitationStatus, Record<InvitationAction, Expected>> = {
  draft: {
    editDraft: 'noop',
    send: 'sending',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'revoked',
    accept: 'accepted',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'expired',
    decline: 'declined',
  },
  sending: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'noop',
    dispatched: 'sent',
    dispatchFailed: 'failed',
    revoke: 'revoked',
    accept: 'accepted',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'expired',
    decline: 'declined',
  },
  sent: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'noop',
    dispatched: 'noop',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'revoked',
    accept: 'accepted',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'expired',
    decline: 'declined',
  },
  accepted: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'INVITATION_ALREADY_ACCEPTED',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'INVITATION_ALREADY_ACCEPTED',
    accept: 'noop',
    activate: 'active',
    expire: 'INVITATION_ALREADY_ACCEPTED',
    decline: 'INVITATION_ALREADY_ACCEPTED',
  },
  active: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'INVITATION_ALREADY_ACCEPTED',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'INVITATION_ALREADY_ACCEPTED',
    accept: 'noop',
    activate: 'noop',
    expire: 'INVITATION_ALREADY_ACCEPTED',
    decline: 'INVITATION_ALREADY_ACCEPTED',
  },
  revoked: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'INVITATION_REVOKED',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'noop',
    accept: 'INVITATION_REVOKED',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'noop',
    decline: 'INVITATION_REVOKED',
  },
  expired: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'INVITATION_EXPIRED',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'revoked',
    accept: 'INVITATION_EXPIRED',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'noop',
    decline: 'INVITATION_EXPIRED',
  },
  declined: {
    editDraft: 'INVITATION_NOT_EDITABLE',
    send: 'INVITATION_DECLINED',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'INVITATION_NOT_SENDING',
    revoke: 'noop',
    accept: 'INVITATION_DECLINED',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'noop',
    decline: 'noop',
  },
  failed: {
    editDraft: 'noop',
    send: 'sending',
    dispatched: 'INVITATION_NOT_SENDING',
    dispatchFailed: 'noop',
    revoke: 'revoked',
    accept: 'accepted',
    activate: 'INVITATION_NOT_ACCEPTED',
    expire: 'expired',
    decline: 'declined',
  },
};

const rows = INVITATION_STATUSES.flatMap((status) =>
  Object.entries(table[status]).map(([action, expected]) => [status, action, expected] as const),
);

describe('the invitation state machine', () => {
  test('the table covers every status and action', () => {
    expect(Object.keys(table).sort()).toEqual([...INVITATION_STATUSES].sort());
    expect(rows).toHaveLength(INVITATION_STATUSES.length * 9);
  });

  test.each(rows)('%s + %s → %s', (status, action, expected) => {
    const transition = decideTransition(status, action as InvitationAction);
    const outcome =
      transition.kind === 'move'
        ? transition.to
        : transition.kind === 'noop'
          ? 'noop'
          : transition.code;
    expect(outcome).toBe(expected);
  });
});

describe('effective status', () => {
  const expiry = '2027-02-22T12:00:00.000Z';
  const before = new Date('2027-02-22T11:59:59.999Z');
  const at = new Date(expiry);
  test.each([
    ['draft', before, 'draft'],
    ['draft', at, 'expired'],
    ['sending', at, 'expired'],
    ['sent', at, 'expired'],
    ['failed', at, 'expired'],
    ['accepted', at, 'accepted'],
    ['active', at, 'active'],
    ['revoked', at, 'revoked'],
    ['declined', at, 'declined'],
  ] as const)('%s at %s reads as %s', (stored, now, expected) => {
    expect(effectiveStatus(stored, expiry, now)).toBe(expected);
  });
});

describe('a pending invitation (what a batch row may not duplicate)', () => {
  const expiry = '2027-02-22T12:00:00.000Z';
  const before = new Date('2027-02-22T11:59:59.999Z');
  const at = new Date(expiry);
  test.each([
    ['draft', before, true],
    ['sending', before, true],
    ['sent', before, true],
    ['failed', before, true],
    ['accepted', at, true],
    ['sent', at, false],
    ['active', before, false],
    ['revoked', before, false],
    ['declined', before, false],
    ['expired', before, false],
  ] as const)('%s at %s: %s', (stored, now, expected) => {
    expect(isPendingInvitation(stored, expiry, now)).toBe(expected);
  });
});
