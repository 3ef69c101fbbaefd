/*
 * Whether Microsoft holds the reseller relationship a customer accepted on our page. The customer
 * finishes accepting in their cloud's admin portal, which they may never do; only then does the
 * partner's tenant hold a `ResellerPartner` contract for the customer (Microsoft Graph
 * `GET /contracts`). Until Microsoft confirms it, the relationship is `awaitingCustomer`.
 */

/**
 * `awaitingCustomer`: accepted on our page, not (yet) in Microsoft's records; `confirmed`:
 * Microsoft holds it; `notConfirmed`: still not after the checks gave up (the partner may check
 * again, which starts a new round).
 */
export const RESELLER_CONFIRMATION_STATES = [
  'awaitingCustomer',
  'confirmed',
  'notConfirmed',
] as const;
export type ResellerConfirmationState = (typeof RESELLER_CONFIRMATION_STATES)[number];

/** How the confirmation was learned: a Partner Center event prompted the read, or a re-check. */
export type ResellerConfirmationSource = 'partnerCenterEvent' | 'graphCheck';

/** Why the last check did not confirm. */
export type ResellerCheckOutcome = 'noContract' | 'notConnected' | 'microsoftUnavailable';

/** The confirmation as stored on the relationship. */
export interface ResellerConfirmation {
  readonly state: ResellerConfirmationState;
  /** When this round of waiting began (the relationship's activation, or a partner's re-check). */
  readonly since: string;
  readonly confirmedAt?: string;
  readonly confirmedBy?: ResellerConfirmationSource;
  readonly checkedAt?: string;
  readonly lastCheck?: ResellerCheckOutcome;
  readonly gaveUpAt?: string;
  /**
   * The check in flight: its attempt number and when it is due. Only a message of that attempt
   * acts (a duplicate, e.g. from a redelivered activation, ends as superseded), and the
   * resumeStuckWork timer queues it again when it is long overdue (its message lost).
   */
  readonly checkAttempt?: number;
  readonly nextCheckAt?: string;
}

/** How long the re-checks go on before the state becomes `notConfirmed`. */
export const RESELLER_CHECK_GIVE_UP_DAYS = 14;

/**
 * The wait before each re-check of Graph, by attempt (1-based): soon after the customer left
 * our page for the admin portal (most finish there within minutes), then ever less often, at
 * most daily. Storage queues hide a message for at most seven days, well above the longest.
 */
const CHECK_DELAYS_SECONDS = [60, 5 * 60, 15 * 60, 60 * 60, 4 * 60 * 60, 12 * 60 * 60];
const DAY_SECONDS = 24 * 60 * 60;

export function resellerCheckDelaySeconds(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`A check attempt is a whole number from 1, not ${attempt}.`);
  }
  return CHECK_DELAYS_SECONDS[attempt - 1] ?? DAY_SECONDS;
}

export type NextResellerCheck =
  { readonly kind: 'wait'; readonly delaySeconds: number } | { readonly kind: 'giveUp' };

/**
 * What follows check number `attempt` that found no contract: the next check after its delay,
 * the last one exactly when the round ends, then giving up.
 */
export function nextResellerCheck(since: string, now: Date, attempt: number): NextResellerCheck {
  const endsAt = new Date(since).getTime() + RESELLER_CHECK_GIVE_UP_DAYS * DAY_SECONDS * 1000;
  const remainingSeconds = Math.ceil((endsAt - now.getTime()) / 1000);
  if (!(remainingSeconds > 0)) {
    return { kind: 'giveUp' };
  }
  return {
    kind: 'wait',
    delaySeconds: Math.min(resellerCheckDelaySeconds(attempt + 1), remainingSeconds),
  };
}

/** Graph's `contract` in a partner tenant, as far as the confirmation reads it. */
export interface PartnerContract {
  readonly contractType: string;
  readonly customerId: string;
  readonly defaultDomainName: string | null;
}

/**
 * True when the contract is the reseller relationship with this customer: a `ResellerPartner`
 * contract for the customer's tenant or, while the tenant is not known, its domain.
 */
export function isResellerContractFor(
  contract: PartnerContract,
  customer: { readonly tenantId?: string; readonly domain: string },
): boolean {
  if (contract.contractType !== 'ResellerPartner') return false;
  if (customer.tenantId !== undefined) {
    return contract.customerId.toLowerCase() === customer.tenantId.toLowerCase();
  }
  return (contract.defaultDomainName ?? '').toLowerCase() === customer.domain.toLowerCase();
}

/** A new round of waiting for Microsoft, begun at `at`. */
export function awaitingCustomer(at: string): ResellerConfirmation {
  return { state: 'awaitingCustomer', since: at };
}

/**
 * A new round of waiting begun at `at` with its first check on record (attempt 1, due after its
 * delay), so the chain of checks it starts is one chain however often it is queued.
 */
export function newCheckRound(at: string): ResellerConfirmation {
  return {
    ...awaitingCustomer(at),
    checkAttempt: 1,
    nextCheckAt: new Date(Date.parse(at) + resellerCheckDelaySeconds(1) * 1000).toISOString(),
  };
}

/** The confirmation without its check in flight (what the audit log and webhooks show). */
export function withoutCheckChain(confirmation: ResellerConfirmation): ResellerConfirmation {
  const { checkAttempt: _attempt, nextCheckAt: _next, ...rest } = confirmation;
  return rest;
}

/**
 * The confirmation of a relationship as the API shows it. Relationships activated before
 * confirmations were tracked have none stored: Microsoft never confirmed them to this service,
 * so they are awaiting the customer since their activation.
 */
export function effectiveConfirmation(
  stored: ResellerConfirmation | undefined,
  activatedAt: string,
): ResellerConfirmation {
  return stored ?? awaitingCustomer(activatedAt);
}
