import { MailSendError } from '../mail/mailer';
import { currentTraceCarrier, type TraceCarrier } from '../telemetry/traceContext';
import { QUEUES } from '../queue/messageQueue';
import {
  DocumentChangedError,
  DocumentConflictError,
  DocumentNotFoundError,
  updateDocument,
} from '../store/documentStore';
import { partitionKeys, type InvitationDocument } from '../store/documents';
import type { Dependencies } from './dependencies';
import { mapConcurrently } from './mapConcurrently';
import { DispatchLeaseHeldError, withLeaseReleased, withLeaseTaken } from './sendLease';
import { eventWrite, invitationEvent, recordEvent, writeWithEvent } from './events';
import { transitioned, type EmailDispatchMessage } from './invitationTransitions';

export type DispatchOutcome = 'sent' | 'skipped' | 'retry-scheduled' | 'failed';

/** Backoff for transient failures when SendGrid gives no Retry-After: 10 s, 20 s, 40 s … ≤ 10 min. */
export function retryDelaySeconds(attempt: number, retryAfterSeconds: number | undefined): number {
  if (retryAfterSeconds !== undefined) {
    return Math.min(Math.max(retryAfterSeconds, 1), 3600);
  }
  return Math.min(10 * 2 ** (attempt - 1), 600);
}

/**
 * Sends one invitation email for a dispatch message. Idempotent: a message for a dispatch that
 * is no longer current (already sent, revoked, re-sent) is skipped, and a lease on the document
 * keeps two deliveries of the same message from both calling SendGrid.
 */
export async function dispatchInvitationEmail(
  deps: Dependencies,
  message: EmailDispatchMessage,
): Promise<DispatchOutcome> {
  const pk = partitionKeys.partner(message.partnerTenantId);
  const leaseStart = deps.now();
  const claim = await updateDocument<InvitationDocument>(
    deps.store,
    pk,
    message.invitationId,
    (current) => {
      if (current.status !== 'sending' || current.dispatch?.id !== message.dispatchId) {
        return { keep: true };
      }
      return {
        write: { ...current, dispatch: withLeaseTaken(current.dispatch, current.id, leaseStart) },
      };
    },
  );
  if (claim === undefined || !claim.written) {
    return 'skipped';
  }
  const invitation = claim.document;
  const attempt = invitation.dispatch!.attempts;

  try {
    const { messageId } = await deps.mailer.send({
      to: invitation.customer.email,
      subject: invitation.draft.subject,
      text: invitation.draft.text,
      html: invitation.draft.html,
      invitationId: invitation.id,
      partnerTenantId: invitation.partnerTenantId,
      dispatchId: message.dispatchId,
    });
    await settle(
      deps,
      message,
      (current, at) =>
        transitioned(current, 'sent', at, 'system', {
          sentAt: at,
          dispatch: {
            id: message.dispatchId,
            attempts: attempt,
            ...(messageId === undefined ? {} : { messageId }),
          },
        }),
      invitation,
    );
    return 'sent';
  } catch (error) {
    if (!(error instanceof MailSendError)) {
      await releaseLease(deps, message, String(error));
      throw error;
    }
    if (error.kind === 'permanent' || attempt >= deps.config.mail.maxAttempts) {
      await settle(
        deps,
        message,
        (current, at) => givenUp(current, at, message.dispatchId, attempt, error),
        invitation,
      );
      return 'failed';
    }
    // Queued before the lease is released: a released dispatch always has its retry on the way
    // (stuckWork relies on it). Should the release not happen, the lease lapses by itself.
    await deps.queue.send(QUEUES.invitationEmail, message, {
      delaySeconds: retryDelaySeconds(attempt, error.retryAfterSeconds),
    });
    await releaseLease(deps, message, error.message);
    return 'retry-scheduled';
  }
}

/**
 * Ends a dispatch: `change` applied to the invitation while this dispatch still holds it, with
 * its event. `held` is the invitation as this dispatch's claim wrote it: written against its
 * ETag without reading it again; re-read only when something changed it since.
 */
