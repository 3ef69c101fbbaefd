import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { DelegatedAdminStatus } from '../domain/delegatedAdminRequest';
import {
  isFinalGraphStatus,
  isGrantedGraphStatus,
  recheckDelaySeconds,
  RECHECK_FAILURES_BEFORE_STUCK,
  settledRecheckDelaySeconds,
  waitingForOf,
  type GdapWaitingFor,
} from '../domain/gdapTracking';
import { isLostCheck, LOST_CHECK_AFTER_MS } from '../domain/stuckWork';
import { GraphCallFailed, type GraphRelationship } from '../graph/delegatedAdminGraph';
import { QUEUES } from '../queue/messageQueue';
import type { graphCheckMessage } from '../queue/queueMessages';
import { updateDocument } from '../store/documentStore';
import {
  partitionKeys,
  relationshipId,
  type AccessAssignmentTracking,
  type DelegatedAdminGrant,
  type GdapTracking,
  type InvitationDocument,
  type RelationshipDocument,
} from '../store/documents';
import { readAccessTemplate } from './accessTemplate';
import type { Dependencies } from './dependencies';
import { MICROSOFT_ACTORS, relationshipEvent, writeWithEvent, type NewAuditEvent } from './events';
import { mapConcurrently } from './mapConcurrently';
import { recordConnectionOutcome } from './microsoftConnection';

export type GraphCheckMessage = z.output<typeof graphCheckMessage>;

/**
 * What one re-check ended in (the queue's logged outcome):
 * - `superseded`: the message belongs to a relationship or chain no longer tracked;
 * - `rechecking`: Graph's answer is not final, the next check is queued;
 * - `settled`: ended (final): no more checks; or active with every access assignment settled:
 *   only the daily check (a termination or expiry at Microsoft is learned without an event);
 * - `waiting-for-reconnect`: Graph refused the app (consent withdrawn), checks stop until the
 *   partner reconnects;
 * - `graph-unavailable`: Graph failed (429, 5xx) and the check is queued again after its delay;
 * - `stuck`: Graph has failed this many times in a row; still retried, worth an operator's look;
 * - `graph-refused`: Graph refused the call as made (4xx): retrying cannot help.
 */
export type GdapCheckOutcome =
  | 'superseded'
  | 'rechecking'
  | 'settled'
  | 'waiting-for-reconnect'
  | 'graph-unavailable'
  | 'stuck'
  | 'graph-refused';

/** The first scheduled check's id: fixed per invitation, so a redelivered activation re-sends the same link. */
export function firstCheckIdOf(invitation: Pick<InvitationDocument, 'id'>): string {
  return `first-${invitation.id}`;
}

/** Queues the first scheduled re-check of a granular invitation's Graph relationship. */
export async function queueFirstGdapCheck(
  deps: Dependencies,
  invitation: InvitationDocument,
): Promise<void> {
  const graph = invitation.delegatedAdmin?.graph;
  if (graph === undefined) return;
  const message: GraphCheckMessage = {
    partnerTenantId: invitation.partnerTenantId,
    customerId: invitation.customerId,
    graphId: graph.relationshipId,
    checkId: firstCheckIdOf(invitation),
    reason: 'scheduled',
  };
  await deps.queue.send(QUEUES.graphChecks, message, {
    delaySeconds: recheckDelaySeconds(0, deps.config.microsoft.recheckBaseSeconds),
  });
}

/**
 * Asks for one check now (a Partner Center event, a reconnect, a changed access template); the
 * scheduled chain goes on.
 */
export async function queueGdapCheckNow(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
  graphId: string,
  reason: 'event' | 'reconnect' | 'template' | 'customerRequest',
): Promise<void> {
  const message: GraphCheckMessage = { partnerTenantId, customerId, graphId, reason };
  await deps.queue.send(QUEUES.graphChecks, message);
}

