import { entraRole, GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from '../domain/entraRoles';
import { ProblemError, type FieldError } from '../domain/problem';
import type { GdapWaitingFor } from '../domain/gdapTracking';
import {
  partitionKeys,
  relationshipId,
  type AccessTemplateDocument,
  type RelationshipDocument,
} from '../store/documents';
import type { Dependencies } from './dependencies';

/** A partner's template holds at most this many groups. */
export const ACCESS_TEMPLATE_MAX_GROUPS = 20;

export interface AccessTemplateEntry {
  readonly groupId: string;
  readonly groupName: string;
  readonly roles: readonly string[];
}

export interface AccessTemplateView {
  readonly assignments: readonly AccessTemplateEntry[];
  readonly updatedAt: string | null;
}

const TEMPLATE_ID = 'accessTemplate';

/** The partner's group → roles template; empty until an Admin agent saves one. */
export async function readAccessTemplate(
  deps: Dependencies,
  partnerTenantId: string,
): Promise<AccessTemplateView> {
  const doc = await deps.store.read<AccessTemplateDocument>(
    partitionKeys.partner(partnerTenantId),
    TEMPLATE_ID,
  );
  return doc === undefined
    ? { assignments: [], updatedAt: null }
    : { assignments: doc.assignments, updatedAt: doc.updatedAt };
}

/**
 * Replaces the partner's template. Each role must be a known Microsoft Entra built-in role
 * other than Global Administrator (GDAP never grants it), each group listed once; a bad entry
 * is a 422 naming its field and nothing is saved. It applies to relationships as they become
 * active; relationships already settled keep their assignments.
 */
export async function saveAccessTemplate(
  deps: Dependencies,
  partnerTenantId: string,
  assignments: readonly AccessTemplateEntry[],
  actor: string,
): Promise<AccessTemplateView> {
  const errors = templateIssues(assignments);
  if (errors.length > 0) {
    throw new ProblemError({
      status: 422,
      code: errors[0]!.code,
      title: 'The access template is not valid',
      detail: errors.map((error) => `${error.field}: ${error.message}`).join(' '),
      errors,
    });
  }
  const pk = partitionKeys.partner(partnerTenantId);
  const at = deps.now().toISOString();
  const doc: AccessTemplateDocument = {
    id: TEMPLATE_ID,
    pk,
    type: 'accessTemplate',
    partnerTenantId,
    assignments: assignments.map((entry) => ({
      groupId: entry.groupId.toLowerCase(),
      groupName: entry.groupName.trim(),
      roles: [...new Set(entry.roles.map((role) => role.toLowerCase()))],
    })),
    updatedAt: at,
    updatedBy: actor,
  };
  // Last writer wins: the template is one Admin agent's edit of the whole list.
  const existing = await deps.store.read<AccessTemplateDocument>(pk, TEMPLATE_ID);
  const saved =
    existing === undefined
      ? await deps.store.create(doc)
      : await deps.store.replace(doc, existing._etag!);
  return { assignments: saved.assignments, updatedAt: saved.updatedAt };
}

/** What is wrong with a template, field by field (pure). */
export function templateIssues(assignments: readonly AccessTemplateEntry[]): FieldError[] {
  const errors: FieldError[] = [];
  if (assignments.length > ACCESS_TEMPLATE_MAX_GROUPS) {
    errors.push({
      field: 'assignments',
      code: 'ACCESS_TEMPLATE_TOO_MANY_GROUPS',
      message: `At most ${ACCESS_TEMPLATE_MAX_GROUPS} groups.`,
    });
  }
  const seen = new Set<string>();
  assignments.forEach((entry, index) => {
    const group = entry.groupId.toLowerCase();
    if (seen.has(group)) {
      errors.push({
        field: `assignments[${index}].groupId`,
        code: 'ACCESS_TEMPLATE_GROUP_DUPLICATE',
        message: 'This group is listed twice.',
      });
    }
    seen.add(group);
    entry.roles.forEach((role, roleIndex) => {
      const known = entraRole(role);
      if (known === undefined || role.toLowerCase() === GLOBAL_ADMINISTRATOR_TEMPLATE_ID) {
        errors.push({
          field: `assignments[${index}].roles[${roleIndex}]`,
          code: 'ACCESS_TEMPLATE_ROLE_UNKNOWN',
          message:
            known === undefined
              ? 'Not a Microsoft Entra built-in role this service knows.'
              : 'Global Administrator cannot be granted through granular admin privileges.',
        });
      }
    });
  });
  return errors;
}

export interface DelegatedAdminAccessView {
  readonly relationship: { graphId: string; status: string; checkedAt: string } | null;
  readonly waitingFor: GdapWaitingFor | null;
  readonly assignments: ReadonlyArray<{
    groupId: string;
    groupName: string;
    roles: readonly string[];
    status: string;
    detail?: string;
  }>;
}

/**
 * Which of the partner's groups hold which roles in one customer's tenant, and what is still
 * pending: the template's groups, each with its assignment as Graph last said (`notCreated`
 * until the relationship is active). Another partner's customer is a 404.
 */
export async function delegatedAdminAccess(
  deps: Dependencies,
  partnerTenantId: string,
  customerId: string,
): Promise<DelegatedAdminAccessView | undefined> {
  const pk = partitionKeys.partner(partnerTenantId);
  const [relationship, template] = await Promise.all([
    deps.store.read<RelationshipDocument>(pk, relationshipId(customerId)),
    readAccessTemplate(deps, partnerTenantId),
  ]);
  if (relationship === undefined) return undefined;
  const gdap = relationship.gdap;
  const tracked = gdap?.assignments ?? [];
  const assignments = template.assignments.map((entry) => {
    const found = tracked.find((a) => a.groupId.toLowerCase() === entry.groupId.toLowerCase());
    return found === undefined
      ? {
          groupId: entry.groupId,
          groupName: entry.groupName,
          roles: entry.roles,
          status: 'notCreated',
        }
      : {
          groupId: found.groupId,
          groupName: entry.groupName,
          roles: found.roles,
          status: found.status,
          ...(found.detail === undefined ? {} : { detail: found.detail }),
        };
  });
  // Groups assigned in Graph that have since left the template are still shown: they hold roles.
  for (const extra of tracked) {
    if (!assignments.some((a) => a.groupId.toLowerCase() === extra.groupId.toLowerCase())) {
      assignments.push({
        groupId: extra.groupId,
        groupName: extra.groupName,
        roles: extra.roles,
        status: extra.status,
        ...(extra.detail === undefined ? {} : { detail: extra.detail }),
      });
    }
  }
  return {
    relationship:
      gdap === undefined
        ? null
        : { graphId: gdap.graphId, status: gdap.status, checkedAt: gdap.checkedAt },
    waitingFor: gdap?.waitingFor ?? null,
    assignments,
  };
}
