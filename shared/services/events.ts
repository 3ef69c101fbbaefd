import { createHash } from 'node:crypto';
import { QUEUES } from '../queue/messageQueue';
import {
  DocumentConflictError,
  DocumentNotFoundError,
  type BatchOperation,
  type BatchWrite,
  type StoredDocument,
} from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import { WEBHOOK_INDEX_ID, type WebhookIndexDocument } from '../store/webhookDocuments';
import type { FunnelStep } from '../telemetry/metrics';
import type { Dependencies } from './dependencies';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhookEvents';
import { entriesSubscribedTo } from './webhookIndex';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

/** Every state change the audit log records; the webhook ones are a subset. */
export type AuditAction =
  | WebhookEventType
  | 'partnerProfile.saved'
  | 'invitation.created'
  | 'invitation.draftEdited'
  | 'invitation.sendRequested'
  | 'invitation.sent'
  | 'invitation.failed'
  | 'invitation.revoked'
  | 'invitation.resent'
  | 'invitation.reminded'
  | 'invitationBatch.created'
  | 'delegatedAdmin.restoreRequested'
  | 'supportContact.assigned'
  | 'supportContact.removed'
  | 'webhook.created'
  | 'webhook.deleted'
  | 'webhook.secretRotated'
  | 'webhook.ping';

/** Who the audit log names for what was learned from Microsoft: never a person. */
export const MICROSOFT_ACTORS = {
  graph: 'microsoft:graph',
  event: 'microsoft:partnerCenterEvent',
} as const;

export interface AuditEventDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'auditEvent';
  readonly partnerTenantId: string;
  readonly at: string;
  /**
   * `partner:<user>`, `customer:<tenant or email>`, `system`, or what Microsoft told us:
   * `microsoft:graph` (read from Graph) or `microsoft:partnerCenterEvent` (read from Graph when a
   * Partner Center event prompted it).
   */
  readonly actor: string;
  readonly action: AuditAction;
  readonly subject: {
    readonly kind: 'invitation' | 'customer' | 'partner' | 'webhook' | 'invitationBatch';
    readonly id: string;
  };
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly _etag?: string;
}

/** The message the webhook fan-out function consumes. */
export interface PartnerEventMessage {
  readonly partnerTenantId: string;
  readonly eventId: string;
  /** The event's type, so the fan-out reads the event only when a webhook subscribes to it. */
  readonly action?: WebhookEventType;
}

export interface NewAuditEvent {
  readonly partnerTenantId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly subject: AuditEventDocument['subject'];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  /**
   * What makes this event unique (e.g. the document id and the state change); the event id is
   * derived from it, so recording the same change twice (a retried request, a redelivered
   * message) leaves one event and one webhook delivery.
   */
  readonly dedupeKey: string;
}

export function isWebhookEvent(action: AuditAction): action is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(action);
}

/** An event's id, derived from its dedupe key. */
function eventIdOf(dedupeKey: string): string {
  return `event:${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 24)}`;
}

/** The event as stored: its id derives from its dedupe key, so a repeat is the same document. */
function auditEventDocument(event: NewAuditEvent): AuditEventDocument {
  const { dedupeKey, ...fields } = event;
  return {
    id: eventIdOf(dedupeKey),
    pk: partitionKeys.partner(event.partnerTenantId),
    type: 'auditEvent',
    ...fields,
  };
}

/**
 * The create of an event's document, for a transactional batch that records it with its change.
 * Only for an event that is not a webhook event: those go through `writeWithEvent` or
 * `recordEvent`, which queue their fan-out.
 */
export function eventWrite(event: NewAuditEvent): BatchWrite {
  if (isWebhookEvent(event.action)) {
    throw new Error(`${event.action} is a webhook event: record it with writeWithEvent`);
  }
  return { kind: 'create', document: auditEventDocument(event) };
}

/** Hands a webhook event to the fan-out queue (a repeat is deduplicated per delivery). */
async function queueFanOut(
  deps: Dependencies,
  event: Pick<AuditEventDocument, 'partnerTenantId' | 'id' | 'action'>,
): Promise<void> {
  if (isWebhookEvent(event.action)) {
    const message: PartnerEventMessage = {
      partnerTenantId: event.partnerTenantId,
      eventId: event.id,
      action: event.action,
    };
    await deps.queue.send(QUEUES.partnerEvents, message);
  }
}

/**
 * Records a state change in the partner's audit log and, for the webhook events, hands it to
 * the webhook fan-out queue.
 */
export async function recordEvent(
  deps: Dependencies,
  event: NewAuditEvent,
): Promise<AuditEventDocument> {
  const document = auditEventDocument(event);
  let stored: AuditEventDocument;
  try {
    stored = await deps.store.create(document);
  } catch (error) {
    if (!(error instanceof DocumentConflictError)) {
      throw error;
    }
    stored = document;
  }
  await queueFanOut(deps, stored);
  return stored;
}