/** What Graph answered, as the check acts on it. */
type Reading =
  | {
      readonly kind: 'status';
      readonly relationship: GraphRelationship;
      readonly assignments?: readonly AccessAssignmentTracking[];
    }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'failed'; readonly error: GraphCallFailed };

/**
 * Reads a tracked granular relationship from Microsoft Graph and records what Graph says: its
 * status (our delegated admin state follows it), and once it is active the access assignments
 * of the partner's template, created in Graph if missing. Then it decides the next check: none
 * when the relationship has ended, a day later (spread per relationship) when it is active and
 * settled, otherwise the next link of the backoff chain (visibility delays of the queue,
 * doubling to an hour; Graph's Retry-After when it asks for longer). Only the newest
 * link of a chain acts, so repeated events and redeliveries never multiply the checks.
 * Idempotent: a repeat reads Graph again and writes the same answer.
 */
export async function checkGdapRelationship(
  deps: Dependencies,
  message: GraphCheckMessage,
): Promise<GdapCheckOutcome> {
  const pk = partitionKeys.partner(message.partnerTenantId);
  const doc = await deps.store.read<RelationshipDocument>(pk, relationshipId(message.customerId));
  const tracked = doc?.gdap;
  if (doc === undefined || tracked === undefined || tracked.graphId !== message.graphId) {
    return 'superseded';
  }
  if (message.reason === 'scheduled' && message.checkId !== tracked.checkId) {
    return 'superseded';
  }
  const reading = await readGraph(deps, message.partnerTenantId, tracked, doc);
  const at = deps.now().toISOString();
  const next = nextStep(reading, tracked);
  const withdrawn =
    reading.kind === 'failed' &&
    (reading.error.kind === 'consentWithdrawn' || reading.error.kind === 'notConnected');
  if (withdrawn) {
    await recordConnectionOutcome(deps, message.partnerTenantId, 'refused', 'system');
  }
  const attempts = next.daily
    ? 0
    : message.reason === 'scheduled'
      ? tracked.attempts + 1
      : tracked.attempts;
  const delaySeconds = next.daily
    ? settledRecheckDelaySeconds(tracked.graphId)
    : recheckDelaySeconds(
        attempts,
        deps.config.microsoft.recheckBaseSeconds,
        reading.kind === 'failed' ? reading.error.retryAfterSeconds : undefined,
      );
  // A scheduled link continues its chain; an event, a reconnect or a template change starts one
  // when none runs, or when it needs Graph read sooner than the running chain will (e.g. new
  // assignments pending while the chain waits a day).
  const chainDue = tracked.nextCheckAt === undefined ? undefined : Date.parse(tracked.nextCheckAt);
  const chains =
    next.schedule &&
    (message.reason === 'scheduled' ||
      tracked.checkId === undefined ||
      chainDue === undefined ||
      chainDue > Date.parse(at) + delaySeconds * 1000);
  const checkId = chains ? randomUUID() : undefined;
  if (checkId !== undefined) {
    // Queued before the write: if the write is lost, this link is dropped as superseded; the
    // other way round a crash between the two would end the chain.
    const link: GraphCheckMessage = { ...message, checkId, reason: 'scheduled' };
    await deps.queue.send(QUEUES.graphChecks, link, { delaySeconds });
  }
  const actor = message.reason === 'event' ? MICROSOFT_ACTORS.event : MICROSOFT_ACTORS.graph;
  let before: RelationshipDocument | undefined;
  await updateDocument<RelationshipDocument>(
    deps.store,
    pk,
    doc.id,
    (current) => {
      before = current;
      const gdap = current.gdap;
      if (gdap === undefined || gdap.graphId !== tracked.graphId) return { keep: true };
      const keepChain = checkId === undefined && message.reason !== 'scheduled' && !next.stop;
      const updated: GdapTracking = {
        ...withoutChain(gdap),
        ...trackingAfter(reading, gdap, at, message.reason === 'event' ? 'event' : 'recheck'),
        waitingFor: next.waitingFor,
        attempts: checkId === undefined && !keepChain ? 0 : attempts,
        ...(checkId !== undefined
          ? { checkId, nextCheckAt: new Date(Date.parse(at) + delaySeconds * 1000).toISOString() }
          : keepChain && gdap.checkId !== undefined
            ? {
                checkId: gdap.checkId,
                ...(gdap.nextCheckAt ? { nextCheckAt: gdap.nextCheckAt } : {}),
              }
            : {}),
      };
      return {
        write: {
          ...current,
          gdap: updated,
          delegatedAdmin: grantAfter(current.delegatedAdmin, reading, gdap, at, actor),
          updatedAt: at,
        },
      };
    },
    5,
    undefined,
    (after, etag) => {
      // What Microsoft changed is recorded with the change, in one batch (audit log, webhook).
      const event = before === undefined ? undefined : changedEvent(before, after, actor, at);
      return event === undefined
        ? deps.store.replace(after, etag)
        : writeWithEvent(deps, { kind: 'replace', document: after, etag }, event);
    },
  );
  if (reading.kind !== 'failed')
    await recordOnInvitation(deps, message.partnerTenantId, tracked, reading, at);
  return next.outcome;
}

