/**
 * What this service makes of a granular delegated admin relationship's status as Microsoft
 * Graph reports it: whether the answer is final, what the partner is still waiting for, and
 * when to ask Graph again. Pure: the re-check queue (services/gdapChecks.ts) applies it.
 */

/** Graph statuses after which nothing more happens to the relationship. */
const FINAL_STATUSES = new Set(['expired', 'terminated', 'deleted']);

/** Graph statuses in which the partner holds the relationship's roles. */
const GRANTED_STATUSES = new Set(['active', 'expiring']);

/** What a tracked relationship waits for, as the Customers list and the access view show it. */
export type GdapWaitingFor =
  /** The customer's administrator has not approved it in the Microsoft 365 admin center. */
  | 'customerApproval'
  /** Approved, Microsoft is still activating (or terminating) it. */
  | 'microsoft'
  /** The partner withdrew this service's consent in its tenant: nothing is checked until it reconnects. */
  | 'reconnect'
  /** Graph keeps failing (5xx, throttling) beyond the retries: an operator looks. */
  | 'graphUnavailable'
  /** Access assignments of the template are still pending in Graph. */
  | 'accessAssignments';

/** True when Graph's status of a relationship can no longer change. */
export function isFinalGraphStatus(status: string): boolean {
  return FINAL_STATUSES.has(status);
}

/** True when Graph's status means the partner holds the relationship's roles. */
export function isGrantedGraphStatus(status: string): boolean {
  return GRANTED_STATUSES.has(status);
}

/** What a relationship in Graph's `status` still waits for; null when nothing. */
export function waitingForOf(status: string): GdapWaitingFor | null {
  if (status === 'approvalPending' || status === 'created') return 'customerApproval';
  if (isFinalGraphStatus(status) || isGrantedGraphStatus(status)) return null;
  // approved, activating, terminationRequested, terminating, unknownFutureValue
  return 'microsoft';
}

/** The longest pause between two re-checks of one relationship. */
export const RECHECK_MAX_DELAY_SECONDS = 3600;

/** After this many failed Graph calls in a row, a relationship counts as stuck. */
export const RECHECK_FAILURES_BEFORE_STUCK = 8;

/**
 * The pause before re-check number `attempt` (0 = the first after the relationship was tracked):
 * `baseSeconds` doubled each time, at most an hour, so a customer who approves quickly is seen
 * within a minute and one who never does costs a call an hour. Graph's `Retry-After` wins when
 * it asks for longer.
 */
export function recheckDelaySeconds(
  attempt: number,
  baseSeconds: number,
  retryAfterSeconds?: number,
): number {
  const backoff = Math.min(RECHECK_MAX_DELAY_SECONDS, baseSeconds * 2 ** Math.min(attempt, 20));
  return Math.max(1, Math.ceil(Math.max(backoff, retryAfterSeconds ?? 0)));
}

/** How often a settled (active) relationship is read again: daily, plus its spread. */
export const SETTLED_RECHECK_SECONDS = 24 * 3600;
/** The most a relationship's daily re-check is moved on, so they do not all run at once. */
export const SETTLED_RECHECK_SPREAD_SECONDS = 4 * 3600;

/**
 * The pause before the next re-check of a relationship Graph says is settled and active: a
 * termination or expiry done at Microsoft without an event reaching us is learned within a day.
 * Each relationship keeps its own offset (from its id), which spreads the checks of relationships
 * activated together over four hours.
 */
export function settledRecheckDelaySeconds(graphId: string): number {
  let hash = 2166136261;
  for (const char of graphId) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  }
  return SETTLED_RECHECK_SECONDS + (hash % SETTLED_RECHECK_SPREAD_SECONDS);
}

/**
 * The last path segment of a Partner Center event's `ResourceUri` (a relationship's Graph id);
 * undefined when the URI names none.
 */
export function relationshipIdOfResourceUri(resourceUri: string): string | undefined {
  let path: string;
  try {
    path = new URL(resourceUri).pathname;
  } catch {
    return undefined;
  }
  const last = path
    .split('/')
    .filter((part) => part !== '')
    .pop();
  return last !== undefined && /^[0-9A-Za-z-]{1,128}$/.test(last) ? last : undefined;
}

/** The customer tenant a reseller event's `ResourceUri` names (`…/customers/{tenantId}…`). */
export function customerTenantOfResourceUri(resourceUri: string): string | undefined {
  const match = /\/customers\/([0-9a-fA-F-]{36})(?:[/?#]|$)/.exec(resourceUri);
  return match?.[1]?.toLowerCase();
}
