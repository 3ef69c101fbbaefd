import type { Delivery } from '../domain/emailDelivery';
import { toDelegatedAdminView, toInvitationDelegatedAdminView } from './delegatedAdminViews';
import { effectiveStatus } from '../domain/invitationStatus';
import { fieldProblem } from '../domain/problem';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../http/requestBody';
import { mailtoFor } from '../services/invitations';
import type { Page } from '../store/documentStore';
import { effectiveConfirmation, type ResellerConfirmation } from '../domain/resellerConfirmation';
import type { InvitationDocument, RelationshipDocument } from '../store/documents';

/** What a partner sees of an invitation in a list: no draft bodies, no history. */
export function toInvitationSummary(doc: InvitationDocument, now: Date) {
  return {
    id: doc.id,
    status: effectiveStatus(doc.status, doc.expiresAt, now),
    customer: doc.customer,
    customerId: doc.customerId,
    includeDelegatedAdmin: doc.includeDelegatedAdmin,
    delegatedAdmin: toInvitationDelegatedAdminView(doc, now),
    locale: doc.locale,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    expiresAt: doc.expiresAt,
    ...pick(doc, [
      'sentAt',
      'acceptedAt',
      'activatedAt',
      'revokedAt',
      'declinedAt',
      'decline',
      'failedAt',
      'failureReason',
      'reminderRequestedAt',
      'lastResendAt',
      'resendCount',
    ]),
    ...(doc.delivery === undefined ? {} : { delivery: deliverySummary(doc.delivery) }),
  };
}

/** The email's delivery state, as lists show it. */
function deliverySummary(delivery: Delivery) {
  return {
    state: delivery.state,
    at: delivery.at,
    ...(delivery.reason === undefined ? {} : { reason: delivery.reason }),
  };
}

/** The state and every recorded event; SendGrid's event ids stay internal. */
function deliveryView(delivery: Delivery) {
  return {
    ...deliverySummary(delivery),
    events: delivery.events.map(({ sgEventId: _sgEventId, ...event }) => event),
  };
}

/** The full invitation: draft, link, mailto URL and history. */
export function toInvitationView(doc: InvitationDocument, now: Date) {
  // The summary's delivery (state only) is replaced by the full one, with its events.
  const { delivery: _summaryDelivery, ...summary } = toInvitationSummary(doc, now);
  return {
    ...summary,
    draft: { subject: doc.draft.subject, text: doc.draft.text, html: doc.draft.html },
    acceptUrl: doc.acceptUrl,
    mailtoUrl: mailtoFor(doc),
    partner: doc.partner,
    history: doc.history,
    ...(doc.delivery === undefined ? {} : { delivery: deliveryView(doc.delivery) }),
  };
}

/** Whether Microsoft holds the reseller relationship, and how that was learned. */
function toConfirmationView(confirmation: ResellerConfirmation) {
  return {
    state: confirmation.state,
    since: confirmation.since,
    confirmedAt: confirmation.confirmedAt ?? null,
    confirmedBy: confirmation.confirmedBy ?? null,
    checkedAt: confirmation.checkedAt ?? null,
    ...(confirmation.gaveUpAt === undefined ? {} : { gaveUpAt: confirmation.gaveUpAt }),
  };
}

/** An entry of the Customers list. */
export function toCustomerView(doc: RelationshipDocument) {
  return {
    id: doc.customerId,
    companyName: doc.customer.companyName,
    domain: doc.customer.domain,
    country: doc.customer.country,
    tenantId: doc.customer.tenantId ?? null,
    relationship: {
      status: doc.status,
      createdAt: doc.createdAt,
      activatedAt: doc.activatedAt,
      ...(doc.removedAt === undefined ? {} : { removedAt: doc.removedAt }),
      confirmation: toConfirmationView(effectiveConfirmation(doc.reseller, doc.activatedAt)),
    },
    delegatedAdmin: toDelegatedAdminView(doc.delegatedAdmin),
    gdapRelationship:
      doc.gdap === undefined
        ? null
        : {
            graphId: doc.gdap.graphId,
            status: doc.gdap.status,
            checkedAt: doc.gdap.checkedAt,
            learnedFrom: doc.gdap.learnedFrom,
            waitingFor: doc.gdap.waitingFor,
          },
    mca: doc.mca,
    supportContact: doc.supportContact,
    updatedAt: doc.updatedAt,
  };
}

function pick<T extends object, K extends keyof T>(
  doc: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const result: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (doc[key] !== undefined) {
      result[key] = doc[key];
    }
  }
  return result;
}

/**
 * Page tokens are opaque to clients: the store's continuation wrapped in base64url, so a
 * client cannot depend on (or tamper with) its shape without it being refused cleanly.
 */
export function encodePageToken(continuation: string | undefined): string | undefined {
  return continuation === undefined
    ? undefined
    : Buffer.from(continuation, 'utf8').toString('base64url');
}

export function decodePageToken(token: string | undefined): string | undefined {
  if (token === undefined) {
    return undefined;
  }
  const decoded = /^[A-Za-z0-9_-]+$/.test(token)
    ? Buffer.from(token, 'base64url').toString('utf8')
    : '';
  try {
    // The store's continuations are JSON objects; `null`, numbers or strings are not one.
    const parsed: unknown =
      jsonNestingDepth(decoded) > MAX_JSON_DEPTH ? undefined : JSON.parse(decoded);
    if (parsed === null || typeof parsed !== 'object') {
      throw new TypeError('not a continuation');
    }
    return decoded;
  } catch {
    throw fieldProblem(
      400,
      'INVALID_CONTINUATION_TOKEN',
      'continuationToken',
      'The continuation token is not valid.',
    );
  }
}

/** A page in the API's shape. */
export function toPageBody<T, V>(page: Page<T>, view: (item: T) => V) {
  const next = encodePageToken(page.continuationToken);
  return {
    items: page.items.map(view),
    ...(next === undefined ? {} : { continuationToken: next }),
  };
}
