/**
 * Webhook subscriptions: a partner registers, lists, rotates and deletes its receivers, and reads
 * their deliveries. Sending to them is webhookDelivery's.
 */
import { randomUUID } from 'node:crypto';
import { newWebhookSecret } from '../domain/webhookSignature';
import { validateWebhookUrl } from '../domain/webhookUrl';
import { fieldProblem, notFound } from '../domain/problem';
import { updateDocument, type Page } from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import {
  webhookDocumentId,
  type WebhookDeliveryDocument,
  type WebhookDocument,
  type WebhookSecret,
} from '../store/webhookDocuments';
import type { Dependencies } from './dependencies';
import { activeWebhooksByQuery, claimWebhookEntry, releaseWebhookEntry } from './webhookIndex';
import { recordEvent, type WebhookEventType } from './events';

/** After a rotation the previous secret keeps signing this long, while receivers switch over. */
export const PREVIOUS_SECRET_VALIDITY_MS = 24 * 60 * 60 * 1000;
export interface CreateWebhookInput {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
}

/** A webhook and the secret shown to the partner this once; only its signatures reveal it later. */
export interface WebhookWithSecret {
  readonly webhook: WebhookDocument;
  readonly secret: string;
}

/** The secrets that sign deliveries at `now`, current first. */
export function validSecrets(secrets: readonly WebhookSecret[], now: Date): WebhookSecret[] {
  return secrets.filter(
    (secret) => secret.expiresAt === undefined || new Date(secret.expiresAt) > now,
  );
}

export function webhookEvent(
  webhook: WebhookDocument,
  action: 'webhook.created' | 'webhook.deleted' | 'webhook.secretRotated' | 'webhook.ping',
  actor: string,
  uniqueBy: string,
  details: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
) {
  const id = webhook.id.replace(/^webhook:/, '');
  return {
    partnerTenantId: webhook.partnerTenantId,
    at: webhook.updatedAt,
    actor,
    action,
    subject: { kind: 'webhook' as const, id },
    ...details,
    dedupeKey: `webhook:${id}:${uniqueBy}`,
  };
}

/**
 * Registers a receiver for some webhook events. The URL must pass `validateWebhookUrl` (422
 * `WEBHOOK_URL_NOT_ALLOWED`) and the webhook must get one of the partner's slots (409
 * `WEBHOOK_LIMIT_REACHED`, which holds under concurrent registrations); the signing secret is
 * returned here and never shown again.
 */
export async function createWebhook(
  deps: Dependencies,
  partnerTenantId: string,
  actor: string,
  input: CreateWebhookInput,
): Promise<WebhookWithSecret> {
  const problem = validateWebhookUrl(input.url, {
    allowHttpLoopback: deps.config.webhooks.allowHttpLoopback,
  });
  if (problem !== undefined) {
    throw fieldProblem(422, 'WEBHOOK_URL_NOT_ALLOWED', 'url', problem, 'The URL is not allowed');
  }
  const webhookId = randomUUID();
  const at = deps.now().toISOString();
  // The index entry first: a registration that dies before writing the webhook leaves an entry
  // that readers skip, never a webhook that events miss.
  await claimWebhookEntry(deps, partnerTenantId, {
    webhookId,
    events: [...input.events],
    claimedAt: at,
  });
  const secret = newWebhookSecret();
  let webhook: WebhookDocument;
  try {
    webhook = await deps.store.create<WebhookDocument>({
      id: webhookDocumentId(webhookId),
      pk: partitionKeys.partner(partnerTenantId),
      type: 'webhook',
      partnerTenantId,
      url: new URL(input.url).href,
      events: [...input.events],
      secrets: [{ value: secret, createdAt: at }],
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: actor,
    });
  } catch (error) {
    // Unless the webhook was written after all (a timeout after the write), its entry goes.
    const written = await deps.store.read(
      partitionKeys.partner(partnerTenantId),
      webhookDocumentId(webhookId),
    );
    if (written === undefined) {
      await releaseWebhookEntry(deps, partnerTenantId, webhookId);
    }
    throw error;
  }
  await recordEvent(
    deps,
    webhookEvent(webhook, 'webhook.created', actor, 'created', {
      before: null,
      after: { url: webhook.url, events: webhook.events },
    }),
  );
  return { webhook, secret };
}

