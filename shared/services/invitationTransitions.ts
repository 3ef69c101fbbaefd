/**
 * How an invitation changes state, shared by every service that moves one: a transition recorded
 * in its history, the 409 for a refused one, and the queue messages that carry the work on
 * (email dispatch, relationship activation).
 */
import type { InvitationStatus } from '../domain/invitationStatus';
import { ProblemError } from '../domain/problem';
import { QUEUES } from '../queue/messageQueue';
import type { HistoryEntry, InvitationDocument } from '../store/documents';
import type { Dependencies } from './dependencies';

/** Who acts, for the history: `partner:<user>`, `customer:<email>` or `system`. */
export type Actor = string;

/** The message the email dispatch function consumes. */
export interface EmailDispatchMessage {
  readonly partnerTenantId: string;
  readonly invitationId: string;
  readonly dispatchId: string;
}

/** The message the relationship activation function consumes. */
export interface ActivationMessage {
  readonly partnerTenantId: string;
  readonly invitationId: string;
}

/** Applies a transition to a document, recording it in the history. */
export function transitioned(
  doc: InvitationDocument,
  to: InvitationStatus,
  at: string,
  actor: Actor,
  extra: Partial<InvitationDocument> = {},
  note?: string,
): InvitationDocument {
  const entry: HistoryEntry = {
    at,
    from: doc.status,
    to,
    actor,
    ...(note === undefined ? {} : { note }),
  };
  return { ...doc, ...extra, status: to, updatedAt: at, history: [...doc.history, entry] };
}

/** Turns a refused transition into the partner-facing 409. */
export function refusal(code: string, status: InvitationStatus): ProblemError {
  return new ProblemError({
    status: 409,
    code,
    title: 'The invitation is not in a state that allows this',
    detail: `The invitation is ${status}.`,
  });
}

/** Queues (again) the email dispatch an invitation in `sending` is waiting for. */
export async function queueDispatch(
  deps: Dependencies,
  invitation: InvitationDocument,
): Promise<void> {
  const message: EmailDispatchMessage = {
    partnerTenantId: invitation.partnerTenantId,
    invitationId: invitation.id,
    dispatchId: invitation.dispatch!.id,
  };
  await deps.queue.send(QUEUES.invitationEmail, message);
}
