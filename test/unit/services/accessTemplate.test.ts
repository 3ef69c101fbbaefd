import { templateIssues } from '../../../shared/services/accessTemplate';

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const group = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the access template rules', () => {
  test('known roles on distinct groups pass', () => {
    expect(
      templateIssues([
        { groupId: group(1), groupName: 'A', roles: [USER_ADMIN] },
        { groupId: group(2), groupName: 'B', roles: [USER_ADMIN.toUpperCase()] },
      ]),
    ).toEqual([]);
  });

  test('Global Administrator, an unknown role, a repeated group (any case) and too many groups are named', () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => ({
      groupId: group(i + 10),
      groupName: `G${i}`,
      roles: [USER_ADMIN],
    }));
    expect(
      templateIssues([
        { groupId: group(1), groupName: 'A', roles: [GLOBAL_ADMIN] },
        { groupId: group(1).toUpperCase(), groupName: 'B', roles: [USER_ADMIN, group(99)] },
        ...tooMany,
      ]).map((issue) => [issue.field, issue.code]),
    ).toEqual([
      ['assignments', 'ACCESS_TEMPLATE_TOO_MANY_GROUPS'],
      ['assignments[0].roles[0]', 'ACCESS_TEMPLATE_ROLE_UNKNOWN'],
      ['assignments[1].groupId', 'ACCESS_TEMPLATE_GROUP_DUPLICATE'],
      ['assignments[1].roles[1]', 'ACCESS_TEMPLATE_ROLE_UNKNOWN'],
    ]);
  });
});