/** What a relationship's Graph tracking says, as one comparable string. */
function graphSignatureOf(doc: RelationshipDocument): string {
  const assignments = [...(doc.gdap?.assignments ?? [])]
    .map((assignment) => `${assignment.groupId}:${assignment.status}`)
    .sort();
  return [
    doc.gdap?.status,
    doc.delegatedAdmin.status,
    doc.delegatedAdmin.state,
    ...assignments,
  ].join('|');
}

function graphView(doc: RelationshipDocument) {
  const grant = doc.delegatedAdmin;
  return {
    delegatedAdmin: {
      state: grant.state,
      status: grant.status ?? null,
      roles: grant.roles ?? [],
      startsAt: grant.startsAt ?? null,
      endsAt: grant.endsAt ?? null,
    },
    gdapRelationship: {
      graphId: doc.gdap?.graphId ?? null,
      status: doc.gdap?.status ?? null,
    },
    accessAssignments: (doc.gdap?.assignments ?? []).map((assignment) => ({
      groupId: assignment.groupId,
      groupName: assignment.groupName,
      status: assignment.status,
    })),
  };
}

/**
 * The `delegatedAdmin.changed` event of a check whose reading changed what Graph says of the
 * relationship (its status, our grant, or an access assignment's status); undefined when it
 * changed nothing. Unique per change: the ETag lets one writer make each change, so a repeat of
 * the check finds nothing changed and records nothing.
 */
function changedEvent(
  before: RelationshipDocument,
  after: RelationshipDocument,
  actor: string,
  at: string,
): NewAuditEvent | undefined {
  const signature = graphSignatureOf(after);
  if (after.gdap === undefined || graphSignatureOf(before) === signature) return undefined;
  return relationshipEvent(
    after.partnerTenantId,
    after.customerId,
    'delegatedAdmin.changed',
    actor,
    `gdap:${after.gdap.graphId}:${at}:${signature}`,
    {
      at,
      before: graphView(before),
      after: {
        ...graphView(after),
        learnedFrom: after.gdap.learnedFrom,
        companyName: after.customer.companyName,
        domain: after.customer.domain,
      },
    },
  );
}

/**
 * The invitation that asked for the relationship shows Graph's status too, and, once granted,
 * Graph's start and end (it is what `GET /api/invitations/{id}` answers).
 */
