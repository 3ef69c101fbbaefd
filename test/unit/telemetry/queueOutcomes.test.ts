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
