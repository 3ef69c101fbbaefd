import { createHash } from 'node:crypto';
import { QUEUES } from '../queue/messageQueue';
import { DocumentConflictError } from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import type { Dependencies } from './dependencies';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhookEvents';

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
  | 'supportContact.assigned'
  | 'supportContact.removed'
  | 'webhook.created'
  | 'webhook.deleted'
  | 'webhook.secretRotated'
  | 'webhook.ping';

export interface AuditEventDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: 'auditEvent';
  readonly partnerTenantId: string;
  readonly at: string;
  /** `partner:<user>`, `customer:<tenant or email>` or `system`. */
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

/**
 * Records a state change in the partner's audit log and, for the webhook events, hands it to
 * the webhook fan-out queue.
 */
export async function recordEvent(
  deps: Dependencies,
  event: NewAuditEvent,
): Promise<AuditEventDocument> {
  const digest = createHash('sha256').update(event.dedupeKey).digest('hex').slice(0, 24);
  const { dedupeKey: _dedupeKey, ...fields } = event;
  const document: AuditEventDocument = {
    id: `event:${digest}`,
    pk: partitionKeys.partner(event.partnerTenantId),
    type: 'auditEvent',
    ...fields,
  };
  let stored: AuditEventDocument;
  try {
    stored = await deps.store.create(document);
  } catch (error) {
    if (!(error instanceof DocumentConflictError)) {
      throw error;
    }
    stored = document;
  }
  if (isWebhookEvent(event.action)) {
    const message: PartnerEventMessage = {
      partnerTenantId: event.partnerTenantId,
      eventId: stored.id,
      action: event.action,
    };
    await deps.queue.send(QUEUES.partnerEvents, message);
  }
  return stored;
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
    dedupeKey: `relationship:${customerId}:${uniqueBy}`,
  };
}
