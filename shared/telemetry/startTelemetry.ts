import { traceFetchCalls } from './fetchSpans';
import { logToInvocationToo } from './log';
import type { InstalledTelemetry } from './telemetrySdk';
import { telemetryTarget, type TelemetryTarget } from './telemetryTarget';

/*
 * The OpenTelemetry SDK and its exporters are required only when telemetry is exported: in
 * Azure the Azure Monitor exporter (and @azure/identity for its Entra authentication), locally
 * the SDK's console exporters. tools/bundle.mjs bundles each SDK apart from main.js, so a
 * worker that exports nothing does not parse them, and one that does parses them after it
 * loaded main.js (the SDK when the app starts, the Azure Monitor exporter on the first export).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading, see above */
const telemetrySdk = () => require('./telemetrySdk') as typeof import('./telemetrySdk');
const azureMonitor = () =>
  require('./azureMonitorExporters') as typeof import('./azureMonitorExporters');
const traceSdk = () =>
  require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
const logsSdk = () =>
  require('@opentelemetry/sdk-logs') as typeof import('@opentelemetry/sdk-logs');
const metricsSdk = () =>
  require('@opentelemetry/sdk-metrics') as typeof import('@opentelemetry/sdk-metrics');
/* eslint-enable @typescript-eslint/no-require-imports */

let started: { target: TelemetryTarget; installed: InstalledTelemetry | undefined } | undefined;

/**
 * Starts telemetry once per process, when the app starts (an `appStart` hook in
 * functions/telemetry.ts, after the worker loaded the functions and before their first
 * invocation): fetch dependency spans and the exporters the settings choose. In Azure the Azure
 * Monitor exporters authenticate with the managed identity (Application Insights has local
 * auth off) and are loaded by their first export; locally `TELEMETRY_EXPORTER=console` prints
 * the same telemetry.
 */
export function startTelemetry(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TelemetryTarget {
  if (started !== undefined) return started.target;
  const target = telemetryTarget(env);
  traceFetchCalls();
  let installed: InstalledTelemetry | undefined;
  if (target.kind === 'azureMonitor') {
    installed = telemetrySdk().installTelemetrySdk(azureMonitor().azureMonitorExporters(target));
    logToInvocationToo(false);
  } else if (target.kind === 'console') {
    installed = telemetrySdk().installTelemetrySdk({
      spans: new (traceSdk().ConsoleSpanExporter)(),
      logs: new (logsSdk().ConsoleLogRecordExporter)(),
      metrics: new (metricsSdk().ConsoleMetricExporter)(),
      immediate: true,
    });
  }
  started = { target, installed };
  return target;
}

/**
 * Exports what telemetry still holds (an `appTerminate` hook: the worker is shutting down, and
 * the batches of the last seconds would otherwise be lost).
 */
export async function flushTelemetry(): Promise<void> {
  await started?.installed?.flush();
}