async function settle(
  deps: Dependencies,
  message: EmailDispatchMessage,
  change: (current: InvitationDocument, at: string) => InvitationDocument,
  held?: InvitationDocument,
): Promise<void> {
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) =>
      current.status === 'sending' && current.dispatch?.id === message.dispatchId
        ? { write: change(current, deps.now().toISOString()) }
        : { keep: true },
    undefined,
    held,
    // The end of the dispatch and its event in one transactional batch (one round trip; its
    // webhook fan-out is queued only when a webhook subscribes to it).
    (document, etag) =>
      writeWithEvent(
        deps,
        { kind: 'replace', document, etag },
        dispatchEndedEvent(document, message.dispatchId),
      ),
  );
  const settled = result?.document;
  if (
    result?.written === false &&
    settled !== undefined &&
    settled.dispatch?.id === message.dispatchId &&
    (settled.status === 'sent' || settled.status === 'failed')
  ) {
    // A redelivery of a dispatch that ended: recorded again (once per key), so a gap left by a
    // crash between a state change and its event, as an earlier version wrote them, is filled.
    await recordEvent(deps, dispatchEndedEvent(settled, message.dispatchId));
  }
}

/** `invitation.sent` or `invitation.failed` of the dispatch that left the invitation so. */
function dispatchEndedEvent(settled: InvitationDocument, dispatchId: string) {
  return invitationEvent(
    settled,
    settled.status === 'sent' ? 'invitation.sent' : 'invitation.failed',
    'system',
    `${settled.status}:${dispatchId}`,
    {
      at: settled.updatedAt,
      after: {
        status: settled.status,
        ...(settled.failureReason === undefined ? {} : { reason: settled.failureReason }),
      },
    },
  );
}

async function releaseLease(
  deps: Dependencies,
  message: EmailDispatchMessage,
  lastError: string,
): Promise<void> {
  await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) => {
      if (current.status !== 'sending' || current.dispatch?.id !== message.dispatchId) {
        return { keep: true };
      }
      return {
        write: { ...current, dispatch: { ...withLeaseReleased(current.dispatch), lastError } },
      };
    },
  );
}

/**
 * The host gave up on a dispatch message (it reached the poison queue): the partner must see
 * `failed` with a reason rather than an invitation stuck in `sending`.
 */
export async function abandonDispatch(
  deps: Dependencies,
  message: EmailDispatchMessage,
): Promise<boolean> {
  const result = await updateDocument<InvitationDocument>(
    deps.store,
    partitionKeys.partner(message.partnerTenantId),
    message.invitationId,
    (current) => {
      if (current.status !== 'sending' || current.dispatch?.id !== message.dispatchId) {
        return { keep: true };
      }
      const at = deps.now().toISOString();
      const reason = 'Dispatch abandoned after repeated processing errors';
      return {
        write: transitioned(
          current,
          'failed',
          at,
          'system',
          { failedAt: at, failureReason: reason },
          reason,
        ),
      };
    },
  );
  if (result?.written) {
    await recordEvent(
      deps,
      invitationEvent(
        result.document,
        'invitation.failed',
        'system',
        `failed:${message.dispatchId}`,
        {
          at: result.document.updatedAt,
          after: { status: 'failed', reason: result.document.failureReason },
        },
      ),
    );
  }
  return result?.written ?? false;
}

/** A run of invitation emails to hand to the mailer together (a batch chunk's, or a retry's). */
export interface EmailRunMessage {
  readonly partnerTenantId: string;
  /** Only to name the batch in logs. */
  readonly batchId?: string;
  readonly run: readonly { readonly invitationId: string; readonly dispatchId: string }[];
}

/** How many invitation documents one run claims and settles at the same time. */
const RUN_CONCURRENCY = 16;

/**
 * Sends a run of invitation emails in as few mail requests as SendGrid allows. Each invitation
 * is claimed, sent and settled on its own as in `dispatchInvitationEmail`: an invitation no
 * longer waiting for this dispatch is skipped, so a redelivered run sends nothing twice. The
 * emails SendGrid did not take for a passing reason (429, 5xx), and those another delivery holds,
 * go back on the queue as a smaller run; the accepted ones are settled and never sent again.
 */
export async function dispatchEmailRun(
  deps: Dependencies,
  message: EmailRunMessage,
): Promise<string> {
  return (await sendEmailRun(deps, message)).summary;
}