async function recordOnInvitation(
  deps: Dependencies,
  partnerTenantId: string,
  tracked: GdapTracking,
  reading: Exclude<Reading, { kind: 'failed' }>,
  at: string,
): Promise<void> {
  const status = reading.kind === 'deleted' ? 'deleted' : reading.relationship.status;
  await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(partnerTenantId),
    tracked.invitationId,
    (current) => {
      const request = current.delegatedAdmin;
      const graph = request?.graph;
      if (
        request === undefined ||
        graph === undefined ||
        graph.relationshipId !== tracked.graphId
      ) {
        return { keep: true };
      }
      const granted = reading.kind === 'status' && isGrantedGraphStatus(status);
      const startsAt = granted
        ? (reading.relationship.activatedDateTime ?? undefined)
        : request.startsAt;
      const endsAt = granted ? (reading.relationship.endDateTime ?? undefined) : request.endsAt;
      if (graph.status === status && startsAt === request.startsAt && endsAt === request.endsAt) {
        return { keep: true };
      }
      return {
        write: {
          ...current,
          delegatedAdmin: {
            ...request,
            ...(startsAt === undefined ? {} : { startsAt }),
            ...(endsAt === undefined ? {} : { endsAt }),
            graph: { ...graph, status, checkedAt: at },
          },
          updatedAt: current.updatedAt,
        },
      };
    },
  );
}

/** Reads the relationship (and, once active, syncs the template's access assignments). */
async function readGraph(
  deps: Dependencies,
  partnerTenantId: string,
  tracked: GdapTracking,
  doc: RelationshipDocument,
): Promise<Reading> {
  try {
    const relationship = await deps.graph.getRelationship(partnerTenantId, tracked.graphId);
    if (!isGrantedGraphStatus(relationship.status)) return { kind: 'status', relationship };
    const assignments = await syncAccessAssignments(deps, partnerTenantId, relationship, doc);
    return { kind: 'status', relationship, assignments };
  } catch (error) {
    if (!(error instanceof GraphCallFailed)) throw error;
    if (error.kind === 'notFound') return { kind: 'deleted' };
    return { kind: 'failed', error };
  }
}

/**
 * The partner's template in this relationship: each group's assignment as Graph holds it, and
 * the missing ones created with the template's roles that the relationship grants (Graph refuses
 * others). A group none of whose roles the relationship grants is an `error` that says so.
 */
async function syncAccessAssignments(
  deps: Dependencies,
  partnerTenantId: string,
  relationship: GraphRelationship,
  doc: RelationshipDocument,
): Promise<AccessAssignmentTracking[]> {
  const template = await readAccessTemplate(deps, partnerTenantId);
  if (template.assignments.length === 0) return [];
  let inGraph = await deps.graph.listAccessAssignments(partnerTenantId, relationship.id);
  const result: AccessAssignmentTracking[] = [];
  const granted = new Set(relationship.roles.map((role) => role.toLowerCase()));
  for (const entry of template.assignments) {
    const held = inGraph.find(
      (assignment) =>
        assignment.groupId.toLowerCase() === entry.groupId.toLowerCase() &&
        assignment.status !== 'deleted',
    );
    const roles = entry.roles.filter((role) => granted.has(role.toLowerCase()));
    const skipped = entry.roles.length - roles.length;
    const detail =
      skipped === 0
        ? undefined
        : `${skipped} of the group's roles are not in this relationship and were left out.`;
    const base = { groupId: entry.groupId, groupName: entry.groupName };
    if (held !== undefined) {
      result.push({
        ...base,
        roles: held.roles,
        status: held.status,
        assignmentId: held.id,
        ...(detail === undefined ? {} : { detail }),
      });
      continue;
    }
    if (roles.length === 0) {
      result.push({
        ...base,
        roles: [],
        status: 'error',
        detail: "None of the group's roles are in this relationship; nothing was assigned.",
      });
      continue;
    }
    const previous = doc.gdap?.assignments?.find((a) => a.groupId === entry.groupId);
    if (
      previous?.status === 'error' &&
      previous.assignmentId === undefined &&
      previous.detail?.startsWith('Microsoft Graph refused')
    ) {
      // Graph refused this very assignment before: asking again cannot help.
      result.push(previous);
      continue;
    }
    try {
      const created = await deps.graph.createAccessAssignment(
        partnerTenantId,
        relationship.id,
        entry.groupId,
        roles,
      );
      result.push({
        ...base,
        roles: created.roles,
        status: created.status,
        assignmentId: created.id,
        ...(detail === undefined ? {} : { detail }),
      });
    } catch (error) {
      if (!(error instanceof GraphCallFailed)) throw error;
      if (error.kind === 'conflict') {
        // Created by an earlier attempt whose answer was lost: Graph's list has it now.
        inGraph = await deps.graph.listAccessAssignments(partnerTenantId, relationship.id);
        const found = inGraph.find((a) => a.groupId.toLowerCase() === entry.groupId.toLowerCase());
        result.push({
          ...base,
          roles: found?.roles ?? roles,
          status: found?.status ?? 'pending',
          ...(found === undefined ? {} : { assignmentId: found.id }),
        });
        continue;
      }
      if (error.kind === 'rejected') {
        result.push({
          ...base,
          roles,
          status: 'error',
          detail: `Microsoft Graph refused the assignment: ${error.message}`,
        });
        continue;
      }
      throw error;
    }
  }
  return result;
}

