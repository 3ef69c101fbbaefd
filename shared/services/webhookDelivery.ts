/**
 * Webhook delivery: an audit event fans out to the subscribed receivers, and each delivery is
 * POSTed, signed, through the injected outbound adapter (Dependencies.postWebhook and lookupHost,
 * outbound/webhookPost.ts in the app), retried and settled.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { signWebhook } from '../domain/webhookSignature';
import { parseRetryAfterSeconds, retryDelaySecondsForWebhook } from '../domain/webhookRetry';
import { isNonPublicAddress, validateWebhookUrl } from '../domain/webhookUrl';
import { notFound, ProblemError } from '../domain/problem';
import { QUEUES } from '../queue/messageQueue';
import { RetryLaterError } from '../queue/retryLater';
import { NonPublicAddressError, type HostLookup } from '../outbound/webhookPost';
import { DocumentConflictError, updateDocument } from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import {
  deliveryApiId,
  deliveryDocumentId,
  publicEventId,
  webhookApiId,
  webhookDeliveryId,
  type WebhookDeliveryEventType,
  webhookDocumentId,
  type WebhookAttempt,
  type WebhookDeliveryDocument,
  type WebhookDocument,
} from '../store/webhookDocuments';
import type { Dependencies } from './dependencies';
import { subscribedEntries, webhooksOf } from './webhookIndex';
import {
  isWebhookEvent,
  recordEvent,
  type AuditEventDocument,
  type PartnerEventMessage,
} from './events';
import { getWebhook, validSecrets, webhookEvent } from './webhookSubscriptions';

/** A receiver must answer within this; it should queue the work and answer at once. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/**
 * How long one worker holds the right to POST a delivery: longer than the timeout, shorter than
 * the host's redelivery budget (visibilityTimeout × maxDequeueCount), so a crashed worker's
 * message is retried after the lease lapses instead of going to poison.
 */
export const WEBHOOK_LEASE_MS = 30_000;
/** Queue delays are whole seconds and clocks differ a little: a message this early is on time. */
const EARLY_TOLERANCE_MS = 1_000;
const USER_AGENT = 'reseller-invitations-webhooks/1';

export interface WebhookDeliveryMessage {
  readonly partnerTenantId: string;
  readonly deliveryId: string;
}

/** The JSON body receivers get: the audit event, in the API's terms. */
export function webhookPayload(event: AuditEventDocument) {
  return {
    id: publicEventId(event.id),
    type: event.action,
    occurredAt: event.at,
    partnerTenantId: event.partnerTenantId,
    data: { subject: event.subject, before: event.before, after: event.after },
  };
}

/** The headers of one POST; the signature is made at each attempt, so retries are fresh. */
export function webhookRequestHeaders(
  event: AuditEventDocument,
  body: string,
  secrets: readonly string[],
  now: Date,
): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': USER_AGENT,
    ...signWebhook(secrets, publicEventId(event.id), Math.floor(now.getTime() / 1000), body),
    'X-Webhook-Event-Type': event.action,
  };
}

/**
 * Fans one audit event out to the partner's active webhooks subscribed to it: a delivery
 * document per webhook (created once: a redelivered message finds it) and a message on
 * `webhook-delivery` for each. Webhooks registered after the event do not get it. The webhook
 * index is read first, so an event nobody subscribed to costs that one point read.
 */
export async function fanOutEvent(
  deps: Dependencies,
  message: PartnerEventMessage,
): Promise<string> {
  const entries = await subscribedEntries(deps, message.partnerTenantId, message.action);
  if (entries.length === 0) {
    return `${message.action ?? message.eventId}: no webhook subscribed`;
  }
  const pk = partitionKeys.partner(message.partnerTenantId);
  const event = await deps.store.read<AuditEventDocument>(pk, message.eventId);
  if (event === undefined || event.type !== 'auditEvent') {
    return `no event ${message.eventId}`;
  }
  const action = event.action;
  if (!isWebhookEvent(action)) {
    return `${action} is not a webhook event`;
  }
  const occurred = Date.parse(event.at);
  const subscribed = entries.filter((entry) => entry.events.includes(action));
  const webhooks = (await webhooksOf(deps, message.partnerTenantId, subscribed)).filter(
    (webhook) => !(Date.parse(webhook.createdAt) > occurred),
  );
  let queued = 0;
  for (const webhook of webhooks) {
    if ((await createDelivery(deps, event, action, webhook)).queued) {
      queued += 1;
    }
  }
  return `${action}: ${webhooks.length} webhook(s), ${queued} delivery message(s) queued`;
}

