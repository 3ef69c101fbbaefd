import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemoryMetricExporter, AggregationTemporality } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { logEvent, logToInvocationToo } from '../../../shared/telemetry/log';
import { installTelemetrySdk } from '../../../shared/telemetry/telemetrySdk';

const logRecords = new InMemoryLogRecordExporter();
const installed = installTelemetrySdk({
  spans: new InMemorySpanExporter(),
  logs: logRecords,
  metrics: new InMemoryMetricExporter(AggregationTemporality.DELTA),
  immediate: true,
});

afterAll(async () => {
  await installed.loggerProvider.shutdown();
  await installed.meterProvider.shutdown();
});

/** An invocation's log, as the host receives it. */
function invocationLog() {
  const lines: string[] = [];
  const write = (level: string) => (line: unknown) => {
    lines.push(`${level} ${String(line)}`);
  };
  return {
    lines,
    context: {
      functionName: 'dispatchInvitationEmail',
      invocationId: 'inv-1',
      log: write('information'),
      warn: write('warning'),
      error: write('error'),
    },
  };
}

test('an entry goes to the OpenTelemetry log and, while nothing is exported to Azure Monitor, to the invocation log', () => {
  const { lines, context } = invocationLog();
  logEvent(context, 'warning', 'email.dispatch.failed', 'SendGrid refused it', {
    invitationId: 'i-1',
  });
  expect(lines).toEqual(['warning email.dispatch.failed: SendGrid refused it']);
  expect(logRecords.getFinishedLogRecords().at(-1)?.attributes).toMatchObject({
    event: 'email.dispatch.failed',
    invitationId: 'i-1',
  });
});

test('exporting to Azure Monitor, the entry is not written to the invocation log too (the host would send it a second time)', () => {
  const before = logRecords.getFinishedLogRecords().length;
  logToInvocationToo(false);
  try {
    const { lines, context } = invocationLog();
    logEvent(context, 'error', 'webhook.delivery.failed', 'gave up', { webhookId: 'w-1' });
    expect(lines).toEqual([]);
    expect(logRecords.getFinishedLogRecords()).toHaveLength(before + 1);
  } finally {
    logToInvocationToo(true);
  }
});
