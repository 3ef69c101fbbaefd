import { trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  InstrumentType,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { AzureMonitorMetricExporter } from '@azure/monitor-opentelemetry-exporter';
import {
  azureMonitorExporters,
  azureMonitorTemporality,
  loadAzureMonitorExporters,
  type AzureMonitorExporterSet,
} from '../../../shared/telemetry/azureMonitorExporters';
import { installTelemetrySdk } from '../../../shared/telemetry/telemetrySdk';

// The real exporters, created here, would otherwise send their own usage metrics (statsbeat).
process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED = 'true';

const target = {
  kind: 'azureMonitor' as const,
  connectionString:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/',
  managedIdentityClientId: '00000000-0000-0000-0000-000000000001',
};

function inMemorySet() {
  return {
    spans: new InMemorySpanExporter(),
    logs: new InMemoryLogRecordExporter(),
    metrics: new InMemoryMetricExporter(AggregationTemporality.DELTA),
  };
}

describe('azureMonitorExporters', () => {
  test('loads the exporters on the first export, once, and loses nothing recorded before it', async () => {
    const set = inMemorySet();
    const loads: string[] = [];
    const installed = installTelemetrySdk(
      azureMonitorExporters(target, (loadedFor) => {
        loads.push(loadedFor.connectionString);
        return set;
      }),
    );
    trace.getTracer('test').startSpan('before the first export').end();
    logs.getLogger('test').emit({ body: 'logged before the first export' });
    expect(loads).toEqual([]);

    await installed.flush();
    trace.getTracer('test').startSpan('after it').end();
    await installed.flush();

    expect(loads).toEqual([target.connectionString]);
    expect(set.spans.getFinishedSpans().map((span) => span.name)).toEqual([
      'before the first export',
      'after it',
    ]);
    expect(set.logs.getFinishedLogRecords().map((record) => record.body)).toEqual([
      'logged before the first export',
    ]);
    await installed.tracerProvider.shutdown();
  });

  test('fails the export when the exporters cannot be loaded, and tries again on the next', async () => {
    let attempts = 0;
    const set = inMemorySet();
    const exporters = azureMonitorExporters(target, () => {
      attempts += 1;
      if (attempts === 1) throw new Error('vendor bundle missing');
      return set as unknown as AzureMonitorExporterSet;
    });
    const exportOnce = () =>
      new Promise<ExportResult>((resolve) => exporters.spans.export([], resolve));
    const results = [await exportOnce(), await exportOnce()];
    expect(results.map((result) => result.code)).toEqual([
      ExportResultCode.FAILED,
      ExportResultCode.SUCCESS,
    ]);
    expect(results[0]?.error?.message).toBe('vendor bundle missing');
  });

  test('a shutdown before any export loads nothing', async () => {
    let attempts = 0;
    const exporters = azureMonitorExporters(target, () => {
      attempts += 1;
      return inMemorySet();
    });
    await exporters.spans.shutdown();
    await exporters.logs.shutdown();
    await exporters.spans.forceFlush?.();
    expect(attempts).toBe(0);
  });

  test('asks for the temporality the Azure Monitor metric exporter asks for, for every instrument', () => {
    const real = new AzureMonitorMetricExporter({ connectionString: target.connectionString });
    const types = Object.values(InstrumentType);
    expect(types.length).toBeGreaterThan(5);
    for (const type of types) {
      expect([type, azureMonitorTemporality(type)]).toEqual([
        type,
        real.selectAggregationTemporality(type),
      ]);
    }
  });

  test('the real loader creates the three Azure Monitor exporters without sending anything', () => {
    const set = loadAzureMonitorExporters(target);
    expect(set.spans.constructor.name).toBe('AzureMonitorTraceExporter');
    expect(set.logs.constructor.name).toBe('AzureMonitorLogExporter');
    expect(set.metrics.constructor.name).toBe('AzureMonitorMetricExporter');
  });
});
