import { describe, expect, test } from 'vitest';
import {
  autoExtendAllowed,
  DEFAULT_GRANULAR,
  delegatedAdminFields,
  endsAtIfApproved,
  templateRoles,
  toggledRole,
} from './delegatedAdminChoice';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

describe('the request form’s admin privileges', () => {
  test('none and classic send includeDelegatedAdmin; granular sends delegatedAdmin alone', () => {
    const choice = { roles: [USER_ADMIN], days: ' 90 ', autoExtend: true };
    expect(delegatedAdminFields(false, 'granular', choice)).toEqual({
      includeDelegatedAdmin: false,
    });
    expect(delegatedAdminFields(true, 'classic', choice)).toEqual({ includeDelegatedAdmin: true });
    expect(delegatedAdminFields(true, 'granular', choice)).toEqual({
      delegatedAdmin: { roles: [USER_ADMIN], duration: 'P90D', autoExtend: true },
    });
  });

  test('choosing Global Administrator turns auto-extension off', () => {
    const extending = { ...DEFAULT_GRANULAR, roles: [USER_ADMIN], autoExtend: true };
    const withAdmin = toggledRole(extending, GLOBAL_ADMIN, true);
    expect(withAdmin).toMatchObject({ roles: [USER_ADMIN, GLOBAL_ADMIN], autoExtend: false });
    expect(autoExtendAllowed(withAdmin.roles)).toBe(false);
    expect(toggledRole(withAdmin, GLOBAL_ADMIN, false).roles).toEqual([USER_ADMIN]);
  });

  test('task templates give their roles; the end date follows the days', () => {
    expect(templateRoles('users-and-licenses')).toContain(USER_ADMIN);
    expect(templateRoles('nope')).toEqual([]);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(endsAtIfApproved('31', now)?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(endsAtIfApproved('731', now)).toBeUndefined();
    expect(endsAtIfApproved('', now)).toBeUndefined();
  });
});
