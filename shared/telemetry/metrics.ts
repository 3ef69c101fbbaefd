import {
  metrics,
  type Counter,
  type Gauge,
  type Histogram,
  type Meter,
  type MeterProvider,
} from '@opentelemetry/api';

/**
 * The app's metrics, by the names the alerts and the workbook query (infra/app/alerts.bicep,
 * infra/app/workbook.bicep; Application Insights keeps them in `customMetrics`).
 */
export const METRIC_NAMES = {
  /** Invitations reaching a step of the funnel; attribute `step`. */
  funnel: 'invitation.funnel',
  /** Invitation email sends by `outcome`: sent, retry, failed, skipped. */
  emailDispatch: 'email.dispatch.attempts',
  /** Webhook delivery attempts by `outcome`: delivered, retry, failed, cancelled, skipped. */
  webhookDelivery: 'webhook.delivery.attempts',
  /** Rows of invitation batches that failed. */
  batchRowsFailed: 'batch.rows.failed',
  /** Messages that reached a poison queue and were taken by the app; attribute `queue`. */
  poisonMessages: 'queue.poison.messages',
  /** Milliseconds a message waited in its queue before a function took it; attribute `queue`. */
  queueWait: 'queue.message.wait',
  /**
   * Messages in a queue or its `-poison` queue (approximate), read every minute by the
   * resumeStuckWork timer; attribute `queue`. The poison-message alert rests on it.
   */
  queueLength: 'queue.length',
  /** Seconds the first visible message of a queue has waited (0: none waits); attribute `queue`. */
  queueOldestAge: 'queue.oldest.message.age',
} as const;

export const FUNNEL_STEPS = [
  'created',
  'sent',
  'delivered',
  'bounced',
  'accepted',
  'declined',
  'activated',
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

interface Instruments {
  readonly provider: MeterProvider;
  readonly counters: Map<string, Counter>;
  readonly histograms: Map<string, Histogram>;
  readonly gauges: Map<string, Gauge>;
  readonly meter: Meter;
}

let instruments: Instruments | undefined;

/**
 * The instruments of the current global meter provider. The metrics API has no proxy provider:
 * an instrument made before telemetry starts would stay a no-op, so they are made on first use
 * and again if the provider changed (tests install their own).
 */
function current(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider !== provider) {
    instruments = {
      provider,
      meter: provider.getMeter('reseller-invitations'),
      counters: new Map(),
      histograms: new Map(),
      gauges: new Map(),
    };
  }
  return instruments;
}

/** Adds `value` to the counter `name` with these attributes. */
export function count(name: string, attributes: Record<string, string> = {}, value = 1): void {
  const { meter, counters } = current();
  let counter = counters.get(name);
  if (counter === undefined) {
    counter = meter.createCounter(name);
    counters.set(name, counter);
  }
  counter.add(value, attributes);
}

/** Records one measurement of the histogram `name`. */
export function record(name: string, value: number, attributes: Record<string, string> = {}): void {
  const { meter, histograms } = current();
  let histogram = histograms.get(name);
  if (histogram === undefined) {
    histogram = meter.createHistogram(name);
    histograms.set(name, histogram);
  }
  histogram.record(value, attributes);
}

/** Sets the gauge `name` to `value` (the last value of each export interval is kept). */
export function setGauge(
  name: string,
  value: number,
  attributes: Record<string, string> = {},
): void {
  const { meter, gauges } = current();
  let gauge = gauges.get(name);
  if (gauge === undefined) {
    gauge = meter.createGauge(name);
    gauges.set(name, gauge);
  }
  gauge.record(value, attributes);
}

/**
 * The length of each queue and the age of its oldest waiting message, as gauges (the
 * resumeStuckWork timer reads them every minute).
 */
export function recordQueueBacklogs(
  backlogs: readonly {
    readonly queue: string;
    readonly length: number;
    readonly oldestInsertedAt?: Date;
  }[],
  now: Date,
): void {
  for (const { queue, length, oldestInsertedAt } of backlogs) {
    setGauge(METRIC_NAMES.queueLength, length, { queue });
    const ageMs = oldestInsertedAt === undefined ? 0 : now.getTime() - oldestInsertedAt.getTime();
    setGauge(METRIC_NAMES.queueOldestAge, Math.max(0, Math.round(ageMs / 1000)), { queue });
  }
}

/** One invitation reached `step`. */
export function countFunnelStep(step: FunnelStep): void {
  count(METRIC_NAMES.funnel, { step });
}
