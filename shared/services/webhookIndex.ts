import { ProblemError } from '../domain/problem';
import {
  conflictBackoff,
  createUnlessExists,
  DocumentChangedError,
  DocumentConflictError,
  updateDocument,
} from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import {
  WEBHOOK_INDEX_ID,
  webhookDocumentId,
  type WebhookDocument,
  type WebhookIndexDocument,
  type WebhookIndexEntry,
} from '../store/webhookDocuments';
import type { Dependencies } from './dependencies';
import type { WebhookEventType } from '../domain/webhookEvents';

/** A partner's receivers; each event costs one delivery per webhook, so the number is bounded. */
export const MAX_WEBHOOKS_PER_PARTNER = 10;
/**
 * A registration writes its webhook right after claiming its entry; an entry whose webhook is
 * still missing this long after the claim belongs to a registration that died, and is free.
 */
export const ENTRY_CLAIM_GRACE_MS = 60_000;
/** Registrations at once take turns on the one index document. */
const CLAIM_ATTEMPTS = 50;

/**
 * The partner's webhook index (one point read). A partner whose profile predates the index gets
 * one built from its active webhooks, once: the only query this path can make.
 */
export async function readWebhookIndex(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<WebhookIndexDocument> {
  const pk = partitionKeys.partner(partnerTenantId);
  const index = await deps.store.read<WebhookIndexDocument>(pk, WEBHOOK_INDEX_ID);
  if (index !== undefined) {
    return index;
  }
  const existing = await activeWebhooksByQuery(deps, pk);
  try {
    return await deps.store.create(
      indexDocument(
        partnerTenantId,
        existing.map((webhook) => ({
          webhookId: webhook.id.replace(/^webhook:/, ''),
          events: webhook.events,
          claimedAt: webhook.createdAt,
        })),
        deps.now().toISOString(),
      ),
    );
  } catch (error) {
    if (!(error instanceof DocumentConflictError)) {
      throw error;
    }
    return (await deps.store.read<WebhookIndexDocument>(pk, WEBHOOK_INDEX_ID))!;
  }
}

/** Starts a new partner's index empty, so its events never need the query that builds one. */
export async function startWebhookIndex(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<void> {
  await createUnlessExists(
    deps.store,
    indexDocument(partnerTenantId, [], deps.now().toISOString()),
  );
}

/**
 * Adds webhook `webhookId` to the index before the webhook is written, or refuses with 409
 * `WEBHOOK_LIMIT_REACHED` when the partner has its maximum. Entries whose webhook was deleted,
 * or never written, are dropped to make room. ETag-checked, so concurrent registrations cannot
 * go past the maximum.
 */
export async function claimWebhookEntry(
  deps: Dependencies,
  partnerTenantId: string,
  entry: WebhookIndexEntry,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const index = await readWebhookIndex(deps, partnerTenantId);
    let entries = index.entries;
    if (entries.length >= MAX_WEBHOOKS_PER_PARTNER) {
      const abandoned = await abandonedEntries(deps, index);
      entries = entries.filter((kept) => !abandoned.has(kept.webhookId));
    }
    if (entries.length >= MAX_WEBHOOKS_PER_PARTNER) {
      throw new ProblemError({
        status: 409,
        code: 'WEBHOOK_LIMIT_REACHED',
        title: 'Too many webhooks',
        detail: `A partner can have at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks; delete one first.`,
      });
    }
    try {
      await deps.store.replace(
        { ...index, entries: [...entries, entry], updatedAt: deps.now().toISOString() },
        index._etag!,
      );
      return;
    } catch (error) {
      if (!(error instanceof DocumentChangedError) || attempt >= CLAIM_ATTEMPTS) {
        throw error;
      }
      await conflictBackoff(attempt);
    }
  }
}

/** Takes webhook `webhookId` out of the index (nothing to do when it is not there). */
export async function releaseWebhookEntry(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
): Promise<void> {
  await updateDocument<WebhookIndexDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    WEBHOOK_INDEX_ID,
    (current) =>
      current.entries.some((entry) => entry.webhookId === webhookId)
        ? {
            write: {
              ...current,
              entries: current.entries.filter((entry) => entry.webhookId !== webhookId),
              updatedAt: deps.now().toISOString(),
            },
          }
        : { keep: true },
    CLAIM_ATTEMPTS,
  );
}

/**
 * The entries of the index subscribed to `eventType` (all of them when the type is not known).
 * Empty for a partner without webhooks, after one point read.
 */
export async function subscribedEntries(
  deps: Dependencies,
  partnerTenantId: string,
  eventType: WebhookEventType | undefined,
): Promise<WebhookIndexEntry[]> {
  return entriesSubscribedTo(await readWebhookIndex(deps, partnerTenantId), eventType);
}

/** The entries of `index` subscribed to `eventType` (all of them when the type is not known). */
export function entriesSubscribedTo(
  index: Pick<WebhookIndexDocument, 'entries'>,
  eventType: WebhookEventType | undefined,
): WebhookIndexEntry[] {
  return index.entries.filter(
    (entry) => eventType === undefined || entry.events.includes(eventType),
  );
}

/** The active webhooks behind `entries`; an entry whose webhook is missing or deleted is skipped. */
export async function webhooksOf(
  deps: Dependencies,
  partnerTenantId: string,
  entries: readonly WebhookIndexEntry[],
): Promise<WebhookDocument[]> {
  const pk = partitionKeys.partner(partnerTenantId);
  const webhooks = await Promise.all(
    entries.map((entry) =>
      deps.store.read<WebhookDocument>(pk, webhookDocumentId(entry.webhookId)),
    ),
  );
  return webhooks.filter(
    (webhook): webhook is WebhookDocument =>
      webhook?.type === 'webhook' && webhook.status === 'active',
  );
}

/** Every active webhook of the partner, newest first, by a single-partition query. */
export async function activeWebhooksByQuery(
  deps: Dependencies,
  pk: string,
): Promise<WebhookDocument[]> {
  const page = await deps.store.queryPage<WebhookDocument>(
    pk,
    {
      query:
        "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'webhook' AND c.status = 'active' ORDER BY c.createdAt DESC",
      parameters: [],
    },
    // Registrations are bounded by the index; legacy data might hold a few more.
    { limit: 100 },
  );
  return page.items;
}

function indexDocument(
  partnerTenantId: string,
  entries: WebhookIndexEntry[],
  at: string,
): WebhookIndexDocument {
  return {
    id: WEBHOOK_INDEX_ID,
    pk: partitionKeys.partner(partnerTenantId),
    type: 'webhookIndex',
    partnerTenantId,
    entries,
    updatedAt: at,
  };
}

/** Entries whose webhook is deleted, or was not written within the grace period. */
async function abandonedEntries(
  deps: Dependencies,
  index: WebhookIndexDocument,
): Promise<Set<string>> {
  const now = deps.now().getTime();
  const abandoned = new Set<string>();
  await Promise.all(
    index.entries.map(async (entry) => {
      const webhook = await deps.store.read<WebhookDocument>(
        index.pk,
        webhookDocumentId(entry.webhookId),
      );
      const gone =
        webhook === undefined
          ? now - Date.parse(entry.claimedAt) > ENTRY_CLAIM_GRACE_MS
          : webhook.status !== 'active';
      if (gone) {
        abandoned.add(entry.webhookId);
      }
    }),
  );
  return abandoned;
}
