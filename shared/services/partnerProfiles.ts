import type { PartnerCloud } from '../domain/cloud';
import { ProblemError } from '../domain/problem';
import { DocumentConflictError, updateDocument } from '../store/documentStore';
import { partitionKeys, type PartnerProfileDocument } from '../store/documents';
import type { Dependencies } from './dependencies';
import { recordEvent } from './events';
import { startWebhookIndex } from './webhookIndex';

export interface PartnerProfileInput {
  readonly displayName: string;
  readonly country: string;
  readonly cloud: PartnerCloud;
  readonly mpnId: string;
}

export interface PartnerProfileView extends PartnerProfileInput {
  readonly partnerTenantId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toPartnerProfileView(doc: PartnerProfileDocument): PartnerProfileView {
  return {
    partnerTenantId: doc.partnerTenantId,
    displayName: doc.displayName,
    country: doc.country,
    cloud: doc.cloud,
    mpnId: doc.mpnId,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/**
 * How often a profile write is retried after losing a race: a PUT replaces the whole profile,
 * so it should win in the end rather than answer 409; each round of racing writers has one
 * winner, so this covers dozens of writers at once.
 */
const PROFILE_WRITE_ATTEMPTS = 50;

/**
 * Creates or replaces the caller's partner profile. Concurrent writers each win in turn (the
 * write is retried on an ETag conflict), so every PUT is applied and audited once.
 */
export async function savePartnerProfile(
  deps: Dependencies,
  partnerTenantId: string,
  input: PartnerProfileInput,
  actor: string,
): Promise<{ profile: PartnerProfileDocument; created: boolean }> {
  const saved = await writePartnerProfile(deps, partnerTenantId, input);
  if (saved.before === undefined) {
    // A new partner has no webhooks: an empty index says so, and its events fan out with one
    // point read. (Should this write be lost, the first event builds the index instead.)
    await startWebhookIndex(deps, partnerTenantId);
  }
  await recordEvent(deps, {
    partnerTenantId,
    at: saved.profile.updatedAt,
    actor,
    action: 'partnerProfile.saved',
    subject: { kind: 'partner', id: partnerTenantId },
    before: saved.before === undefined ? null : { ...toPartnerProfileView(saved.before) },
    after: { ...toPartnerProfileView(saved.profile) },
    dedupeKey: `partnerProfile:${partnerTenantId}:${saved.profile._etag}`,
  });
  return { profile: saved.profile, created: saved.before === undefined };
}

async function writePartnerProfile(
  deps: Dependencies,
  partnerTenantId: string,
  input: PartnerProfileInput,
): Promise<{ profile: PartnerProfileDocument; before: PartnerProfileDocument | undefined }> {
  const pk = partitionKeys.partner(partnerTenantId);
  const now = deps.now().toISOString();
  const fields = {
    displayName: input.displayName,
    country: input.country.toUpperCase(),
    cloud: input.cloud,
    mpnId: input.mpnId,
  };
  let before: PartnerProfileDocument | undefined;
  const updated = await updateDocument<PartnerProfileDocument>(
    deps.store,
    pk,
    'profile',
    (current) => {
      before = current;
      return { write: { ...current, ...fields, updatedAt: now } };
    },
    PROFILE_WRITE_ATTEMPTS,
  );
  if (updated !== undefined) {
    return { profile: updated.document, before };
  }
  try {
    const profile = await deps.store.create<PartnerProfileDocument>({
      id: 'profile',
      pk,
      type: 'partnerProfile',
      partnerTenantId,
      ...fields,
      createdAt: now,
      updatedAt: now,
    });
    return { profile, before: undefined };
  } catch (error) {
    if (error instanceof DocumentConflictError) {
      return writePartnerProfile(deps, partnerTenantId, input);
    }
    throw error;
  }
}

/** The caller's profile, or a 404 telling them to create it first. */
export async function getPartnerProfile(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<PartnerProfileDocument> {
  const profile = await deps.store.read<PartnerProfileDocument>(
    partitionKeys.partner(partnerTenantId),
    'profile',
  );
  if (profile === undefined) {
    throw new ProblemError({
      status: 404,
      code: 'PARTNER_PROFILE_NOT_FOUND',
      title: 'Not found',
      detail: 'This partner has no profile yet: PUT /api/partner first.',
    });
  }
  return profile;
}