interface NextStep {
  readonly outcome: GdapCheckOutcome;
  readonly waitingFor: GdapWaitingFor | null;
  /** Graph is to be read again: the chain goes on (or starts). */
  readonly schedule: boolean;
  /** Settled and active: the next read is the daily one, not the backoff's. */
  readonly daily?: boolean;
  /** No more checks, even if a chain link is in flight (final, or consent withdrawn). */
  readonly stop: boolean;
}

/** Whether and why to check again after this reading. */
function nextStep(reading: Reading, tracked: GdapTracking): NextStep {
  if (reading.kind === 'deleted') {
    return { outcome: 'settled', waitingFor: null, schedule: false, stop: true };
  }
  if (reading.kind === 'failed') {
    const error = reading.error;
    if (error.kind === 'consentWithdrawn' || error.kind === 'notConnected') {
      return {
        outcome: 'waiting-for-reconnect',
        waitingFor: 'reconnect',
        schedule: false,
        stop: true,
      };
    }
    if (!error.retryable) {
      return { outcome: 'graph-refused', waitingFor: null, schedule: false, stop: true };
    }
    const stuck = tracked.failures + 1 >= RECHECK_FAILURES_BEFORE_STUCK;
    return {
      outcome: stuck ? 'stuck' : 'graph-unavailable',
      waitingFor: stuck ? 'graphUnavailable' : tracked.waitingFor,
      schedule: true,
      stop: false,
    };
  }
  const status = reading.relationship.status;
  if (isFinalGraphStatus(status)) {
    return { outcome: 'settled', waitingFor: null, schedule: false, stop: true };
  }
  if (isGrantedGraphStatus(status)) {
    const pending = (reading.assignments ?? []).some(
      (assignment) => !['active', 'error', 'deleted'].includes(assignment.status),
    );
    // Settled, but Microsoft or the customer can still end it without an event reaching us.
    return pending
      ? { outcome: 'rechecking', waitingFor: 'accessAssignments', schedule: true, stop: false }
      : { outcome: 'settled', waitingFor: null, schedule: true, daily: true, stop: false };
  }
  return {
    outcome: 'rechecking',
    waitingFor: waitingForOf(status),
    schedule: true,
    stop: false,
  };
}

function withoutChain(gdap: GdapTracking): GdapTracking {
  const { checkId: _checkId, nextCheckAt: _next, lastError: _error, ...rest } = gdap;
  return rest;
}

/** The tracked relationship's fields after this reading (chain and waitingFor set by the caller). */
function trackingAfter(
  reading: Reading,
  gdap: GdapTracking,
  at: string,
  learnedFrom: 'event' | 'recheck',
): Partial<GdapTracking> {
  if (reading.kind === 'failed') {
    return {
      failures: gdap.failures + 1,
      lastError: reading.error.message.slice(0, 300),
    };
  }
  const status = reading.kind === 'deleted' ? 'deleted' : reading.relationship.status;
  return {
    status,
    checkedAt: at,
    learnedFrom,
    failures: 0,
    ...(reading.kind === 'status' && reading.assignments !== undefined
      ? { assignments: reading.assignments }
      : {}),
  };
}