/**
 * Queues the webhook fan-out of an event recorded before, for a retried change that finds itself
 * made already: the process that stored the change with its event may have stopped before it
 * queued the fan-out. The fan-out looks up the subscriptions itself and a delivery exists once
 * per event and webhook, so a repeat delivers nothing twice.
 */
export async function queueFanOutAgain(
  deps: Dependencies,
  event: Pick<NewAuditEvent, 'partnerTenantId' | 'action' | 'dedupeKey'>,
): Promise<void> {
  const { partnerTenantId, action, dedupeKey } = event;
  await queueFanOut(deps, { partnerTenantId, action, id: eventIdOf(dedupeKey) });
}

/** An invitation's state change as an audit event, keyed so that a repeat is recorded once. */
export function invitationEvent(
  invitation: { readonly id: string; readonly partnerTenantId: string; readonly status: string },
  action: AuditAction,
  actor: string,
  uniqueBy: string,
  details: { before?: Record<string, unknown>; after?: Record<string, unknown>; at: string },
): NewAuditEvent {
  return {
    partnerTenantId: invitation.partnerTenantId,
    at: details.at,
    actor,
    action,
    subject: { kind: 'invitation', id: invitation.id },
    before: details.before ?? null,
    after: details.after ?? { status: invitation.status },
    dedupeKey: `invitation:${invitation.id}:${uniqueBy}`,
  };
}

/** The dedupe key of a relationship's event: the customer and what makes the change unique. */
export function relationshipEventKey(customerId: string, uniqueBy: string): string {
  return `relationship:${customerId}:${uniqueBy}`;
}

/** A change of a (partner, customer) relationship as an audit event, recorded once per key. */
export function relationshipEvent(
  partnerTenantId: string,
  customerId: string,
  action: AuditAction,
  actor: string,
  uniqueBy: string,
  details: {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    at: string;
  },
): NewAuditEvent {
  return {
    partnerTenantId,
    at: details.at,
    actor,
    action,
    subject: { kind: 'customer', id: customerId },
    before: details.before ?? null,
    after: details.after ?? null,
    dedupeKey: relationshipEventKey(customerId, uniqueBy),
  };
}

/**
 * Writes `write` (and `alongside`) together with the audit event of that
 * change, in one transactional batch: one round trip, and the state change is never stored
 * without its event or the other way round. A webhook event's batch also reads the partner's
 * webhook index, so its fan-out is queued only when a webhook subscribes to it. The documents
 * must live in the partner's partition, as the event does. When a write would fail nothing is
 * stored, and it throws what that write alone would (`DocumentConflictError`,
 * `DocumentChangedError`). Returns `write`'s document as stored.
 */
export async function writeWithEvent<T extends StoredDocument>(
  deps: Dependencies,
  write: BatchWrite<T>,
  event: NewAuditEvent,
  alongside: readonly BatchWrite[] = [],
): Promise<T> {
  const eventDocument = auditEventDocument(event);
  const writes = [write, ...alongside];
  const withEvent: BatchOperation[] = [...writes, { kind: 'create', document: eventDocument }];
  const webhookEvent = isWebhookEvent(event.action) ? event.action : undefined;
  try {
    const results = await deps.store.batch(eventDocument.pk, [
      ...withEvent,
      ...(webhookEvent === undefined ? [] : [{ kind: 'read', id: WEBHOOK_INDEX_ID } as const]),
    ]);
    const index = results[withEvent.length] as WebhookIndexDocument | undefined;
    if (index !== undefined && entriesSubscribedTo(index, webhookEvent).length > 0) {
      await queueFanOut(deps, eventDocument);
    }
    return results[0] as T;
  } catch (error) {
    if (error instanceof DocumentNotFoundError && error.id === WEBHOOK_INDEX_ID) {
      // A partner whose profile predates the index: the fan-out builds it on its first event.
      const [stored] = await deps.store.batch(eventDocument.pk, withEvent);
      await queueFanOut(deps, eventDocument);
      return stored as T;
    }
    if (error instanceof DocumentConflictError && error.id === eventDocument.id) {
      // The event was recorded before (its change was retried after a crash): the writes alone.
      const [stored] = await deps.store.batch(eventDocument.pk, writes);
      await queueFanOut(deps, eventDocument);
      return stored as T;
    }
    throw error;
  }
}

/** The audit actions that are steps of the invitation funnel. */
const FUNNEL_ACTIONS: Partial<Record<AuditAction, FunnelStep>> = {
  'invitation.created': 'created',
  'invitation.sent': 'sent',
  'invitation.deliveryFailed': 'bounced',
  'relationship.accepted': 'accepted',
  'invitation.declined': 'declined',
  'relationship.activated': 'activated',
};

/** The funnel step a stored document records, if it is an audit event of one. */
export function funnelStepOf(document: StoredDocument): FunnelStep | undefined {
  if (document.type !== 'auditEvent') return undefined;
  return FUNNEL_ACTIONS[(document as AuditEventDocument).action];
}
