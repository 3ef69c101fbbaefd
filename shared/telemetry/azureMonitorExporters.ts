import { diag } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InstrumentType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TelemetryExporters } from './telemetrySdk';
import type { TelemetryTarget } from './telemetryTarget';

type AzureMonitorTarget = Extract<TelemetryTarget, { kind: 'azureMonitor' }>;

/** The three exporters that send to Application Insights. */
export interface AzureMonitorExporterSet {
  readonly spans: SpanExporter;
  readonly logs: LogRecordExporter;
  readonly metrics: PushMetricExporter;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first export, see below */
/** Creates the Azure Monitor exporters, authenticated with the managed identity (Entra). */
export function loadAzureMonitorExporters(target: AzureMonitorTarget): AzureMonitorExporterSet {
  const { AzureMonitorTraceExporter, AzureMonitorLogExporter, AzureMonitorMetricExporter } =
    require('@azure/monitor-opentelemetry-exporter') as typeof import('@azure/monitor-opentelemetry-exporter');
  const { ManagedIdentityCredential } =
    require('@azure/identity') as typeof import('@azure/identity');
  const options = {
    connectionString: target.connectionString,
    credential: new ManagedIdentityCredential(
      target.managedIdentityClientId === undefined
        ? {}
        : { clientId: target.managedIdentityClientId },
    ),
  };
  return {
    spans: new AzureMonitorTraceExporter(options),
    logs: new AzureMonitorLogExporter(options),
    metrics: new AzureMonitorMetricExporter(options),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Exporters for Azure Monitor that load the exporter package (and @azure/identity) when the
 * first of them exports, not when telemetry starts: loading them took ~45 ms of a worker's cold
 * start. Nothing is lost meanwhile: the SDK's batch processors and the metric reader hold what
 * was recorded until their first export (a second for logs, five for spans, a minute for
 * metrics), which is what loads the exporters, off any request's path. If loading fails, that
 * export fails (and is reported through the OpenTelemetry diagnostics) and the next one tries
 * again.
 */
export function azureMonitorExporters(
  target: AzureMonitorTarget,
  load: (target: AzureMonitorTarget) => AzureMonitorExporterSet = loadAzureMonitorExporters,
): TelemetryExporters {
  let loaded: AzureMonitorExporterSet | undefined;
  const exporters = (): AzureMonitorExporterSet => (loaded ??= load(target));

  function exportWith(
    done: (result: ExportResult) => void,
    send: (set: AzureMonitorExporterSet) => void,
  ): void {
    let set: AzureMonitorExporterSet;
    try {
      set = exporters();
    } catch (error) {
      diag.error('the Azure Monitor exporters could not be loaded', error);
      done({ code: ExportResultCode.FAILED, error: error as Error });
      return;
    }
    send(set);
  }
  const ifLoaded = (action: (set: AzureMonitorExporterSet) => Promise<void>) =>
    loaded === undefined ? Promise.resolve() : action(loaded);

  const spans: SpanExporter = {
    export: (items: ReadableSpan[], done) =>
      exportWith(done, (set) => set.spans.export(items, done)),
    shutdown: () => ifLoaded((set) => set.spans.shutdown()),
    forceFlush: () => ifLoaded((set) => set.spans.forceFlush?.() ?? Promise.resolve()),
  };
  const logs: LogRecordExporter = {
    export: (items: ReadableLogRecord[], done) =>
      exportWith(done, (set) => set.logs.export(items, done)),
    shutdown: () => ifLoaded((set) => set.logs.shutdown()),
    forceFlush: () => ifLoaded((set) => set.logs.forceFlush?.() ?? Promise.resolve()),
  };
  const metrics: PushMetricExporter = {
    export: (items: ResourceMetrics, done) =>
      exportWith(done, (set) => set.metrics.export(items, done)),
    shutdown: () => ifLoaded((set) => set.metrics.shutdown()),
    forceFlush: () => ifLoaded((set) => set.metrics.forceFlush()),
    selectAggregationTemporality: azureMonitorTemporality,
  };
  return { spans, logs, metrics };
}

/**
 * The temporality the Azure Monitor metric exporter asks for (deltas, but the running total of
 * up-down counters), answered without loading it: the metric reader asks when the first
 * instrument records, in a request. test/unit/telemetry/azureMonitorExporters.test.ts compares
 * it with the exporter's own answer for every instrument type.
 */
export function azureMonitorTemporality(instrumentType: InstrumentType): AggregationTemporality {
  return instrumentType === InstrumentType.UP_DOWN_COUNTER ||
    instrumentType === InstrumentType.OBSERVABLE_UP_DOWN_COUNTER
    ? AggregationTemporality.CUMULATIVE
    : AggregationTemporality.DELTA;
}
