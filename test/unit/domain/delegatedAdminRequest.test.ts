import {
  classicStateOf,
  delegatedAdminEndsAt,
  delegatedAdminIssues,
  dueDelegatedAdminChange,
  durationDays,
  expiringFrom,
  type DelegatedAdminChoice,
  type DelegatedAdminTerm,
} from '../../../shared/domain/delegatedAdminRequest';
import { GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from '../../../shared/domain/entraRoles';

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const LICENSE_ADMIN = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
const UNKNOWN = '00000000-0000-0000-0000-000000000001';

describe('durationDays', () => {
  test.each([
    ['P1D', 1],
    ['P90D', 90],
    ['P730D', 730],
    ['P0D', undefined],
    ['P731D', undefined],
    ['P01D', undefined],
    ['P2Y', undefined],
    ['PT24H', undefined],
    ['p90d', undefined],
    ['P90D ', undefined],
    ['', undefined],
  ])('%p → %p', (duration, days) => {
    expect(durationDays(duration)).toBe(days);
  });
});

const granular = (over: Partial<NonNullable<DelegatedAdminChoice['delegatedAdmin']>> = {}) => ({
  includeDelegatedAdmin: true,
  delegatedAdmin: { roles: [USER_ADMIN], duration: 'P90D', autoExtend: false, ...over },
});

describe('delegatedAdminIssues', () => {
  test.each<[string, DelegatedAdminChoice, 'public' | 'germany' | 'usgov', string[]]>([
    ['no admin privileges', { includeDelegatedAdmin: false }, 'public', []],
    ['classic DAP, public cloud', { includeDelegatedAdmin: true }, 'public', []],
    ['a valid granular request', granular(), 'public', []],
    ['an upper-case template id', granular({ roles: [USER_ADMIN.toUpperCase()] }), 'public', []],
    [
      'Global Administrator without auto-extension',
      granular({ roles: [GLOBAL_ADMINISTRATOR_TEMPLATE_ID], duration: 'P730D' }),
      'public',
      [],
    ],
    [
      'classic DAP from US Government',
      { includeDelegatedAdmin: true },
      'usgov',
      ['includeDelegatedAdmin:DAP_NOT_AVAILABLE_IN_CLOUD'],
    ],
    ['granular from Germany', granular(), 'germany', ['delegatedAdmin:DAP_NOT_AVAILABLE_IN_CLOUD']],
    [
      'includeDelegatedAdmin false with roles',
      { ...granular(), includeDelegatedAdmin: false },
      'public',
      ['includeDelegatedAdmin:DELEGATED_ADMIN_CONFLICT'],
    ],
    [
      'no roles',
      granular({ roles: [] }),
      'public',
      ['delegatedAdmin.roles:DELEGATED_ADMIN_ROLES_REQUIRED'],
    ],
    [
      'an unknown role in third place',
      granular({ roles: [USER_ADMIN, LICENSE_ADMIN, UNKNOWN] }),
      'public',
      ['delegatedAdmin.roles[2]:DELEGATED_ADMIN_ROLE_UNKNOWN'],
    ],
    [
      'a duplicate, differing only in case',
      granular({ roles: [USER_ADMIN, USER_ADMIN.toUpperCase()] }),
      'public',
      ['delegatedAdmin.roles[1]:DELEGATED_ADMIN_ROLE_DUPLICATE'],
    ],
    [
      'too long',
      granular({ duration: 'P731D' }),
      'public',
      ['delegatedAdmin.duration:DELEGATED_ADMIN_DURATION_INVALID'],
    ],
    [
      'Global Administrator with auto-extension',
      granular({ roles: [USER_ADMIN, GLOBAL_ADMINISTRATOR_TEMPLATE_ID], autoExtend: true }),
      'public',
      ['delegatedAdmin.autoExtend:DELEGATED_ADMIN_AUTO_EXTEND_NOT_ALLOWED'],
    ],
    [
      'everything wrong at once',
      granular({ roles: [UNKNOWN, UNKNOWN], duration: 'P2Y' }),
      'public',
      [
        'delegatedAdmin.roles[0]:DELEGATED_ADMIN_ROLE_UNKNOWN',
        'delegatedAdmin.roles[1]:DELEGATED_ADMIN_ROLE_UNKNOWN',
        'delegatedAdmin.duration:DELEGATED_ADMIN_DURATION_INVALID',
      ],
    ],
  ])('%s', (_name, choice, cloud, expected) => {
    expect(delegatedAdminIssues(choice, cloud).map((i) => `${i.field}:${i.code}`)).toEqual(
      expected,
    );
  });
});

describe('end and thresholds', () => {
  test('a grant ends its duration in days after it starts', () => {
    expect(delegatedAdminEndsAt(new Date('2026-01-31T10:00:00Z'), 'P30D').toISOString()).toBe(
      '2026-03-02T10:00:00.000Z',
    );
  });

  test('an invalid duration has no end', () => {
    expect(() => delegatedAdminEndsAt(new Date(), 'P0D')).toThrow(RangeError);
  });

  test('expiring starts 30 days before the end', () => {
    expect(expiringFrom(new Date('2026-03-31T00:00:00Z')).toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
  });
});

describe('dueDelegatedAdminChange', () => {
  const END = '2026-06-30T12:00:00.000Z';
  const term = (over: Partial<DelegatedAdminTerm> = {}): DelegatedAdminTerm => ({
    status: 'active',
    endsAt: END,
    autoExtend: false,
    ...over,
  });
  test.each<[string, DelegatedAdminTerm, string, ReturnType<typeof dueDelegatedAdminChange>]>([
    ['well before the end', term(), '2026-05-31T11:59:59Z', undefined],
    ['exactly 30 days before', term(), '2026-05-31T12:00:00Z', { kind: 'expiring' }],
    ['already expiring', term({ status: 'expiring' }), '2026-06-15T00:00:00Z', undefined],
    [
      'auto-extending: never expiring',
      term({ autoExtend: true }),
      '2026-06-15T00:00:00Z',
      undefined,
    ],
    ['at the end', term({ status: 'expiring' }), END, { kind: 'expired' }],
    ['at the end, never marked expiring', term(), '2026-07-02T00:00:00Z', { kind: 'expired' }],
    [
      'at the end, auto-extending',
      term({ autoExtend: true }),
      END,
      { kind: 'extended', endsAt: '2026-12-27T12:00:00.000Z' },
    ],
    [
      'missed runs: extended past now',
      term({ autoExtend: true }),
      '2027-01-01T00:00:00Z',
      { kind: 'extended', endsAt: '2027-06-25T12:00:00.000Z' },
    ],
    ['classic DAP has no end', term({ endsAt: null }), '2099-01-01T00:00:00Z', undefined],
    ['expired stays expired', term({ status: 'expired' }), '2027-01-01T00:00:00Z', undefined],
    ['terminated is left alone', term({ status: 'terminated' }), '2027-01-01T00:00:00Z', undefined],
  ])('%s', (_name, given, now, expected) => {
    expect(dueDelegatedAdminChange(given, new Date(now))).toEqual(expected);
  });
});

describe('classicStateOf', () => {
  test.each([
    ['active', 'active'],
    ['expiring', 'active'],
    ['terminated', 'removed'],
    ['expired', 'none'],
    ['approvalPending', 'none'],
    [null, 'none'],
  ] as const)('%p → %p', (status, state) => {
    expect(classicStateOf(status)).toBe(state);
  });
});
