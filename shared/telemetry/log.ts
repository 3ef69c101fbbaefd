import type { InvocationContext } from '@azure/functions';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { redact, redactAttributes } from './redaction';

/**
 * The ids a log entry may carry as properties (never a customer's email address or a token:
 * everything else a log says is in its message, which is redacted). In Application Insights
 * they are `customDimensions`, so `traces | where customDimensions.invitationId == "…"` finds an
 * invitation's entries across functions.
 */
export interface LogProperties {
  readonly invitationId?: string;
  readonly partnerTenantId?: string;
  readonly customerId?: string;
  readonly batchId?: string;
  readonly webhookId?: string;
  readonly deliveryId?: string;
  readonly dispatchId?: string;
  readonly eventId?: string;
  readonly queue?: string;
  readonly outcome?: string;
  readonly reason?: string;
  readonly status?: number;
  readonly dequeueCount?: number;
}

export type LogLevel = 'information' | 'warning' | 'error';

const SEVERITY: Record<LogLevel, SeverityNumber> = {
  information: SeverityNumber.INFO,
  warning: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
};

let invocationLogToo = true;

/**
 * Whether `logEvent` also writes to the invocation's log. Not while the app exports to Azure
 * Monitor (startTelemetry): the Functions host sends the invocation's log to the same
 * Application Insights (category `Function.<name>.User`), so every entry would arrive twice,
 * once without its trace and properties. host.json cannot drop only those: its log levels
 * match category prefixes, and the function name sits between `Function.` and `.User`.
 */
export function logToInvocationToo(on: boolean): void {
  invocationLogToo = on;
}

/**
 * One structured log entry: `event` names what happened (`email.dispatch.failed`), so queries
 * and alerts match on it rather than on wording. It goes to the OpenTelemetry log pipeline (with
 * the active trace) and, unless the app exports to Azure Monitor, to the invocation's log (the
 * host's console locally). An `error` is for a real failure only, once per failure; expected
 * conditions (a lease held by another worker, a message already processed, a client's 4xx) are
 * `information`.
 */
export function logEvent(
  context: Pick<InvocationContext, 'log' | 'warn' | 'error' | 'functionName' | 'invocationId'>,
  level: LogLevel,
  event: string,
  message: string,
  properties: LogProperties = {},
): void {
  const safeMessage = redact(message);
  const attributes = redactAttributes({
    event,
    functionName: context.functionName,
    invocationId: context.invocationId,
    ...properties,
  });
  logs.getLogger('reseller-invitations').emit({
    severityNumber: SEVERITY[level],
    severityText: level,
    body: safeMessage,
    attributes,
  });
  if (!invocationLogToo) return;
  const line = `${event}: ${safeMessage}`;
  if (level === 'error') context.error(line, properties);
  else if (level === 'warning') context.warn(line, properties);
  else context.log(line, properties);
}

/** The message of an error, redacted, without its stack (for expected conditions). */
export function describeError(error: unknown): string {
  return redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