/**
 * Creates the delivery (the `redelivery`-th manual one, when above 0) and queues it. `queued`
 * is false when it existed and was already in hand, so it has its own message.
 */
async function createDelivery(
  deps: Dependencies,
  event: AuditEventDocument,
  eventType: WebhookDeliveryEventType,
  webhook: WebhookDocument,
  redelivery = 0,
): Promise<{ delivery: WebhookDeliveryDocument; queued: boolean }> {
  const webhookId = webhookApiId(webhook.id);
  const at = deps.now().toISOString();
  const delivery: WebhookDeliveryDocument = {
    id: webhookDeliveryId(event.id, webhookId, redelivery),
    pk: event.pk,
    type: 'webhookDelivery',
    partnerTenantId: event.partnerTenantId,
    webhookId,
    eventId: event.id,
    eventType,
    ...(redelivery > 0 ? { redelivery } : {}),
    status: 'pending',
    attempts: [],
    createdAt: at,
    updatedAt: at,
  };
  try {
    await deps.store.create(delivery);
  } catch (error) {
    if (!(error instanceof DocumentConflictError)) {
      throw error;
    }
    // A redelivered fan-out (or a repeated redelivery request): queue again only what may have
    // lost its message (the first try stopped between the create and the send). Anything
    // attempted has its own.
    const existing = await deps.store.read<WebhookDeliveryDocument>(delivery.pk, delivery.id);
    if (
      existing === undefined ||
      existing.status !== 'pending' ||
      existing.attempts.length > 0 ||
      existing.claimedUntil !== undefined
    ) {
      return { delivery: existing ?? delivery, queued: false };
    }
  }
  const next: WebhookDeliveryMessage = {
    partnerTenantId: event.partnerTenantId,
    deliveryId: delivery.id,
  };
  await deps.queue.send(QUEUES.webhookDelivery, next);
  return { delivery, queued: true };
}

/**
 * Sends the test event `webhook.ping` to one webhook, whatever it subscribed to, so a partner
 * can check its receiver (and its signature check) at once. It is recorded in the audit log
 * like every event, and delivered, retried and listed like any other delivery.
 */
export async function pingWebhook(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
  actor: string,
): Promise<WebhookDeliveryDocument> {
  const webhook = await getWebhook(deps, partnerTenantId, webhookId);
  const event = await recordEvent(deps, {
    ...webhookEvent(webhook, 'webhook.ping', actor, `ping:${randomUUID()}`, {
      before: null,
      after: null,
    }),
    at: deps.now().toISOString(),
  });
  return (await createDelivery(deps, event, 'webhook.ping', webhook)).delivery;
}

/**
 * Delivers a failed delivery's event again, as a new delivery with the same `webhook-id` and
 * its own attempts (a receiver that already handled it dedupes by that id). Only a failed one
 * can be redelivered (409 `DELIVERY_NOT_FAILED`), and only once: a failed redelivery is
 * redelivered in turn (409 `DELIVERY_ALREADY_REDELIVERED`).
 */
export async function redeliverWebhookDelivery(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
  deliveryId: string,
): Promise<WebhookDeliveryDocument> {
  const webhook = await getWebhook(deps, partnerTenantId, webhookId);
  const documentId = deliveryDocumentId(webhookId, deliveryId);
  const pk = partitionKeys.partner(partnerTenantId);
  const original =
    documentId === undefined
      ? undefined
      : await deps.store.read<WebhookDeliveryDocument>(pk, documentId);
  const event =
    original?.type === 'webhookDelivery'
      ? await deps.store.read<AuditEventDocument>(pk, original.eventId)
      : undefined;
  if (original === undefined || event === undefined) {
    throw notFound('The delivery');
  }
  if (original.status !== 'failed') {
    throw new ProblemError({
      status: 409,
      code: 'DELIVERY_NOT_FAILED',
      title: 'Only a failed delivery can be redelivered',
      detail: `The delivery is ${original.status}.`,
    });
  }
  const { delivery, queued } = await createDelivery(
    deps,
    event,
    original.eventType,
    webhook,
    (original.redelivery ?? 0) + 1,
  );
  if (!queued && delivery.attempts.length > 0) {
    throw new ProblemError({
      status: 409,
      code: 'DELIVERY_ALREADY_REDELIVERED',
      title: 'The delivery was redelivered already',
      detail: `See delivery ${deliveryApiId(delivery)}; if it failed, redeliver that one.`,
    });
  }
  return delivery;
}

export type WebhookDeliveryOutcome =
  'succeeded' | 'retry-scheduled' | 'failed' | 'cancelled' | 'rescheduled' | 'skipped';

