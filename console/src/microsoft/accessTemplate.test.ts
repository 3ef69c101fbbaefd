import { describe, expect, it } from 'vitest';
import { ENTRA_ROLES } from '../../../shared/domain/entraRoles';
import { editorKeyOf, templateBody, templateErrors } from './accessTemplate';

const ROLE = ENTRA_ROLES.find(
  (role) => role.templateId !== '62e90394-69f5-4237-9190-012177145e10',
)!.templateId;
const GROUP = '0f6b7c3e-2d1a-4b5c-8e9f-112233445566';
const row = { groupId: GROUP, groupName: 'Helpdesk', roles: [ROLE] };

describe('templateErrors', () => {
  it('accepts a complete row', () => {
    expect(templateErrors([row])).toEqual({});
  });

  it.each([
    [{ ...row, groupId: 'helpdesk' }, { '0.groupId': 'groupId' }],
    [{ ...row, groupName: '  ' }, { '0.groupName': 'groupName' }],
    [{ ...row, roles: [] }, { '0.roles': 'roles' }],
    [{ ...row, roles: ['00000000-0000-0000-0000-000000000000'] }, { '0.roles': 'roles' }],
  ])('names the bad field of %o', (bad, expected) => {
    expect(templateErrors([bad])).toEqual(expected);
  });

  it('finds a group listed twice, in any case', () => {
    expect(templateErrors([row, { ...row, groupId: GROUP.toUpperCase() }])).toEqual({
      '1.groupId': 'duplicate',
    });
  });

  it('refuses more than 20 groups', () => {
    const rows = Array.from({ length: 21 }, (_, i) => ({
      ...row,
      groupId: `0f6b7c3e-2d1a-4b5c-8e9f-${String(i).padStart(12, '0')}`,
    }));
    expect(templateErrors(rows).template).toBe('tooMany');
  });
});

describe('templateBody', () => {
  it('trims, lower-cases ids and lists each role once', () => {
    expect(
      templateBody([
        { groupId: ` ${GROUP.toUpperCase()} `, groupName: ' Helpdesk ', roles: [ROLE, ROLE] },
      ]),
    ).toEqual({ assignments: [{ groupId: GROUP, groupName: 'Helpdesk', roles: [ROLE] }] });
  });
});

describe('editorKeyOf', () => {
  it.each([
    ['assignments[2].roles', '2.roles'],
    ['assignments[0].groupId', '0.groupId'],
    ['assignments[1].roles[0]', '1.roles'],
    ['assignments', undefined],
  ])('%s → %s', (field, key) => {
    expect(editorKeyOf(field)).toBe(key);
  });
});
