import {
  type HttpRequest,
  type PreInvocationContext,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { withJourney } from './journey';
import { logEvent } from './log';
import { count, METRIC_NAMES, record } from './metrics';
import { markFailed, tracer } from './spans';
import { contextFromCarrier, contextFromHeaders } from './traceContext';
import { messageIds } from './queueOutcomes';

type Handler = (...args: unknown[]) => unknown;

interface TriggerOptions {
  readonly type: string;
  readonly queueName?: string;
  readonly route?: string;
  readonly methods?: readonly string[];
}

/**
 * Wraps an invocation in a span; registered as a preInvocation hook by functions/telemetry.ts
 * (the local host runs the same hooks): an HTTP request continues the caller's `traceparent`
 * (or the host's trace context in Azure), a queue message the trace context the app wrote into
 * it, a timer starts a trace. The span names the route template, never the URL (an acceptance
 * link's path is its token). A message taken from a poison queue is counted and logged as a
 * warning.
 */
export function traceInvocation(hook: PreInvocationContext): void {
  const original = hook.functionHandler as Handler;
  const trigger = hook.invocationContext.options.trigger as unknown as TriggerOptions;
  hook.functionHandler = (input: unknown, invocation: InvocationContext) =>
    runTraced(trigger, input, invocation, () => original(input, invocation));
}

function runTraced(
  trigger: TriggerOptions,
  input: unknown,
  invocation: InvocationContext,
  run: () => unknown,
): Promise<unknown> {
  const { name, kind, parent, attributes } = describeInvocation(trigger, input, invocation);
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  return context.with(withJourney(span, parent), async () => {
    try {
      const result = await run();
      if (trigger.type === 'httpTrigger') {
        const status = (result as HttpResponseInit | undefined)?.status ?? 200;
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      return result;
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function describeInvocation(
  trigger: TriggerOptions,
  input: unknown,
  invocation: InvocationContext,
) {
  const base = {
    'faas.name': invocation.functionName,
    'faas.invocation_id': invocation.invocationId,
  };
  const hostParent = contextFromCarrier(
    {
      traceparent: invocation.traceContext?.traceParent,
      tracestate: invocation.traceContext?.traceState,
    },
    ROOT_CONTEXT,
  );
  if (trigger.type === 'httpTrigger') {
    const request = input as HttpRequest;
    const route = `/api/${trigger.route ?? invocation.functionName}`;
    const hasHeader = request.headers.get('traceparent') !== null;
    return {
      name: `${request.method} ${route}`,
      kind: SpanKind.SERVER,
      parent: hasHeader ? contextFromHeaders(request.headers, ROOT_CONTEXT) : hostParent,
      attributes: {
        ...base,
        'faas.trigger': 'http',
        'http.request.method': request.method,
        'http.route': route,
      },
    };
  }
  if (trigger.type === 'queueTrigger') {
    const queue = trigger.queueName ?? invocation.functionName;
    observeQueueMessage(queue, input, invocation);
    return {
      name: `${queue} process`,
      kind: SpanKind.CONSUMER,
      parent: contextFromCarrier(input, ROOT_CONTEXT),
      attributes: {
        ...base,
        'faas.trigger': 'pubsub',
        'messaging.system': 'azure_storage_queue',
        'messaging.destination.name': queue,
        'messaging.operation.type': 'process',
        ...Object.fromEntries(
          Object.entries(messageIds(input)).map(([key, value]) => [`reseller.${key}`, value]),
        ),
      },
    };
  }
  return {
    name: invocation.functionName,
    kind: SpanKind.INTERNAL,
    parent: hostParent,
    attributes: { ...base, 'faas.trigger': trigger.type === 'timerTrigger' ? 'timer' : 'other' },
  };
}

/** How long the message waited; a poison message is counted and logged once, as a warning. */
function observeQueueMessage(queue: string, message: unknown, invocation: InvocationContext): void {
  const inserted = invocation.triggerMetadata?.insertionTime;
  const insertedAt = inserted === undefined ? NaN : new Date(inserted as string | Date).getTime();
  if (Number.isFinite(insertedAt)) {
    record(METRIC_NAMES.queueWait, Math.max(0, Date.now() - insertedAt), { queue });
  }
  if (queue.endsWith('-poison')) {
    count(METRIC_NAMES.poisonMessages, { queue });
    logEvent(
      invocation,
      'warning',
      'queue.poisoned',
      `a message reached ${queue}: the host gave up on it after its retries`,
      { ...messageIds(message), queue },
    );
  }
}
