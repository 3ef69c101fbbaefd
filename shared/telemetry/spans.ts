import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { redact, redactAttributes } from './redaction';
import { contextFromCarrier, type TraceCarrier } from './traceContext';

/** The app's tracer (the API's proxy: spans record once a provider is registered). */
export function tracer(): Tracer {
  return trace.getTracer('reseller-invitations');
}

/** What a dependency span says about its outcome once the call returned. */
export interface CallOutcome {
  readonly statusCode?: number;
  readonly failed?: boolean;
}

/**
 * Links to the traces `carriers` name other than the active one, each once: a call made for
 * several journeys (one SendGrid request for several invitations' emails) runs in one trace and
 * is linked from it to the others.
 */
export function linksTo(carriers: Iterable<TraceCarrier | undefined>): Link[] {
  const own = trace.getSpanContext(context.active())?.traceId;
  const links = new Map<string, Link>();
  for (const carrier of carriers) {
    const linked = trace.getSpanContext(contextFromCarrier(carrier));
    if (linked === undefined || linked.traceId === own || links.has(linked.traceId)) continue;
    links.set(linked.traceId, { context: linked });
  }
  return [...links.values()];
}

/**
 * Runs `call` inside a client span for a dependency (Cosmos DB, SendGrid, a webhook receiver),
 * named for the operation and carrying what Application Insights shows as the dependency's type,
 * target and result code, with `links` to other traces it serves. A thrown error marks the span
 * failed and is rethrown unchanged.
 */
export async function withDependencySpan<T>(
  name: string,
  attributes: Attributes,
  call: (span: Span) => Promise<T>,
  outcomeOf: (result: T) => CallOutcome = () => ({}),
  links: readonly Link[] = [],
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    {
      kind: SpanKind.CLIENT,
      attributes: redactAttributes(attributes),
      ...(links.length > 0 ? { links: [...links] } : {}),
    },
    async (span) => {
      try {
        const result = await call(span);
        const outcome = outcomeOf(result);
        if (outcome.statusCode !== undefined) {
          span.setAttribute('http.response.status_code', outcome.statusCode);
        }
        if (outcome.failed) span.setStatus({ code: SpanStatusCode.ERROR });
        return result;
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks a span failed with the error's (redacted) message and status code, if it has one. */
export function markFailed(span: Span, error: unknown): void {
  const e = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
  };
  const status = [e.statusCode, e.status, e.code].find((value) => typeof value === 'number');
  if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
  span.setAttribute('error.type', typeof e.name === 'string' ? e.name : 'Error');
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: redact(typeof e.message === 'string' ? e.message : String(error)),
  });
}

/** The span of the running invocation, if any (links and attributes are added to it). */
export function activeSpan(): Span | undefined {
  return trace.getSpan(context.active());
}

/** A queue send as a producer span; the message carries this span's context. */
export function withProducerSpan<T>(queue: string, send: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(
    `${queue} send`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'azure_storage_queue',
        'messaging.destination.name': queue,
        'messaging.operation.type': 'send',
      },
    },
    async (span) => {
      try {
        return await send();
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
