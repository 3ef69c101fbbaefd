import { context, createContextKey, trace, type Span } from '@opentelemetry/api';
import type { TraceCarrier } from './traceContext';

/**
 * One invitation, one trace: an invitation document keeps the trace context it was created in
 * (`trace`), and what an invocation learns of it while it runs is held here, per invocation.
 * The email dispatch messages of that invitation continue its trace (create → send → dispatch →
 * SendGrid); any other journey that touches it (the customer's acceptance, an edit) keeps its
 * own trace and links to the invitation's.
 */
export interface Journey {
  /** The invocation's own span, which links are added to. */
  readonly span: Span;
  /** The trace context of each invitation this invocation read, by invitation id. */
  readonly invitationTraces: Map<string, TraceCarrier>;
  readonly linked: Set<string>;
}

const JOURNEY = createContextKey('reseller-invitations.journey');

/** The context with a journey for the invocation whose span is `span`. */
export function withJourney(span: Span, active = context.active()) {
  const journey: Journey = { span, invitationTraces: new Map(), linked: new Set() };
  return trace.setSpan(active, span).setValue(JOURNEY, journey);
}

/** The running invocation's journey, if any. */
export function currentJourney(): Journey | undefined {
  return context.active().getValue(JOURNEY) as Journey | undefined;
}

/** Links one invocation adds at most (a sweep touches many invitations). */
const MAX_LINKS = 16;

/**
 * Notes an invitation's stored trace context: the invocation links to that trace (once) when
 * it runs in another one, and dispatch messages it queues for that invitation continue it.
 */
export function noteInvitationTrace(invitationId: string, carrier: TraceCarrier): void {
  const journey = currentJourney();
  if (journey === undefined) return;
  journey.invitationTraces.set(invitationId, carrier);
  const [, traceId, spanId] = carrier.traceparent.split('-');
  if (traceId === undefined || spanId === undefined) return;
  if (traceId === journey.span.spanContext().traceId || journey.linked.has(traceId)) return;
  if (journey.linked.size >= MAX_LINKS) return;
  journey.linked.add(traceId);
  journey.span.addLink({
    context: { traceId, spanId, traceFlags: 1, isRemote: true },
    attributes: { 'link.kind': 'invitation' },
  });
}

/**
 * The trace context a message to `queue` carries: an invitation's email continues that
 * invitation's trace when the invocation read it, everything else the running trace.
 */
export function messageTraceCarrier(
  queue: string,
  message: object,
  emailQueue: string,
  current: () => TraceCarrier | undefined,
): TraceCarrier | undefined {
  const invitationId = (message as { invitationId?: unknown }).invitationId;
  const invitationTrace =
    queue === emailQueue && typeof invitationId === 'string'
      ? currentJourney()?.invitationTraces.get(invitationId)
      : undefined;
  return invitationTrace ?? current();
}