/**
 * The partner's admin privileges after Graph's answer: Graph's roles and dates once `active`
 * (replacing what was held); `terminated`, `expired` or deleted end them, if they came from this
 * relationship. A pending answer changes nothing. `changedBy` names how it was learned
 * (`microsoft:graph`, `microsoft:partnerCenterEvent`).
 */
export function grantAfter(
  grant: DelegatedAdminGrant,
  reading: Reading,
  gdap: GdapTracking,
  at: string,
  changedBy: string,
): DelegatedAdminGrant {
  if (reading.kind === 'failed') return grant;
  const fromThis = grant.invitationId === gdap.invitationId;
  if (reading.kind === 'deleted') {
    return fromThis && grant.state !== 'none'
      ? { state: 'none', changedAt: at, changedBy }
      : fromThis && grant.status !== undefined
        ? { state: 'none', changedAt: at, changedBy }
        : grant;
  }
  const relationship = reading.relationship;
  const status = relationship.status;
  if (isGrantedGraphStatus(status)) {
    const same =
      fromThis &&
      grant.state === 'active' &&
      grant.status === status &&
      (grant.endsAt ?? null) === relationship.endDateTime;
    if (same) return grant;
    return {
      state: 'active',
      changedAt: at,
      changedBy,
      status: status as DelegatedAdminStatus,
      roles: relationship.roles,
      duration: relationship.duration,
      startsAt: relationship.activatedDateTime ?? at,
      endsAt: relationship.endDateTime,
      autoExtend: relationship.autoExtendDuration !== 'PT0S',
      invitationId: gdap.invitationId,
    };
  }
  if ((status === 'terminated' || status === 'expired') && fromThis) {
    if (grant.status === status) return grant;
    // Microsoft has ended it: a removal the customer asked for is done.
    const { removalRequestedAt: _at, removalRequestedBy: _by, ...ended } = grant;
    return {
      ...ended,
      state: status === 'terminated' ? 'removed' : 'none',
      status,
      changedAt: at,
      changedBy,
    };
  }
  return grant;
}

/**
 * After the partner reconnected: one check for each relationship that waited for it. A
 * single-partition query over the partner's relationships.
 */