const dispatchKey = (item: RunItem) => `${item.invitationId}/${item.dispatchId}`;

/** `dispatchEmailRun`, with what became of each email of the run (by `dispatchKey`). */
async function sendEmailRun(
  deps: Dependencies,
  message: EmailRunMessage,
  traces: ReadonlyMap<string, TraceCarrier> = new Map(),
): Promise<{ summary: string; outcomes: Map<string, DispatchOutcome> }> {
  const { claimed, held, heldUntil } = await claimRun(deps, message);

  const outcomes =
    claimed.length === 0
      ? []
      : await deps.mailer.sendRun(
          claimed.map((invitation) => ({
            to: invitation.customer.email,
            subject: invitation.draft.subject,
            text: invitation.draft.text,
            html: invitation.draft.html,
            personal: { link: invitation.acceptUrl, company: invitation.customer.companyName },
            invitationId: invitation.id,
            partnerTenantId: invitation.partnerTenantId,
            dispatchId: invitation.dispatch!.id,
            trace: traces.get(
              dispatchKey({ invitationId: invitation.id, dispatchId: invitation.dispatch!.id }),
            ),
          })),
        );

  const retry: { invitationId: string; dispatchId: string; lastError: string }[] = [];
  let retryAfter = 0;
  const counts = { sent: 0, failed: 0 };
  const ends: RunEnd[] = [];
  claimed.forEach((invitation, index) => {
    const outcome = outcomes[index]!;
    const dispatchId = invitation.dispatch!.id;
    const attempt = invitation.dispatch!.attempts;
    if (outcome.accepted) {
      counts.sent++;
      ends.push({
        invitation,
        sent: true,
        change: (current, at) =>
          transitioned(current, 'sent', at, 'system', {
            sentAt: at,
            dispatch: {
              id: dispatchId,
              attempts: attempt,
              ...(outcome.messageId === undefined ? {} : { messageId: outcome.messageId }),
            },
          }),
      });
      return;
    }
    const { error } = outcome;
    if (error.kind === 'permanent' || attempt >= deps.config.mail.maxAttempts) {
      counts.failed++;
      ends.push({
        invitation,
        sent: false,
        change: (current, at) => givenUp(current, at, dispatchId, attempt, error),
      });
      return;
    }
    retry.push({ invitationId: invitation.id, dispatchId, lastError: error.message });
    retryAfter = Math.max(retryAfter, retryDelaySeconds(attempt, error.retryAfterSeconds));
  });
  await settleRun(deps, message.partnerTenantId, ends);

  // Queued before the leases are released, as for a single dispatch (stuckWork relies on it).
  const again = [
    ...retry.map(({ invitationId, dispatchId }) => ({ invitationId, dispatchId })),
    ...held,
  ];
  if (again.length > 0) {
    await deps.queue.send(
      QUEUES.invitationEmail,
      { ...message, run: again } satisfies EmailRunMessage,
      { delaySeconds: Math.max(retryAfter, heldUntil, 1) },
    );
  }
  await mapConcurrently(retry, RUN_CONCURRENCY, ({ lastError, ...item }) =>
    releaseLease(deps, { partnerTenantId: message.partnerTenantId, ...item }, lastError),
  );
  const skipped = message.run.length - claimed.length - held.length;
  const byEmail = new Map<string, DispatchOutcome>(
    message.run.map((item) => [dispatchKey(item), 'skipped']),
  );
  for (const { invitation, sent } of ends) {
    const item = { invitationId: invitation.id, dispatchId: invitation.dispatch!.id };
    byEmail.set(dispatchKey(item), sent ? 'sent' : 'failed');
  }
  for (const item of again) byEmail.set(dispatchKey(item), 'retry-scheduled');
  return {
    summary: `run of ${message.run.length}: sent ${counts.sent}, failed ${counts.failed}, retry-scheduled ${again.length}, skipped ${skipped}`,
    outcomes: byEmail,
  };
}

/** How long a single email waits for others of its partner to go in the same request. */
const SINGLE_SEND_WINDOW_MS = 50;

/** Single emails waiting to go together, by partner, in this process. */
const waitingSingles = new Map<string, SingleSendGroup>();