export class WebhookLeaseHeldError extends RetryLaterError {
  constructor(deliveryId: string, leaseUntil?: string, now = new Date()) {
    super(
      `Delivery ${deliveryId} is being attempted by another worker; retry later`,
      leaseUntil,
      now,
    );
    this.name = 'WebhookLeaseHeldError';
  }
}

interface AttemptResult {
  readonly attempt: WebhookAttempt;
  readonly succeeded: boolean;
  readonly retryAfterSeconds?: number;
}

/**
 * Makes one attempt at a delivery. At least once: a failed attempt below
 * WEBHOOK_MAX_ATTEMPTS queues the same message again with a growing delay (or the receiver's
 * larger Retry-After) before it is recorded; a lease on the delivery keeps two copies of a
 * message from both POSTing; a copy that arrives before the scheduled retry is due goes back
 * on the queue until then.
 */
export async function deliverWebhook(
  deps: Dependencies,
  message: WebhookDeliveryMessage,
): Promise<WebhookDeliveryOutcome> {
  const pk = partitionKeys.partner(message.partnerTenantId);
  const claimedAt = deps.now();
  // Set by the decision when this copy of the message came before its retry is due.
  const early: { dueAt?: Date } = {};
  const claim = await updateDocument<WebhookDeliveryDocument>(
    deps.store,
    pk,
    message.deliveryId,
    (current) => {
      delete early.dueAt;
      if (current.type !== 'webhookDelivery' || current.status !== 'pending') {
        return { keep: true };
      }
      if (current.claimedUntil !== undefined && new Date(current.claimedUntil) > claimedAt) {
        throw new WebhookLeaseHeldError(current.id, current.claimedUntil, claimedAt);
      }
      const due = current.nextAttemptAt === undefined ? undefined : new Date(current.nextAttemptAt);
      if (due !== undefined && due.getTime() - claimedAt.getTime() > EARLY_TOLERANCE_MS) {
        early.dueAt = due;
        return { keep: true };
      }
      return {
        write: {
          ...current,
          claimedUntil: new Date(claimedAt.getTime() + WEBHOOK_LEASE_MS).toISOString(),
        },
      };
    },
  );
  if (early.dueAt !== undefined) {
    await deps.queue.send(QUEUES.webhookDelivery, message, {
      delaySeconds: Math.ceil((early.dueAt.getTime() - claimedAt.getTime()) / 1000),
    });
    return 'rescheduled';
  }
  if (claim === undefined || !claim.written) {
    return 'skipped';
  }
  const delivery = claim.document;
  const [webhook, event] = await Promise.all([
    deps.store.read<WebhookDocument>(pk, webhookDocumentId(delivery.webhookId)),
    deps.store.read<AuditEventDocument>(pk, delivery.eventId),
  ]);
  if (webhook?.status !== 'active' || event === undefined) {
    await settle(deps, message, (current, at) => ({
      ...current,
      status: 'failed',
      failureReason:
        webhook?.status !== 'active'
          ? 'The webhook was deleted before this event was delivered.'
          : 'The event no longer exists.',
      updatedAt: at,
    }));
    return 'cancelled';
  }

  const result = await attemptDelivery(deps, webhook, event);
  const attemptNumber = delivery.attempts.length + 1;
  if (result.succeeded) {
    await settle(deps, message, (current, at) => ({
      ...current,
      status: 'succeeded',
      attempts: [...current.attempts, result.attempt],
      updatedAt: at,
    }));
    return 'succeeded';
  }
  if (attemptNumber >= deps.config.webhooks.maxAttempts) {
    await settle(deps, message, (current, at) => ({
      ...current,
      status: 'failed',
      attempts: [...current.attempts, result.attempt],
      failureReason: `Gave up after ${attemptNumber} attempts.`,
      updatedAt: at,
    }));
    return 'failed';
  }
  const delaySeconds = Math.max(
    retryDelaySecondsForWebhook(attemptNumber),
    result.retryAfterSeconds ?? 0,
  );
  const nextAttemptAt = new Date(deps.now().getTime() + delaySeconds * 1000).toISOString();
  // Queued before it is recorded: whoever sees nextAttemptAt can rely on a message for it.
  await deps.queue.send(QUEUES.webhookDelivery, message, { delaySeconds });
  await settle(deps, message, (current, at) => ({
    ...current,
    attempts: [...current.attempts, result.attempt],
    nextAttemptAt,
    updatedAt: at,
  }));
  return 'retry-scheduled';
}