/** The partner's active webhooks, newest first. */
export async function listWebhooks(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<WebhookDocument[]> {
  return activeWebhooksByQuery(deps, partitionKeys.partner(partnerTenantId));
}

/** One active webhook of the partner; a deleted one, or another partner's, is not found. */
export async function getWebhook(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
): Promise<WebhookDocument> {
  const webhook = await deps.store.read<WebhookDocument>(
    partitionKeys.partner(partnerTenantId),
    webhookDocumentId(webhookId),
  );
  if (webhook === undefined || webhook.type !== 'webhook' || webhook.status !== 'active') {
    throw notFound('The webhook');
  }
  return webhook;
}

/** Read-decide-write on an active webhook; a missing or deleted one is a 404. */
async function changeWebhook(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
  change: (current: WebhookDocument) => WebhookDocument,
): Promise<WebhookDocument> {
  const result = await updateDocument<WebhookDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    webhookDocumentId(webhookId),
    (current) => {
      if (current.type !== 'webhook' || current.status !== 'active') {
        throw notFound('The webhook');
      }
      return { write: change(current) };
    },
  );
  if (result === undefined) {
    throw notFound('The webhook');
  }
  return result.document;
}

/**
 * Stops deliveries to a webhook. The document stays (its deliveries refer to it) with its
 * secrets wiped; pending deliveries end as failed when their next attempt comes.
 */
export async function deleteWebhook(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
  actor: string,
): Promise<void> {
  const at = deps.now().toISOString();
  const deleted = await changeWebhook(deps, partnerTenantId, webhookId, (current) => ({
    ...current,
    status: 'deleted',
    secrets: [],
    deletedAt: at,
    updatedAt: at,
  }));
  // After the webhook: a crash in between leaves an entry that readers skip.
  await releaseWebhookEntry(deps, partnerTenantId, webhookId);
  await recordEvent(
    deps,
    webhookEvent(deleted, 'webhook.deleted', actor, 'deleted', {
      before: { url: deleted.url, events: deleted.events },
      after: null,
    }),
  );
}

/**
 * Makes a new current secret and returns it (shown this once). The previous one keeps signing,
 * beside the new one, for 24 hours, so the partner can switch its receiver over without losing
 * a delivery; secrets that already lapsed are dropped.
 */
export async function rotateWebhookSecret(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
  actor: string,
): Promise<WebhookWithSecret> {
  const now = deps.now();
  const at = now.toISOString();
  const previousExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_VALIDITY_MS).toISOString();
  const secret = newWebhookSecret();
  const webhook = await changeWebhook(deps, partnerTenantId, webhookId, (current) => {
    const [previous, ...older] = validSecrets(current.secrets, now);
    return {
      ...current,
      secrets: [
        { value: secret, createdAt: at },
        ...(previous === undefined
          ? []
          : [{ ...previous, expiresAt: previous.expiresAt ?? previousExpiresAt }]),
        ...older,
      ],
      updatedAt: at,
    };
  });
  await recordEvent(
    deps,
    webhookEvent(webhook, 'webhook.secretRotated', actor, `rotated:${webhook._etag}`, {
      before: null,
      after: { secretCreatedAt: at, previousSecretExpiresAt: previousExpiresAt },
    }),
  );
  return { webhook, secret };
}

/** A webhook's deliveries, newest first, one page at a time. */
export async function listWebhookDeliveries(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
  page: { limit: number; continuationToken?: string },
): Promise<Page<WebhookDeliveryDocument>> {
  await getWebhook(deps, partnerTenantId, webhookId);
  return deps.store.queryPage<WebhookDeliveryDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query:
        "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'webhookDelivery' AND c.webhookId = @webhookId ORDER BY c.createdAt DESC",
      parameters: [{ name: '@webhookId', value: webhookId }],
    },
    page,
  );
}