interface SingleSendGroup {
  readonly run: { readonly message: EmailDispatchMessage; readonly trace?: TraceCarrier }[];
  readonly sent: Promise<ReadonlyMap<string, DispatchOutcome>>;
}

/**
 * Sends one invitation email for a dispatch message, together with the other single emails of
 * the partner this worker takes off the queue at about the same time: the host hands a worker
 * up to `batchSize` messages at once, so a backlog of single sends (a partner's tool sending
 * hundreds) goes to SendGrid in a few requests instead of one each. Each waits
 * `SINGLE_SEND_WINDOW_MS` for others. One that finds none is sent on its own
 * (`dispatchInvitationEmail`); several go as one run (claimed, sent and settled each on its
 * own, as a batch's), each email carrying its own journey's trace to SendGrid, and each message
 * gets its own email's outcome. Should the run fail, every message of it fails and the host
 * delivers each again.
 */
export function dispatchInvitationEmailWithOthers(
  deps: Dependencies,
  message: EmailDispatchMessage,
): Promise<DispatchOutcome> {
  const { partnerTenantId } = message;
  let group = waitingSingles.get(partnerTenantId);
  if (group === undefined || group.run.length >= MAX_RUN) {
    const run: SingleSendGroup['run'][number][] = [];
    const sent = new Promise<void>((resolve) => setTimeout(resolve, SINGLE_SEND_WINDOW_MS)).then(
      () => {
        if (waitingSingles.get(partnerTenantId)?.run === run)
          waitingSingles.delete(partnerTenantId);
        return sendSingles(deps, partnerTenantId, run);
      },
    );
    group = { run, sent };
    waitingSingles.set(partnerTenantId, group);
  }
  // A message delivered twice at once is one email: both copies get its outcome.
  if (!group.run.some((item) => dispatchKey(item.message) === dispatchKey(message))) {
    const trace = currentTraceCarrier();
    group.run.push(trace === undefined ? { message } : { message, trace });
  }
  return group.sent.then((outcomes) => outcomes.get(dispatchKey(message)) ?? 'skipped');
}

async function sendSingles(
  deps: Dependencies,
  partnerTenantId: string,
  run: SingleSendGroup['run'],
): Promise<ReadonlyMap<string, DispatchOutcome>> {
  if (run.length === 1) {
    const { message } = run[0]!;
    return new Map([[dispatchKey(message), await dispatchInvitationEmail(deps, message)]]);
  }
  const traces = new Map<string, TraceCarrier>();
  for (const { message, trace } of run) {
    if (trace !== undefined) traces.set(dispatchKey(message), trace);
  }
  const items = run.map(({ message: { invitationId, dispatchId } }) => ({
    invitationId,
    dispatchId,
  }));
  return (await sendEmailRun(deps, { partnerTenantId, run: items }, traces)).outcomes;
}

/** The most emails one run carries: SendGrid takes up to 1,000 personalizations a request. */
const MAX_RUN = 1000;

/** Operations of one transactional batch: Cosmos DB takes up to 100. */
const MAX_BATCH_OPERATIONS = 100;

type RunItem = EmailRunMessage['run'][number];

/**
 * Takes the send lease of every invitation of the run still waiting for its dispatch: each is
 * read, and the leases are written together, up to 100 in one transactional batch. A batch that
 * cannot be written whole (the partner edited or revoked one since it was read) is claimed one
 * invitation at a time, as a single dispatch does. Those another delivery holds come back as
 * `held`, with the latest time their lease lapses.
 */
