import { traceFetchCalls } from './fetchSpans';
import { telemetryTarget, type TelemetryTarget } from './telemetryTarget';

/*
 * The OpenTelemetry SDK and its exporters are required only when telemetry is exported: in
 * Azure the Azure Monitor exporter (and @azure/identity for its Entra authentication), locally
 * the SDK's console exporters. tools/bundle.mjs bundles each SDK apart from main.js, so a
 * worker that exports nothing does not parse them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading, see above */
const telemetrySdk = () => require('./telemetrySdk') as typeof import('./telemetrySdk');
const azureMonitorExporter = () =>
  require('@azure/monitor-opentelemetry-exporter') as typeof import('@azure/monitor-opentelemetry-exporter');
const identitySdk = () => require('@azure/identity') as typeof import('@azure/identity');
const traceSdk = () =>
  require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
const logsSdk = () =>
  require('@opentelemetry/sdk-logs') as typeof import('@opentelemetry/sdk-logs');
const metricsSdk = () =>
  require('@opentelemetry/sdk-metrics') as typeof import('@opentelemetry/sdk-metrics');
/* eslint-enable @typescript-eslint/no-require-imports */

let started: TelemetryTarget | undefined;

/**
 * Starts telemetry once per process, before the first invocation (functions/telemetry.ts):
 * fetch dependency spans and the exporters the settings choose. In Azure
 * the Azure Monitor exporters authenticate with the managed identity (Application Insights has
 * local auth off); locally `TELEMETRY_EXPORTER=console` prints the same telemetry.
 */
export function startTelemetry(
  env: Readonly<Record<string, string | undefined>> = process.env,
): TelemetryTarget {
  if (started !== undefined) return started;
  const target = telemetryTarget(env);
  started = target;
  traceFetchCalls();
  if (target.kind === 'azureMonitor') {
    const { AzureMonitorTraceExporter, AzureMonitorLogExporter, AzureMonitorMetricExporter } =
      azureMonitorExporter();
    const options = {
      connectionString: target.connectionString,
      credential: new (identitySdk().ManagedIdentityCredential)(
        target.managedIdentityClientId === undefined
          ? {}
          : { clientId: target.managedIdentityClientId },
      ),
    };
    telemetrySdk().installTelemetrySdk({
      spans: new AzureMonitorTraceExporter(options),
      logs: new AzureMonitorLogExporter(options),
      metrics: new AzureMonitorMetricExporter(options),
    });
  } else if (target.kind === 'console') {
    telemetrySdk().installTelemetrySdk({
      spans: new (traceSdk().ConsoleSpanExporter)(),
      logs: new (logsSdk().ConsoleLogRecordExporter)(),
      metrics: new (metricsSdk().ConsoleMetricExporter)(),
      immediate: true,
    });
  }
  return target;
}
