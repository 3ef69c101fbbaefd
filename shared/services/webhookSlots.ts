import { ProblemError } from '../http/problem';
import {
  DocumentChangedError,
  DocumentConflictError,
  updateDocument,
} from '../store/documentStore';
import { partitionKeys } from '../store/documents';
import {
  webhookDocumentId,
  webhookSlotId,
  type WebhookDocument,
  type WebhookSlotDocument,
} from '../store/webhookDocuments';
import type { Dependencies } from './dependencies';

/** A partner's receivers; each event costs one delivery per webhook, so the number is bounded. */
export const MAX_WEBHOOKS_PER_PARTNER = 10;
/**
 * A registration writes its webhook right after claiming a slot; a slot whose webhook is still
 * missing this long after the claim belongs to a registration that died, and is free again.
 */
export const SLOT_CLAIM_GRACE_MS = 60_000;

/**
 * Takes one of the partner's slots for webhook `webhookId`, or refuses with 409
 * `WEBHOOK_LIMIT_REACHED`. Free slots first (a create or an ETag-checked replace, so a slot
 * goes to one registration only); when none is left, a slot whose webhook was deleted, or was
 * never written, is taken over. Returns the slot's document id.
 */
export async function claimWebhookSlot(
  deps: Dependencies,
  partnerTenantId: string,
  webhookId: string,
): Promise<string> {
  const pk = partitionKeys.partner(partnerTenantId);
  const now = deps.now();
  const claim = (id: string): WebhookSlotDocument => ({
    id,
    pk,
    type: 'webhookSlot',
    partnerTenantId,
    webhookId,
    claimedAt: now.toISOString(),
  });
  const slots = new Map((await slotsOf(deps, pk)).map((slot) => [slot.id, slot]));
  // In random order, so registrations at once mostly try different slots.
  const ids = shuffled(
    Array.from({ length: MAX_WEBHOOKS_PER_PARTNER }, (_, n) => webhookSlotId(n)),
  );
  for (const id of ids.filter((id) => slots.get(id)?.webhookId === undefined)) {
    const slot = slots.get(id);
    if (
      await took(() =>
        slot === undefined
          ? deps.store.create(claim(id))
          : deps.store.replace(claim(id), slot._etag!),
      )
    ) {
      return id;
    }
  }
  for (const slot of await slotsOf(deps, pk)) {
    if (
      (await isAbandoned(deps, slot, now)) &&
      (await took(() => deps.store.replace(claim(slot.id), slot._etag!)))
    ) {
      return slot.id;
    }
  }
  throw new ProblemError({
    status: 409,
    code: 'WEBHOOK_LIMIT_REACHED',
    title: 'Too many webhooks',
    detail: `A partner can have at most ${MAX_WEBHOOKS_PER_PARTNER} webhooks; delete one first.`,
  });
}

/** Frees the slot if `webhookId` still holds it (a slot taken over meanwhile stays as it is). */
export async function releaseWebhookSlot(
  deps: Dependencies,
  partnerTenantId: string,
  slotId: string,
  webhookId: string,
): Promise<void> {
  await updateDocument<WebhookSlotDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    slotId,
    (current) => {
      if (current.webhookId !== webhookId) {
        return { keep: true };
      }
      const { webhookId: _holder, claimedAt: _at, ...free } = current;
      return { write: free };
    },
  );
}

async function slotsOf(deps: Dependencies, pk: string): Promise<WebhookSlotDocument[]> {
  const page = await deps.store.queryPage<WebhookSlotDocument>(
    pk,
    { query: "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'webhookSlot'", parameters: [] },
    { limit: MAX_WEBHOOKS_PER_PARTNER },
  );
  return page.items;
}

/** True when the write went through; false when another registration got there first. */
async function took(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof DocumentConflictError || error instanceof DocumentChangedError) {
      return false;
    }
    throw error;
  }
}

/** A held slot whose webhook is deleted, or was not written within the grace period. */
async function isAbandoned(
  deps: Dependencies,
  slot: WebhookSlotDocument,
  now: Date,
): Promise<boolean> {
  if (slot.webhookId === undefined) {
    return true;
  }
  const webhook = await deps.store.read<WebhookDocument>(
    slot.pk,
    webhookDocumentId(slot.webhookId),
  );
  if (webhook !== undefined) {
    return webhook.status !== 'active';
  }
  return now.getTime() - Date.parse(slot.claimedAt ?? '') > SLOT_CLAIM_GRACE_MS;
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
