import { QUEUES } from '../config/queueNames';
import type { LogLevel, LogProperties } from './log';
import { count, METRIC_NAMES } from './metrics';

/** The ids a queue message carries, as log properties (never anything else it holds). */
export function messageIds(message: unknown): LogProperties {
  if (typeof message !== 'object' || message === null) return {};
  const ids: Record<string, string> = {};
  for (const key of [
    'invitationId',
    'partnerTenantId',
    'batchId',
    'webhookId',
    'deliveryId',
    'dispatchId',
    'eventId',
    'customerId',
  ] as const) {
    const value = (message as Record<string, unknown>)[key];
    if (typeof value === 'string') ids[key] = value;
  }
  return ids;
}

const EMAIL_OUTCOMES: Record<string, string> = {
  sent: 'sent',
  skipped: 'skipped',
  failed: 'failed',
  'retry-scheduled': 'retry',
  'lease-held': 'lease-held',
};

const WEBHOOK_OUTCOMES: Record<string, string> = {
  succeeded: 'delivered',
  'retry-scheduled': 'retry',
  failed: 'failed',
  cancelled: 'cancelled',
  rescheduled: 'rescheduled',
  skipped: 'skipped',
  'lease-held': 'lease-held',
};

/**
 * Counts what a queue handler's outcome says about the machinery: email dispatch and webhook
 * delivery attempts by outcome, and failed batch rows (from the batch handler's summary).
 */
export function recordQueueOutcome(queue: string, outcome: string): void {
  if (queue === QUEUES.invitationEmail) {
    const run = emailRunCounts(outcome);
    if (run === undefined) {
      count(METRIC_NAMES.emailDispatch, { outcome: EMAIL_OUTCOMES[outcome] ?? outcome });
    } else {
      for (const [step, value] of Object.entries(run)) {
        if (value > 0) count(METRIC_NAMES.emailDispatch, { outcome: step }, value);
      }
    }
  } else if (queue === QUEUES.webhookDelivery) {
    count(METRIC_NAMES.webhookDelivery, { outcome: WEBHOOK_OUTCOMES[outcome] ?? outcome });
  } else if (queue === QUEUES.invitationBatch) {
    const failed = /(\d+) (?:failed|refused)/.exec(outcome);
    if (failed !== null && Number(failed[1]) > 0) {
      count(METRIC_NAMES.batchRowsFailed, {}, Number(failed[1]));
    }
  }
}

/**
 * How an outcome is logged: a send or delivery that failed for good is a warning the partner
 * sees as well (one per failure; the error entries are for the app's own failures); the rest
 * is information.
 */
export function outcomeLog(queue: string, outcome: string): { level: LogLevel; event: string } {
  if (queue === QUEUES.invitationEmail) {
    const run = emailRunCounts(outcome);
    if (run !== undefined) {
      return {
        level: run.failed > 0 ? 'warning' : 'information',
        event: 'email.dispatch.run',
      };
    }
    const step = EMAIL_OUTCOMES[outcome] ?? outcome;
    return {
      level: step === 'failed' ? 'warning' : 'information',
      event: `email.dispatch.${step}`,
    };
  }
  if (queue === QUEUES.webhookDelivery) {
    const step = WEBHOOK_OUTCOMES[outcome] ?? outcome;
    return {
      level: step === 'failed' ? 'warning' : 'information',
      event: `webhook.delivery.${step}`,
    };
  }
  if (queue === QUEUES.graphChecks) {
    // A relationship Graph keeps failing for, or refuses to read: worth an operator's look.
    return {
      level: outcome === 'stuck' || outcome === 'graph-refused' ? 'warning' : 'information',
      event: `gdap.recheck.${outcome}`,
    };
  }
  return { level: 'information', event: 'queue.processed' };
}

/** The per-email counts in an email run's summary (`dispatchEmailRun`), as dispatch outcomes. */
function emailRunCounts(
  outcome: string,
): { sent: number; failed: number; retry: number; skipped: number } | undefined {
  const match = /^run of \d+: sent (\d+), failed (\d+), retry-scheduled (\d+), skipped (\d+)$/.exec(
    outcome,
  );
  if (match === null) return undefined;
  const [, sent, failed, retry, skipped] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { sent, failed, retry, skipped };
}
