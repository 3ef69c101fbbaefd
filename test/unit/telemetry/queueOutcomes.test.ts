import { RetryLaterError } from '../../../shared/queue/retryLater';
import { messageIds, outcomeLog } from '../../../shared/telemetry/queueOutcomes';

describe('queue outcomes', () => {
  test('a send or delivery that failed for good is a warning, everything else information', () => {
    expect(outcomeLog('invitation-email', 'failed')).toEqual({
      level: 'warning',
      event: 'email.dispatch.failed',
    });
    expect(outcomeLog('invitation-email', 'retry-scheduled')).toEqual({
      level: 'information',
      event: 'email.dispatch.retry',
    });
    expect(outcomeLog('webhook-delivery', 'succeeded')).toEqual({
      level: 'information',
      event: 'webhook.delivery.delivered',
    });
    expect(outcomeLog('webhook-delivery', 'failed').level).toBe('warning');
    expect(outcomeLog('relationship-activation', 'activated')).toEqual({
      level: 'information',
      event: 'queue.processed',
    });
  });

  test('takes only the ids from a message, never its other fields', () => {
    expect(
      messageIds({
        partnerTenantId: 't',
        invitationId: 'i',
        batchId: 'b',
        email: 'x@y.example',
        traceparent: '00-1-2-01',
        chunk: 3,
      }),
    ).toEqual({ partnerTenantId: 't', invitationId: 'i', batchId: 'b' });
    expect(messageIds('text')).toEqual({});
  });
});

describe('RetryLaterError', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  test('waits for the lease to lapse, looking again at least every five seconds', () => {
    expect(new RetryLaterError('held', '2026-01-01T00:00:02.200Z', now).retryAfterSeconds).toBe(3);
    expect(new RetryLaterError('held', '2026-01-01T00:00:30Z', now).retryAfterSeconds).toBe(5);
    expect(new RetryLaterError('held', '2025-12-31T23:59:59Z', now).retryAfterSeconds).toBe(1);
    expect(new RetryLaterError('held', undefined, now).retryAfterSeconds).toBe(1);
  });
});

test('an email run is logged as one run event, a warning when any of its emails failed', () => {
  expect(
    outcomeLog('invitation-email', 'run of 3: sent 3, failed 0, retry-scheduled 0, skipped 0'),
  ).toEqual({
    level: 'information',
    event: 'email.dispatch.run',
  });
  expect(
    outcomeLog('invitation-email', 'run of 3: sent 1, failed 1, retry-scheduled 1, skipped 0'),
  ).toEqual({
    level: 'warning',
    event: 'email.dispatch.run',
  });
});
