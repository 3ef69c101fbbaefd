import { ENTRA_ROLES } from '../../../shared/domain/entraRoles';
import type { AccessTemplate, AccessTemplateEntry, DelegatedAdminAccess } from '../api/schemas';

/** One security group of the partner and the roles it gets in each customer's tenant. */
export type TemplateAssignment = AccessTemplateEntry;

export type { AccessTemplate };

/** `GET /api/customers/{id}/delegated-admin/access`. */
export type CustomerAccess = DelegatedAdminAccess;

export const MAX_TEMPLATE_GROUPS = 20;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN_ROLES = new Set(ENTRA_ROLES.map((role) => role.templateId));

export type TemplateError = 'groupId' | 'groupName' | 'roles' | 'duplicate' | 'tooMany';

/**
 * What is wrong with each row before it is sent (the API checks the same, and its answer is
 * shown too): keys are `<row>.<field>`, with `template` for the list as a whole.
 */
export function templateErrors(rows: readonly TemplateAssignment[]): Record<string, TemplateError> {
  const errors: Record<string, TemplateError> = {};
  if (rows.length > MAX_TEMPLATE_GROUPS) errors.template = 'tooMany';
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const id = row.groupId.trim().toLowerCase();
    if (!GUID.test(id)) errors[`${index}.groupId`] = 'groupId';
    else if (seen.has(id)) errors[`${index}.groupId`] = 'duplicate';
    seen.add(id);
    if (row.groupName.trim() === '') errors[`${index}.groupName`] = 'groupName';
    if (row.roles.length === 0 || row.roles.some((role) => !KNOWN_ROLES.has(role))) {
      errors[`${index}.roles`] = 'roles';
    }
  });
  return errors;
}

/** The `PUT` body: trimmed, ids in lower case, each role once. */
export function templateBody(rows: readonly TemplateAssignment[]): {
  assignments: TemplateAssignment[];
} {
  return {
    assignments: rows.map((row) => ({
      groupId: row.groupId.trim().toLowerCase(),
      groupName: row.groupName.trim(),
      roles: [...new Set(row.roles)],
    })),
  };
}

/** The API's field of a problem (`assignments[2].roles`) as the editor's key (`2.roles`). */
export function editorKeyOf(field: string): string | undefined {
  const match = /^assignments\[(\d+)\]\.(groupId|groupName|roles)/.exec(field);
  return match === null ? undefined : `${match[1]}.${match[2]}`;
}
