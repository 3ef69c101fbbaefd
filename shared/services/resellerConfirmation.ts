import {
  effectiveConfirmation,
  newCheckRound,
  withoutCheckChain,
  nextResellerCheck,
  resellerCheckDelaySeconds,
  type ResellerCheckOutcome,
  type ResellerConfirmation,
  type ResellerConfirmationSource,
} from '../domain/resellerConfirmation';
import { isLostCheck, LOST_CHECK_AFTER_MS } from '../domain/stuckWork';
import { GraphCallFailed } from '../graph/delegatedAdminGraph';
import { notFound } from '../domain/problem';
import { QUEUES } from '../queue/messageQueue';
import { updateDocument } from '../store/documentStore';
import { partitionKeys, relationshipId, type RelationshipDocument } from '../store/documents';
import type { Dependencies } from './dependencies';
import { MICROSOFT_ACTORS, relationshipEvent, writeWithEvent } from './events';
import {
  microsoftUnavailable,
  recordConnectionOutcome,
  requireMicrosoftConnection,
} from './microsoftConnection';

/** A check of one relationship's confirmation with Microsoft, on the `reseller-checks` queue. */
export interface ResellerCheckMessage {
  readonly partnerTenantId: string;
  readonly customerId: string;
  /** The round of waiting it belongs to; a check of an earlier round stops. */
  readonly since: string;
  /** 1 for the first check of a round. */
  readonly attempt: number;
}

export type ResellerCheckResult =
  'confirmed' | 'rescheduled' | 'gave-up' | 'not-awaiting' | 'superseded' | 'not-found';

/** What Microsoft answered: the contract is there, is not, or could not be asked. */
type ContractAnswer = { readonly found: boolean } | { readonly failed: ResellerCheckOutcome };

const graphConfigured = (deps: Dependencies) =>
  deps.config.microsoft.graphAppClientId !== undefined;

async function readRelationship(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
): Promise<RelationshipDocument | undefined> {
  const doc = await deps.store.read<RelationshipDocument>(
    partitionKeys.partner(partnerTenantId),
    relationshipId(customerId),
  );
  return doc?.type === 'relationship' ? doc : undefined;
}

/**
 * Queues the first re-check of a relationship awaiting the customer (after activation). Nothing
 * is queued when Microsoft confirmed it already, or when this service has no Graph app to ask.
 * `known` saves the read when the caller holds the relationship's confirmation.
 */
export async function startResellerChecks(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
  known?: ResellerConfirmation,
): Promise<void> {
  if (!graphConfigured(deps)) return;
  let confirmation = known;
  if (confirmation === undefined) {
    const relationship = await readRelationship(deps, partnerTenantId, customerId);
    if (relationship?.status !== 'active') return;
    confirmation = effectiveConfirmation(relationship.reseller, relationship.activatedAt);
  }
  if (confirmation.state !== 'awaitingCustomer') return;
  // The check on record, due when it says: a redelivered activation queues the same check again,
  // and only one of the two acts (the other ends as superseded).
  await queueCheck(
    deps,
    {
      partnerTenantId,
      customerId,
      since: confirmation.since,
      attempt: confirmation.checkAttempt ?? 1,
    },
    confirmation.nextCheckAt,
  );
}

/** Queues a check, due at `dueAt` (at once when past) or after its attempt's delay. */
async function queueCheck(
  deps: Dependencies,
  message: ResellerCheckMessage,
  dueAt?: string,
): Promise<void> {
  const delaySeconds =
    dueAt === undefined
      ? resellerCheckDelaySeconds(message.attempt)
      : Math.max(0, Math.ceil((Date.parse(dueAt) - deps.now().getTime()) / 1000));
  await deps.queue.send(QUEUES.resellerChecks, message, { delaySeconds });
}

