import {
  ENTRA_ROLE_TABLE,
  GDAP_TASK_TEMPLATE_TABLE,
  type EntraRole,
  type GdapTaskTemplate,
} from './entraRoles.data';

export type { EntraRole, GdapTaskTemplate };

export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';
export const HELPDESK_ADMINISTRATOR_TEMPLATE_ID = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

/**
 * What the classic checkbox (`includeDelegatedAdmin: true`) grants, as DAP always did: the
 * partner's admin agents act as Global Administrator and its helpdesk agents as Helpdesk
 * Administrator in the customer's tenant, with no end date.
 */
export const CLASSIC_DAP_ROLES: readonly string[] = [
  GLOBAL_ADMINISTRATOR_TEMPLATE_ID,
  HELPDESK_ADMINISTRATOR_TEMPLATE_ID,
];

/** Every role the service offers, in the catalogue's order. */
export const ENTRA_ROLES: readonly EntraRole[] = ENTRA_ROLE_TABLE;

/** The task templates offered on the request form. */
export const GDAP_TASK_TEMPLATES: readonly GdapTaskTemplate[] = GDAP_TASK_TEMPLATE_TABLE;

const BY_TEMPLATE_ID = new Map(ENTRA_ROLE_TABLE.map((role) => [role.templateId, role]));

/** The catalogue's role for a template id (compared case-insensitively, as GUIDs are). */
export function entraRole(templateId: string): EntraRole | undefined {
  return BY_TEMPLATE_ID.get(templateId.toLowerCase());
}
