import { LOCALES } from '../../../shared/domain/cloud';
import {
  CLASSIC_DAP_ROLES,
  ENTRA_ROLES,
  entraRole,
  GDAP_TASK_TEMPLATES,
} from '../../../shared/domain/entraRoles';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the Entra role catalogue', () => {
  test('every role has a lower-case template id, unique, and text in every locale', () => {
    const ids = ENTRA_ROLES.map((role) => role.templateId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const role of ENTRA_ROLES) {
      expect(role.templateId).toMatch(GUID);
      for (const locale of LOCALES) {
        expect(role.name[locale].trim()).not.toBe('');
        expect(role.description[locale].trim()).not.toBe('');
      }
    }
  });

  test('looks roles up by template id, whatever the case', () => {
    expect(entraRole('62E90394-69F5-4237-9190-012177145E10')?.name['en-US']).toBe(
      'Global Administrator',
    );
    expect(entraRole('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  test('the classic DAP roles are Global Administrator and Helpdesk Administrator', () => {
    expect(CLASSIC_DAP_ROLES.map((id) => entraRole(id)?.name['en-US'])).toEqual([
      'Global Administrator',
      'Helpdesk Administrator',
    ]);
  });

  test('every task template names known roles, none of them Global Administrator', () => {
    const ids = GDAP_TASK_TEMPLATES.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of GDAP_TASK_TEMPLATES) {
      expect(template.roles.length).toBeGreaterThan(0);
      for (const role of template.roles) {
        expect(entraRole(role)).toBeDefined();
        expect(role).not.toBe(CLASSIC_DAP_ROLES[0]);
      }
    }
  });
});