export async function resumeChecksAfterReconnect(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<number> {
  const pk = partitionKeys.partner(partnerTenantId);
  let continuationToken: string | undefined;
  let queued = 0;
  do {
    const page = await deps.store.queryPage<Pick<RelationshipDocument, 'customerId' | 'gdap'>>(
      pk,
      {
        query:
          "SELECT c.customerId, c.gdap FROM c WHERE c.pk = @pk AND c.type = 'relationship' AND c.gdap.waitingFor = 'reconnect'",
        parameters: [{ name: '@pk', value: pk }],
      },
      { limit: 100, ...(continuationToken === undefined ? {} : { continuationToken }) },
    );
    for (const item of page.items) {
      if (item.gdap === undefined) continue;
      await queueGdapCheckNow(
        deps,
        partnerTenantId,
        item.customerId,
        item.gdap.graphId,
        'reconnect',
      );
      queued++;
    }
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return queued;
}

/**
 * After the partner saved its access template: one check of each relationship Graph last said
 * is active (or expiring), which creates in Graph the assignments of groups that lack one and
 * follows them to active. Saving the same template again queues the checks again and creates
 * nothing: a group that holds an assignment is left as it is. A single-partition query.
 */
export async function applyTemplateToActiveRelationships(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<number> {
  const pk = partitionKeys.partner(partnerTenantId);
  let continuationToken: string | undefined;
  let queued = 0;
  do {
    const page = await deps.store.queryPage<Pick<RelationshipDocument, 'customerId' | 'gdap'>>(
      pk,
      {
        query:
          "SELECT c.customerId, c.gdap FROM c WHERE c.pk = @pk AND c.type = 'relationship' AND c.status = 'active' AND c.gdap.status IN ('active', 'expiring')",
        parameters: [{ name: '@pk', value: pk }],
      },
      { limit: 100, ...(continuationToken === undefined ? {} : { continuationToken }) },
    );
    await mapConcurrently(page.items, 8, async (item) => {
      if (item.gdap === undefined) return;
      await queueGdapCheckNow(
        deps,
        partnerTenantId,
        item.customerId,
        item.gdap.graphId,
        'template',
      );
      queued++;
    });
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
  return queued;
}

/**
 * The partner's relationship that tracks Graph relationship `graphId`, for a Partner Center
 * event that names it; undefined when none does (not ours, not accepted yet, or superseded).
 */
export async function findTrackedRelationship(
  deps: Dependencies,
  partnerTenantId: string,
  graphId: string,
): Promise<string | undefined> {
  const pk = partitionKeys.partner(partnerTenantId);
  const page = await deps.store.queryPage<{ customerId: string }>(
    pk,
    {
      query:
        "SELECT c.customerId FROM c WHERE c.pk = @pk AND c.type = 'relationship' AND c.gdap.graphId = @graphId",
      parameters: [
        { name: '@pk', value: pk },
        { name: '@graphId', value: graphId },
      ],
    },
    { limit: 1 },
  );
  return page.items[0]?.customerId;
}

/** How many lost chains one sweep restarts; the next run (a minute later) goes on. */
export const LOST_CHECKS_PER_RUN = 500;

/** A check chain the sweep queued again: which relationship, for the log. */
export interface RestartedCheck {
  readonly partnerTenantId: string;
  readonly customerId: string;
}

/**
 * Queues again the `graph-checks` chains whose next link is overdue by more than
 * LOST_CHECK_AFTER_MS (its message lost: a crash between the queue and the write, a poisoned
 * link). Each restart writes a new chain link (`checkId`, due now) under the relationship's
 * ETag before queuing it, so the lost link, should it appear, is superseded, and the next sweep
 * finds nothing overdue unless this message was lost too. One cross-partition query per run.
 */
export async function resumeLostGdapChecks(deps: Dependencies): Promise<RestartedCheck[]> {
  const now = deps.now();
  const overdue = await deps.store.queryAcrossPartitions<
    Pick<RelationshipDocument, 'pk' | 'id' | 'partnerTenantId' | 'customerId'>
  >(
    {
      query:
        "SELECT c.pk, c.id, c.partnerTenantId, c.customerId FROM c WHERE c.type = 'relationship' AND IS_DEFINED(c.gdap.checkId) AND c.gdap.nextCheckAt < @cutoff",
      parameters: [
        { name: '@cutoff', value: new Date(now.getTime() - LOST_CHECK_AFTER_MS).toISOString() },
      ],
    },
    LOST_CHECKS_PER_RUN,
  );
  const restarted: RestartedCheck[] = [];
  for (const { pk, id, partnerTenantId, customerId } of overdue) {
    const checkId = randomUUID();
    let graphId: string | undefined;
    const result = await updateDocument<RelationshipDocument>(deps.store, pk, id, (current) => {
      const gdap = current.gdap;
      if (gdap?.checkId === undefined || !isLostCheck(gdap.nextCheckAt, deps.now())) {
        return { keep: true };
      }
      graphId = gdap.graphId;
      return {
        write: { ...current, gdap: { ...gdap, checkId, nextCheckAt: deps.now().toISOString() } },
      };
    });
    if (result?.written !== true || graphId === undefined) continue;
    const link: GraphCheckMessage = {
      partnerTenantId,
      customerId,
      graphId,
      checkId,
      reason: 'scheduled',
    };
    await deps.queue.send(QUEUES.graphChecks, link);
    restarted.push({ partnerTenantId, customerId });
  }
  return restarted;
}
