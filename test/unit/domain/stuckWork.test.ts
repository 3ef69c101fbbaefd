import {
  isLostCheck,
  LOST_CHECK_AFTER_MS,
  RESEND_STUCK_AFTER_MS,
  STUCK_AFTER_MS,
  stuckWork,
  type PendingWork,
} from '../../../shared/domain/stuckWork';

const now = new Date('2026-11-28T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('work a crash left half-done', () => {
  test.each<[string, PendingWork, ReturnType<typeof stuckWork>]>([
    [
      'sending, never picked up, resting past the limit',
      { status: 'sending', updatedAt: ago(STUCK_AFTER_MS), dispatch: { attempts: 0 } },
      'dispatch',
    ],
    [
      'sending, but only just',
      { status: 'sending', updatedAt: ago(STUCK_AFTER_MS - 1), dispatch: { attempts: 0 } },
      undefined,
    ],
    [
      'sending, tried once and released (its retry message is queued)',
      { status: 'sending', updatedAt: ago(STUCK_AFTER_MS * 3), dispatch: { attempts: 1 } },
      undefined,
    ],
    [
      'sending, its sender stopped mid-send and the lease lapsed',
      {
        status: 'sending',
        updatedAt: ago(STUCK_AFTER_MS),
        dispatch: { attempts: 1, claimedUntil: ago(1000) },
      },
      'dispatch',
    ],
    [
      'sending, a delivery holds the lease',
      {
        status: 'sending',
        updatedAt: ago(STUCK_AFTER_MS * 3),
        dispatch: { attempts: 0, claimedUntil: ago(-1000) },
      },
      undefined,
    ],
    [
      'accepted, resting past the limit',
      { status: 'accepted', updatedAt: ago(1000), acceptedAt: ago(STUCK_AFTER_MS + 1) },
      'activation',
    ],
    [
      'accepted a moment ago',
      { status: 'accepted', updatedAt: ago(1000), acceptedAt: ago(1000) },
      undefined,
    ],
    ['sent', { status: 'sent', updatedAt: ago(STUCK_AFTER_MS * 10) }, undefined],
    ['active', { status: 'active', updatedAt: ago(STUCK_AFTER_MS * 10) }, undefined],
  ])('%s', (_name, invitation, expected) => {
    expect(stuckWork(invitation, now)).toBe(expected);
  });

  test('the limit is 2 minutes unless configured', () => {
    const invitation = { status: 'accepted', updatedAt: ago(90_000) };
    expect(STUCK_AFTER_MS).toBe(120_000);
    expect(stuckWork(invitation, now)).toBeUndefined();
    expect(stuckWork(invitation, now, 60_000)).toBe('activation');
  });

  test('a partner retrying the send uses the shorter limit', () => {
    const invitation = {
      status: 'sending',
      updatedAt: ago(RESEND_STUCK_AFTER_MS),
      dispatch: { attempts: 0 },
    };
    expect(stuckWork(invitation, now)).toBeUndefined();
    expect(stuckWork(invitation, now, RESEND_STUCK_AFTER_MS)).toBe('dispatch');
  });
});

describe('a check with Microsoft whose message was lost', () => {
  test.each<[string, string | undefined, boolean]>([
    ['no check scheduled', undefined, false],
    ['due in the future', new Date(now.getTime() + 60_000).toISOString(), false],
    ['due just now', ago(0), false],
    ['overdue by exactly the margin', ago(LOST_CHECK_AFTER_MS), false],
    ['overdue by more than the margin', ago(LOST_CHECK_AFTER_MS + 1), true],
    ['a day overdue', ago(24 * 3600_000), true],
    ['not a date', 'soon', false],
  ])('%s → lost %s', (_, nextCheckAt, lost) => {
    expect(isLostCheck(nextCheckAt, now)).toBe(lost);
  });
});