/** Writes the outcome of an attempt on a still pending delivery, releasing the lease. */
async function settle(
  deps: Dependencies,
  message: WebhookDeliveryMessage,
  change: (
    current: Omit<WebhookDeliveryDocument, 'claimedUntil' | 'nextAttemptAt'>,
    at: string,
  ) => WebhookDeliveryDocument,
): Promise<void> {
  await updateDocument<WebhookDeliveryDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.deliveryId,
    (current) => {
      if (current.status !== 'pending') {
        return { keep: true };
      }
      const { claimedUntil: _lease, nextAttemptAt: _due, ...rest } = current;
      return { write: change(rest, deps.now().toISOString()) };
    },
  );
}

/** One signed POST to the receiver; never throws for what the receiver or network does. */
async function attemptDelivery(
  deps: Dependencies,
  webhook: WebhookDocument,
  event: AuditEventDocument,
): Promise<AttemptResult> {
  const now = deps.now();
  const at = now.toISOString();
  const allowHttpLoopback = deps.config.webhooks.allowHttpLoopback;
  const { lookupHost } = deps;
  const refused = await destinationProblem(webhook.url, allowHttpLoopback, lookupHost);
  if (refused !== undefined) {
    return { attempt: { at, error: refused, durationMs: 0 }, succeeded: false };
  }
  const body = JSON.stringify(webhookPayload(event));
  const secrets = validSecrets(webhook.secrets, now).map((secret) => secret.value);
  const started = performance.now();
  const durationMs = () => Math.round(performance.now() - started);
  try {
    // Connected through the same lookup, checked again: the name cannot be re-pointed between
    // the check above and the connection. A redirect could lead anywhere: it is not followed.
    const answer = await deps.postWebhook(
      webhook.url,
      webhookRequestHeaders(event, body, secrets, now),
      body,
      {
        lookupHost,
        mayBeNonPublic: (host) => allowHttpLoopback && host === 'localhost',
        timeoutMs: WEBHOOK_TIMEOUT_MS,
      },
    );
    const status = answer.status;
    const retryAfterSeconds =
      status === 429 || status === 503
        ? parseRetryAfterSeconds(answer.retryAfter ?? null, now)
        : undefined;
    return {
      attempt: {
        at,
        status,
        ...(status >= 300 && status < 400 ? { error: 'Redirects are not followed.' } : {}),
        durationMs: durationMs(),
      },
      succeeded: status >= 200 && status < 300,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  } catch (error) {
    return {
      attempt: { at, error: describeFetchError(error), durationMs: durationMs() },
      succeeded: false,
    };
  }
}

/**
 * Why the URL must not be called now, if it must not: the rules may have changed since it was
 * registered, and a public name can resolve to a private address. The connection resolves the
 * name again through the same lookup and refuses a non-public answer then too.
 */
export async function destinationProblem(
  url: string,
  allowHttpLoopback: boolean,
  lookupHost: HostLookup,
): Promise<string | undefined> {
  const problem = validateWebhookUrl(url, { allowHttpLoopback });
  if (problem !== undefined) {
    return `Not delivered: ${problem}`;
  }
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 || (allowHttpLoopback && host === 'localhost')) {
    return undefined;
  }
  try {
    const addresses = await lookupHost(host);
    return addresses.some((entry) => isNonPublicAddress(entry.address))
      ? new NonPublicAddressError(host).message
      : undefined;
  } catch (error) {
    return `Could not resolve ${host}: ${(error as { code?: string }).code ?? String(error)}`;
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof NonPublicAddressError) {
    return error.message;
  }
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s.`;
  }
  const cause = e.code ?? e.cause?.code ?? e.cause?.message;
  return cause === undefined ? String(e.message ?? error) : `Connection failed: ${cause}`;
}

/**
 * The host gave up on a delivery message (it reached the poison queue). Marks the delivery
 * failed unless it is in hand: another worker holds it, or a retry is scheduled (its message
 * is on the queue).
 */
export async function abandonDelivery(
  deps: Dependencies,
  message: WebhookDeliveryMessage,
): Promise<boolean> {
  const now = deps.now();
  const result = await updateDocument<WebhookDeliveryDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.deliveryId,
    (current) => {
      const inHand = [current.claimedUntil, current.nextAttemptAt].some(
        (until) => until !== undefined && new Date(until) > now,
      );
      if (current.type !== 'webhookDelivery' || current.status !== 'pending' || inHand) {
        return { keep: true };
      }
      const { claimedUntil: _lease, nextAttemptAt: _due, ...rest } = current;
      return {
        write: {
          ...rest,
          status: 'failed',
          failureReason: 'Abandoned after repeated processing errors.',
          updatedAt: now.toISOString(),
        },
      };
    },
  );
  return result?.written ?? false;
}