/** Asks Graph for the partner's reseller contract with this customer. */
async function askMicrosoft(
  deps: Dependencies,
  relationship: RelationshipDocument,
): Promise<ContractAnswer> {
  try {
    const contract = await deps.graph.findResellerContract(relationship.partnerTenantId, {
      ...(relationship.customer.tenantId === undefined
        ? {}
        : { tenantId: relationship.customer.tenantId }),
      domain: relationship.customer.domain,
    });
    return { found: contract !== null };
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    // Not connected or consent withdrawn: the partner can fix it, so the checks go on; any
    // other refusal is Microsoft's answer for now, and the next check asks again.
    return {
      failed:
        error.kind === 'notConnected' || error.kind === 'consentWithdrawn'
          ? 'notConnected'
          : 'microsoftUnavailable',
    };
  }
}

/**
 * One re-check from the `reseller-checks` queue: confirmed when Graph holds the contract;
 * otherwise the next check is queued with a longer delay, until the round's days are over and
 * the relationship is `notConfirmed`. A check of an earlier round, or of a relationship no longer
 * awaiting, changes nothing, so redelivered and duplicate messages are harmless.
 */
export async function checkResellerConfirmation(
  deps: Dependencies,
  message: ResellerCheckMessage,
): Promise<ResellerCheckResult> {
  const relationship = await readRelationship(deps, message.partnerTenantId, message.customerId);
  if (relationship?.status !== 'active') return 'not-found';
  const confirmation = effectiveConfirmation(relationship.reseller, relationship.activatedAt);
  if (confirmation.state !== 'awaitingCustomer') return 'not-awaiting';
  if (confirmation.since !== message.since) return 'superseded';
  // Only the check on record acts: a duplicate of it, or of one before it, changes nothing.
  if (confirmation.checkAttempt !== undefined && confirmation.checkAttempt !== message.attempt) {
    return 'superseded';
  }
  const answer = await askMicrosoft(deps, relationship);
  if ('found' in answer && answer.found) {
    const confirmed = await confirm(deps, relationship, 'graphCheck');
    return confirmed ? 'confirmed' : 'not-awaiting';
  }
  const outcome: ResellerCheckOutcome = 'failed' in answer ? answer.failed : 'noContract';
  const now = deps.now();
  const next = nextResellerCheck(confirmation.since, now, message.attempt);
  const recorded = await recordCheck(deps, relationship, confirmation, (current) => ({
    ...withoutCheckChain(current),
    checkedAt: now.toISOString(),
    lastCheck: outcome,
    ...(next.kind === 'giveUp'
      ? { state: 'notConfirmed', gaveUpAt: now.toISOString() }
      : {
          checkAttempt: message.attempt + 1,
          nextCheckAt: new Date(now.getTime() + next.delaySeconds * 1000).toISOString(),
        }),
  }));
  if (!recorded) return 'superseded';
  if (next.kind === 'giveUp') return 'gave-up';
  await deps.queue.send(
    QUEUES.resellerChecks,
    { ...message, attempt: message.attempt + 1 },
    { delaySeconds: next.delaySeconds },
  );
  return 'rescheduled';
}

/**
 * Writes what a check learned to a relationship still as `expected` (state, round and check in
 * flight); false (nothing written) when it was confirmed, began a new round or another copy of
 * the check got there first meanwhile.
 */
async function recordCheck(
  deps: Dependencies,
  relationship: RelationshipDocument,
  expected: ResellerConfirmation,
  change: (current: ResellerConfirmation) => ResellerConfirmation,
): Promise<boolean> {
  let stillAwaiting = false;
  await updateDocument<RelationshipDocument>(
    deps.store,
    relationship.pk,
    relationship.id,
    (current) => {
      const confirmation = effectiveConfirmation(current.reseller, current.activatedAt);
      stillAwaiting =
        current.status === 'active' &&
        confirmation.state === expected.state &&
        confirmation.since === expected.since &&
        confirmation.checkAttempt === expected.checkAttempt;
      return stillAwaiting
        ? { write: { ...current, reseller: change(confirmation) } }
        : { keep: true };
    },
    5,
    relationship,
  );
  return stillAwaiting;
}

