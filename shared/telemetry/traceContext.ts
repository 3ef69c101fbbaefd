import { context, propagation, trace, type Context, type TextMapGetter } from '@opentelemetry/api';

/**
 * The W3C trace context (`traceparent`, `tracestate`) as it travels in a queue message or on a
 * stored document, so the function that takes a message continues the trace that wrote it.
 *
 * Injected and extracted with the API's global propagator, which the exporter's setup registers
 * (the Azure Monitor distro and the local console setup register W3C trace context): without an
 * exporter nothing is recorded, so there is nothing to carry, and main.js need not load the SDK.
 */
export interface TraceCarrier {
  readonly traceparent: string;
  readonly tracestate?: string;
}

const carrierGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return typeof value === 'string' ? value : undefined;
  },
};

/** The active span's context as a carrier; undefined without a span or a propagator. */
export function currentTraceCarrier(active: Context = context.active()): TraceCarrier | undefined {
  if (!trace.getSpanContext(active)) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier.traceparent === undefined
    ? undefined
    : {
        traceparent: carrier.traceparent,
        ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
      };
}

/** The context a message or document carried, on top of `base`; `base` when it carried none. */
export function contextFromCarrier(carrier: unknown, base: Context = context.active()): Context {
  if (typeof carrier !== 'object' || carrier === null) return base;
  const { traceparent, tracestate } = carrier as Record<string, unknown>;
  if (typeof traceparent !== 'string') return base;
  return propagation.extract(base, { traceparent, tracestate }, carrierGetter);
}

/** The context an HTTP request's `traceparent` header names (the console, a partner's tool). */
export function contextFromHeaders(
  headers: { get(name: string): string | null },
  base: Context = context.active(),
): Context {
  return contextFromCarrier(
    {
      traceparent: headers.get('traceparent') ?? undefined,
      tracestate: headers.get('tracestate') ?? undefined,
    },
    base,
  );
}
