import type { PartnerCloud } from './cloud';
import { canRequestDelegatedAdmin } from './delegatedAdminPolicy';
import { entraRole, GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from './entraRoles';

/**
 * Granular delegated admin privileges (GDAP), as Microsoft Graph's delegatedAdminRelationship
 * models them: chosen Entra roles for a duration of 1 to 730 days, optionally extended by 180
 * days at the end (never with Global Administrator among the roles).
 */
export const DELEGATED_ADMIN_STATUSES = [
  'approvalPending',
  'active',
  'expiring',
  'expired',
  'terminated',
] as const;
export type DelegatedAdminStatus = (typeof DELEGATED_ADMIN_STATUSES)[number];

export const MIN_DURATION_DAYS = 1;
export const MAX_DURATION_DAYS = 730;
/** A grant is `expiring` from this many days before its end. */
export const EXPIRING_WITHIN_DAYS = 30;
export const AUTO_EXTEND_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DelegatedAdminRequest {
  readonly roles: readonly string[];
  /** ISO 8601 duration in days, `P1D` to `P730D`. */
  readonly duration: string;
  readonly autoExtend: boolean;
}

/** The two ways of asking for admin privileges in one invitation. */
export interface DelegatedAdminChoice {
  readonly includeDelegatedAdmin: boolean;
  readonly delegatedAdmin?: DelegatedAdminRequest;
}

/** One refused part of a request, named as the API names the field. */
export interface DelegatedAdminIssue {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The days of a `P<n>D` duration; undefined for any other form or a count out of range. */
export function durationDays(duration: string): number | undefined {
  const match = /^P([1-9][0-9]{0,2})D$/.exec(duration);
  if (match === null) {
    return undefined;
  }
  const days = Number(match[1]);
  return days >= MIN_DURATION_DAYS && days <= MAX_DURATION_DAYS ? days : undefined;
}

/**
 * Everything wrong with a partner's request for admin privileges, empty when it may be made:
 * the cloud rule first (nothing else matters when no admin privileges can be asked for), then
 * each role, the duration and the auto-extension.
 */
export function delegatedAdminIssues(
  choice: DelegatedAdminChoice,
  cloud: PartnerCloud,
): DelegatedAdminIssue[] {
  const request = choice.delegatedAdmin;
  if (request !== undefined && !choice.includeDelegatedAdmin) {
    return [
      {
        field: 'includeDelegatedAdmin',
        code: 'DELEGATED_ADMIN_CONFLICT',
        message:
          'includeDelegatedAdmin is false but delegatedAdmin asks for roles: send delegatedAdmin alone (or with includeDelegatedAdmin true).',
      },
    ];
  }
  if (choice.includeDelegatedAdmin && !canRequestDelegatedAdmin(cloud)) {
    return [
      {
        field: request === undefined ? 'includeDelegatedAdmin' : 'delegatedAdmin',
        code: 'DAP_NOT_AVAILABLE_IN_CLOUD',
        message: `Delegated admin privileges cannot be requested by partners in the ${cloud} cloud.`,
      },
    ];
  }
  if (request === undefined) {
    return [];
  }
  const issues: DelegatedAdminIssue[] = [];
  if (request.roles.length === 0) {
    issues.push({
      field: 'delegatedAdmin.roles',
      code: 'DELEGATED_ADMIN_ROLES_REQUIRED',
      message: 'Ask for at least one role.',
    });
  }
  const seen = new Set<string>();
  request.roles.forEach((templateId, index) => {
    const field = `delegatedAdmin.roles[${index}]`;
    const key = templateId.toLowerCase();
    if (entraRole(key) === undefined) {
      issues.push({
        field,
        code: 'DELEGATED_ADMIN_ROLE_UNKNOWN',
        message: `${templateId} is not a Microsoft Entra role template id this service offers.`,
      });
    } else if (seen.has(key)) {
      issues.push({
        field,
        code: 'DELEGATED_ADMIN_ROLE_DUPLICATE',
        message: `${templateId} is asked for more than once.`,
      });
    }
    seen.add(key);
  });
  if (durationDays(request.duration) === undefined) {
    issues.push({
      field: 'delegatedAdmin.duration',
      code: 'DELEGATED_ADMIN_DURATION_INVALID',
      message: `The duration must be whole days from P${MIN_DURATION_DAYS}D to P${MAX_DURATION_DAYS}D, e.g. P90D.`,
    });
  }
  if (request.autoExtend && seen.has(GLOBAL_ADMINISTRATOR_TEMPLATE_ID)) {
    issues.push({
      field: 'delegatedAdmin.autoExtend',
      code: 'DELEGATED_ADMIN_AUTO_EXTEND_NOT_ALLOWED',
      message:
        'Access that includes Global Administrator cannot be extended automatically: set autoExtend to false or drop the role.',
    });
  }
  return issues;
}

/** The roles as stored: lower-case template ids, in the order asked. */
export function normalizedRoles(roles: readonly string[]): string[] {
  return roles.map((role) => role.toLowerCase());
}

/** When a grant of `duration` that starts at `startsAt` ends. */
export function delegatedAdminEndsAt(startsAt: Date, duration: string): Date {
  const days = durationDays(duration);
  if (days === undefined) {
    throw new RangeError(`Not a delegated admin duration: ${duration}`);
  }
  return new Date(startsAt.getTime() + days * DAY_MS);
}

/** The moment from which a grant ending at `endsAt` is `expiring`. */
export function expiringFrom(endsAt: Date): Date {
  return new Date(endsAt.getTime() - EXPIRING_WITHIN_DAYS * DAY_MS);
}

/** What a grant holds, as far as the timer decides on it. */
export interface DelegatedAdminTerm {
  readonly status: DelegatedAdminStatus;
  /** null: classic DAP, which has no end. */
  readonly endsAt: string | null;
  readonly autoExtend: boolean;
}

export type DelegatedAdminChange =
  | { readonly kind: 'expiring' }
  | { readonly kind: 'extended'; readonly endsAt: string }
  | { readonly kind: 'expired' };

/**
 * What the daily timer does to a grant at `now`, undefined when nothing is due. At its end a
 * grant is extended by 180 days (as often as needed to reach past `now`, should the timer have
 * missed runs) when it may be, and expires otherwise; within 30 days of the end a grant that
 * will not be extended becomes `expiring`, which is when its partner hears about it.
 */
export function dueDelegatedAdminChange(
  term: DelegatedAdminTerm,
  now: Date,
): DelegatedAdminChange | undefined {
  if ((term.status !== 'active' && term.status !== 'expiring') || term.endsAt === null) {
    return undefined;
  }
  const endsAt = new Date(term.endsAt);
  if (now >= endsAt) {
    if (!term.autoExtend) {
      return { kind: 'expired' };
    }
    const periods =
      Math.floor((now.getTime() - endsAt.getTime()) / (AUTO_EXTEND_DAYS * DAY_MS)) + 1;
    return {
      kind: 'extended',
      endsAt: new Date(endsAt.getTime() + periods * AUTO_EXTEND_DAYS * DAY_MS).toISOString(),
    };
  }
  if (term.status === 'active' && !term.autoExtend && now >= expiringFrom(endsAt)) {
    return { kind: 'expiring' };
  }
  return undefined;
}

/**
 * The classic DAP state the seed's clients read (`active`, `none`, `removed`) for a grant's
 * Graph status: admin privileges in effect, none, or taken away by the customer.
 */
export function classicStateOf(status: DelegatedAdminStatus | null): 'active' | 'none' | 'removed' {
  if (status === 'active' || status === 'expiring') {
    return 'active';
  }
  return status === 'terminated' ? 'removed' : 'none';
}
