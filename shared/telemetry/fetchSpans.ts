import { subscribe } from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { tracer } from './spans';

interface UndiciRequest {
  readonly origin?: string | URL;
  readonly method?: string;
}

const spans = new WeakMap<object, Span>();
let subscribed = false;

/**
 * Every `fetch` an invocation makes (webhook deliveries, the sign-in's token and key requests,
 * Microsoft Graph) becomes a dependency span, from the diagnostics channels of Node's HTTP
 * client (undici), so no call site changes. The span names the method and host only: a path
 * or query may hold an id or a code that does not belong in telemetry. Calls outside an
 * invocation (no active span) are not traced.
 */
export function traceFetchCalls(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: UndiciRequest & object };
    if (trace.getSpan(context.active()) === undefined) return;
    const host = hostOf(request.origin);
    const method = request.method ?? 'GET';
    spans.set(
      request,
      tracer().startSpan(`${method} ${host}`, {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': method, 'server.address': host },
      }),
    );
  });
  subscribe('undici:request:headers', (message) => {
    const { request, response } = message as {
      request: object;
      response: { statusCode: number };
    };
    const span = spans.get(request);
    if (span === undefined) return;
    spans.delete(request);
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  subscribe('undici:request:error', (message) => {
    const { request, error } = message as { request: object; error: { name?: string } };
    const span = spans.get(request);
    if (span === undefined) return;
    spans.delete(request);
    span.setAttribute('error.type', error?.name ?? 'Error');
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
}

function hostOf(origin: string | URL | undefined): string {
  try {
    return origin === undefined ? 'unknown' : new URL(String(origin)).host;
  } catch {
    return 'unknown';
  }
}
