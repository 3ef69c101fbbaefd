import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type LogRecordExporter,
} from '@opentelemetry/sdk-logs';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

/** The exporters of one telemetry target; `immediate` exports each item as it ends. */
export interface TelemetryExporters {
  readonly spans: SpanExporter;
  readonly logs: LogRecordExporter;
  /** A push exporter read every `metricIntervalMs`, or a reader of its own (tests). */
  readonly metrics: PushMetricExporter | MetricReader;
  readonly metricIntervalMs?: number;
  readonly immediate?: boolean;
}

/** What was installed, to flush (and shut down) it. */
export interface InstalledTelemetry {
  readonly tracerProvider: BasicTracerProvider;
  readonly loggerProvider: LoggerProvider;
  readonly meterProvider: MeterProvider;
  flush(): Promise<void>;
}

/**
 * Installs the OpenTelemetry SDK as the process's global providers, with W3C trace context
 * propagation and async-hooks context, exporting to `exporters`: Azure Monitor in Azure, the
 * console locally, memory in tests. The same code path for all three, so what a test sees is
 * what Application Insights gets.
 */
export function installTelemetrySdk(exporters: TelemetryExporters): InstalledTelemetry {
  const resource = resourceFromAttributes({ 'service.name': 'reseller-invitations' });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [
      exporters.immediate
        ? new SimpleSpanProcessor(exporters.spans)
        : new BatchSpanProcessor(exporters.spans),
    ],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [
      exporters.immediate
        ? new SimpleLogRecordProcessor(exporters.logs)
        : new BatchLogRecordProcessor(exporters.logs),
    ],
  });
  const reader =
    'export' in exporters.metrics
      ? new PeriodicExportingMetricReader({
          exporter: exporters.metrics,
          exportIntervalMillis: exporters.metricIntervalMs ?? 60_000,
        })
      : exporters.metrics;
  const meterProvider = new MeterProvider({ resource, readers: [reader] });

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    tracerProvider,
    loggerProvider,
    meterProvider,
    async flush() {
      await Promise.all([
        tracerProvider.forceFlush(),
        loggerProvider.forceFlush(),
        meterProvider.forceFlush(),
      ]);
    },
  };
}