async function claimRun(
  deps: Dependencies,
  message: EmailRunMessage,
): Promise<{ claimed: InvitationDocument[]; held: RunItem[]; heldUntil: number }> {
  const pk = partitionKeys.partner(message.partnerTenantId);
  const leaseStart = deps.now();
  const held: RunItem[] = [];
  let heldUntil = 0;
  const leased = (current: InvitationDocument, item: RunItem): InvitationDocument | undefined => {
    if (current.status !== 'sending' || current.dispatch?.id !== item.dispatchId) return undefined;
    try {
      return {
        ...current,
        dispatch: withLeaseTaken(current.dispatch, current.id, leaseStart),
      };
    } catch (error) {
      if (!(error instanceof DispatchLeaseHeldError)) throw error;
      held.push(item);
      heldUntil = Math.max(heldUntil, error.retryAfterSeconds);
      return undefined;
    }
  };
  const read = await mapConcurrently(message.run, RUN_CONCURRENCY, (item) =>
    deps.store.read<InvitationDocument>(pk, item.invitationId),
  );
  const claims: { item: RunItem; write: InvitationDocument; etag: string }[] = [];
  read.forEach((current, index) => {
    const item = message.run[index]!;
    const write = current?._etag === undefined ? undefined : leased(current, item);
    if (write !== undefined) claims.push({ item, write, etag: current!._etag! });
  });
  const groups = inGroupsOf(claims, MAX_BATCH_OPERATIONS);
  const claimed = await mapConcurrently(groups, RUN_CONCURRENCY, async (group) => {
    try {
      const stored = await deps.store.batch(
        pk,
        group.map(({ write, etag }) => ({ kind: 'replace', document: write, etag })),
      );
      return stored as InvitationDocument[];
    } catch (error) {
      if (!(error instanceof DocumentChangedError || error instanceof DocumentNotFoundError)) {
        throw error;
      }
    }
    const one = await mapConcurrently(group, RUN_CONCURRENCY, async ({ item }) => {
      const claim = await updateDocument<InvitationDocument>(
        deps.store,
        pk,
        item.invitationId,
        (current) => {
          const write = leased(current, item);
          return write === undefined ? { keep: true } : { write };
        },
      );
      return claim?.written ? claim.document : undefined;
    });
    return one.filter((invitation) => invitation !== undefined);
  });
  return { claimed: claimed.flat(), held, heldUntil };
}

/** How one claimed invitation of a run ends: `change` applied to it, with its event. */
interface RunEnd {
  readonly invitation: InvitationDocument;
  /** Sent, or given up (`failed`). */
  readonly sent: boolean;
  readonly change: (current: InvitationDocument, at: string) => InvitationDocument;
}

/**
 * Ends the dispatches of a run: each invitation as its claim wrote it, changed, with its event,
 * written against the ETag of the claim, 50 invitations to a transactional batch. A batch that
 * cannot be written whole is ended one invitation at a time (`settle`, which reads again what
 * changed since).
 */
async function settleRun(
  deps: Dependencies,
  partnerTenantId: string,
  ends: readonly RunEnd[],
): Promise<void> {
  const pk = partitionKeys.partner(partnerTenantId);
  const at = deps.now().toISOString();
  const groups = inGroupsOf(ends, MAX_BATCH_OPERATIONS / 2);
  await mapConcurrently(groups, RUN_CONCURRENCY, async (group) => {
    try {
      await deps.store.batch(
        pk,
        group.flatMap(({ invitation, change }) => {
          const document = change(invitation, at);
          return [
            { kind: 'replace', document, etag: invitation._etag! },
            eventWrite(dispatchEndedEvent(document, invitation.dispatch!.id)),
          ] as const;
        }),
      );
      return;
    } catch (error) {
      if (!isExpectedRace(error)) throw error;
    }
    await mapConcurrently(group, RUN_CONCURRENCY, ({ invitation, change }) =>
      settle(
        deps,
        { partnerTenantId, invitationId: invitation.id, dispatchId: invitation.dispatch!.id },
        change,
        invitation,
      ),
    );
  });
}

/** What a run's batch fails with when a document is not as the run left it. */
function isExpectedRace(error: unknown): boolean {
  return (
    error instanceof DocumentChangedError ||
    error instanceof DocumentNotFoundError ||
    error instanceof DocumentConflictError
  );
}

function inGroupsOf<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    groups.push(items.slice(start, start + size));
  }
  return groups;
}

/** The invitation as a dispatch that cannot succeed leaves it: `failed`, with why. */
function givenUp(
  current: InvitationDocument,
  at: string,
  dispatchId: string,
  attempt: number,
  error: MailSendError,
): InvitationDocument {
  const reason =
    error.kind === 'permanent'
      ? error.message
      : `Gave up after ${attempt} attempts: ${error.message}`;
  return transitioned(
    current,
    'failed',
    at,
    'system',
    {
      failedAt: at,
      failureReason: reason,
      dispatch: { id: dispatchId, attempts: attempt, lastError: error.message },
    },
    reason,
  );
}