/**
 * Records Microsoft's confirmation with its `relationship.confirmed` event (audit log and
 * webhook) in one batch; false when the relationship was confirmed already or is gone.
 */
async function confirm(
  deps: Dependencies,
  relationship: RelationshipDocument,
  source: ResellerConfirmationSource,
): Promise<boolean> {
  let before: ResellerConfirmation | undefined;
  const result = await updateDocument<RelationshipDocument>(
    deps.store,
    relationship.pk,
    relationship.id,
    (current) => {
      before = effectiveConfirmation(current.reseller, current.activatedAt);
      if (current.status !== 'active' || before.state === 'confirmed') return { keep: true };
      const at = deps.now().toISOString();
      return {
        write: {
          ...current,
          reseller: {
            state: 'confirmed',
            since: before.since,
            confirmedAt: at,
            confirmedBy: source,
            checkedAt: at,
          },
          updatedAt: at,
        },
      };
    },
    5,
    relationship,
    (after, etag) =>
      writeWithEvent(
        deps,
        { kind: 'replace', document: after, etag },
        relationshipEvent(
          after.partnerTenantId,
          after.customerId,
          'relationship.confirmed',
          source === 'partnerCenterEvent' ? MICROSOFT_ACTORS.event : MICROSOFT_ACTORS.graph,
          `confirmed:${before!.since}`,
          {
            at: after.reseller!.confirmedAt!,
            before: { confirmation: withoutCheckChain(before!) },
            after: {
              confirmation: after.reseller,
              companyName: after.customer.companyName,
              domain: after.customer.domain,
              tenantId: after.customer.tenantId ?? null,
            },
          },
        ),
      ),
  );
  return result?.written === true;
}

/**
 * Partner Center said a customer accepted the partner's reseller relationship
 * (`reseller-relationship-accepted-by-customer`). The event's body is never taken as state: each
 * of the partner's relationships with that customer tenant that is not confirmed is read again
 * from Graph, and confirmed when Microsoft holds the contract. When Graph cannot be asked now, a
 * check is queued instead, so the event is not lost.
 */
export async function resellerRelationshipEvent(
  deps: Dependencies,
  partnerTenantId: string,
  customerTenantId: string,
): Promise<void> {
  // A tenant is one customer record (or a few, invited under several domains): one page.
  const { items } = await deps.store.queryPage<RelationshipDocument>(
    partitionKeys.partner(partnerTenantId),
    {
      query:
        "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'relationship' AND c.status = 'active' AND LOWER(c.customer.tenantId) = @tenantId",
      parameters: [{ name: '@tenantId', value: customerTenantId.toLowerCase() }],
    },
    { limit: 50 },
  );
  for (const relationship of items) {
    const confirmation = effectiveConfirmation(relationship.reseller, relationship.activatedAt);
    if (confirmation.state === 'confirmed') continue;
    const answer = await askMicrosoft(deps, relationship);
    if ('found' in answer) {
      if (answer.found) await confirm(deps, relationship, 'partnerCenterEvent');
    } else if (graphConfigured(deps) && confirmation.state === 'awaitingCustomer') {
      // The check on record, at once: it acts once, whichever copy comes first.
      await queueCheck(
        deps,
        {
          partnerTenantId,
          customerId: relationship.customerId,
          since: confirmation.since,
          attempt: confirmation.checkAttempt ?? 1,
        },
        deps.now().toISOString(),
      );
    }
  }
}

/**
 * The partner's "Check with Microsoft now" for one customer: asks Graph at once and returns the
 * relationship as it then is. Confirmed when Microsoft holds the contract; a relationship the
 * checks had given up on begins a new round of re-checks. Graph not connected or unavailable is
 * a problem (409 / 503) and changes nothing.
 */
export async function recheckResellerConfirmation(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
): Promise<RelationshipDocument> {
  const relationship = await readRelationship(deps, partnerTenantId, customerId);
  if (relationship === undefined) throw notFound('The customer');
  const confirmation = effectiveConfirmation(relationship.reseller, relationship.activatedAt);
  if (relationship.status !== 'active' || confirmation.state === 'confirmed') return relationship;
  await requireMicrosoftConnection(deps, partnerTenantId);
  let found: boolean;
  try {
    found =
      (await deps.graph.findResellerContract(partnerTenantId, {
        ...(relationship.customer.tenantId === undefined
          ? {}
          : { tenantId: relationship.customer.tenantId }),
        domain: relationship.customer.domain,
      })) !== null;
  } catch (error) {
    if (
      error instanceof GraphCallFailed &&
      (error.kind === 'notConnected' || error.kind === 'consentWithdrawn')
    ) {
      await recordConnectionOutcome(deps, partnerTenantId, 'refused', 'system');
      await requireMicrosoftConnection(deps, partnerTenantId);
    }
    throw error instanceof GraphCallFailed ? microsoftUnavailable(error) : error;
  }
  if (found) {
    await confirm(deps, relationship, 'graphCheck');
  } else {
    const now = deps.now().toISOString();
    const round = confirmation.state === 'notConfirmed' ? newCheckRound(now) : confirmation;
    const written = await recordCheck(deps, relationship, confirmation, () => ({
      ...round,
      checkedAt: now,
      lastCheck: 'noContract',
    }));
    if (written && confirmation.state === 'notConfirmed') {
      await queueCheck(deps, { partnerTenantId, customerId, since: round.since, attempt: 1 });
    }
  }
  return (await readRelationship(deps, partnerTenantId, customerId)) ?? relationship;
}

/** How many lost reseller checks one sweep queues again; the next run goes on. */
const LOST_RESELLER_CHECKS_PER_RUN = 500;

/**
 * Queues again the `reseller-checks` whose check on record is overdue by more than
 * LOST_CHECK_AFTER_MS (its message lost). The check's due time is moved to now under the
 * relationship's ETag first, so the next sweep does not queue it again unless this message is
 * lost too; should the lost one appear after all, the two are one attempt and only one acts.
 */
export async function resumeLostResellerChecks(
  deps: Dependencies,
): Promise<Array<{ readonly partnerTenantId: string; readonly customerId: string }>> {
  if (!graphConfigured(deps)) return [];
  const now = deps.now();
  const overdue = await deps.store.queryAcrossPartitions<
    Pick<RelationshipDocument, 'pk' | 'id' | 'partnerTenantId' | 'customerId'>
  >(
    {
      query:
        "SELECT c.pk, c.id, c.partnerTenantId, c.customerId FROM c WHERE c.type = 'relationship' AND c.status = 'active' AND c.reseller.state = 'awaitingCustomer' AND c.reseller.nextCheckAt < @cutoff",
      parameters: [
        { name: '@cutoff', value: new Date(now.getTime() - LOST_CHECK_AFTER_MS).toISOString() },
      ],
    },
    LOST_RESELLER_CHECKS_PER_RUN,
  );
  const restarted: Array<{ partnerTenantId: string; customerId: string }> = [];
  for (const { pk, id, partnerTenantId, customerId } of overdue) {
    let message: ResellerCheckMessage | undefined;
    const result = await updateDocument<RelationshipDocument>(deps.store, pk, id, (current) => {
      const confirmation = current.reseller;
      if (
        current.status !== 'active' ||
        confirmation?.state !== 'awaitingCustomer' ||
        confirmation.checkAttempt === undefined ||
        !isLostCheck(confirmation.nextCheckAt, deps.now())
      ) {
        return { keep: true };
      }
      message = {
        partnerTenantId,
        customerId,
        since: confirmation.since,
        attempt: confirmation.checkAttempt,
      };
      const nextCheckAt = deps.now().toISOString();
      return { write: { ...current, reseller: { ...confirmation, nextCheckAt } } };
    });
    if (result?.written !== true || message === undefined) continue;
    await deps.queue.send(QUEUES.resellerChecks, message);
    restarted.push({ partnerTenantId, customerId });
  }
  return restarted;
}
