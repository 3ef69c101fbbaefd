import type { BicepFile, ResourceDeclaration } from './bicepModel';
import { propertyAt } from './bicepModel';
import { resolveText, resourceOfMarker } from './resolveText';
import type { TemplateSet } from './templateSet';
import { where } from './templateSet';

/** Azure RBAC (`Microsoft.Authorization/roleAssignments`) or Cosmos DB's own data-plane RBAC. */
export type RoleSystem = 'azure' | 'cosmosSql';

export interface RoleAssignmentFact {
  readonly at: string;
  readonly symbol: string;
  readonly system: RoleSystem;
  /** The role definition GUID, when it can be read from the template. */
  readonly roleId?: string;
  /** The resolved roleDefinitionId text, for messages. */
  readonly roleDefinition: string;
  /** Resource type the assignment is scoped to, or `resourceGroup` / `subscription`. */
  readonly scope: string;
  readonly principal: string;
}

export interface ExpectedRole {
  readonly role: string;
  readonly system: RoleSystem;
  readonly roleId: string;
  readonly scope: string;
}

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Every role assignment declared anywhere in the template set, with role id and scope folded. */
export function findRoleAssignments(set: TemplateSet): RoleAssignmentFact[] {
  const facts: RoleAssignmentFact[] = [];
  for (const file of set.files.values()) {
    for (const resource of file.resources) {
      if (resource.existing) continue;
      if (resource.type === 'Microsoft.Authorization/roleAssignments') {
        facts.push(azureAssignment(set, file, resource));
      }
      if (resource.type === 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments') {
        facts.push(cosmosAssignment(set, file, resource));
      }
    }
  }
  return facts;
}

function azureAssignment(
  set: TemplateSet,
  file: BicepFile,
  resource: ResourceDeclaration,
): RoleAssignmentFact {
  const roleDefinition = resolveText(
    propertyAt(resource.body, 'properties.roleDefinitionId'),
    file,
  );
  const scopeValue = propertyAt(resource.body, 'scope');
  let scope = file.targetScope;
  if (scopeValue !== undefined) {
    const resolved = resolveText(scopeValue, file);
    const target = resourceOfMarker(resolved);
    scope = target && target.rest === '' ? target.type : resolved;
  }
  const roleId = roleDefinition.includes('Microsoft.Authorization/roleDefinitions/')
    ? GUID.exec(roleDefinition)?.[1]?.toLowerCase()
    : undefined;
  return {
    at: where(set, file, resource.line),
    symbol: resource.symbol,
    system: 'azure',
    ...(roleId ? { roleId } : {}),
    roleDefinition,
    scope,
    principal: resolveText(propertyAt(resource.body, 'properties.principalId'), file),
  };
}

function cosmosAssignment(
  set: TemplateSet,
  file: BicepFile,
  resource: ResourceDeclaration,
): RoleAssignmentFact {
  const roleDefinition = resolveText(
    propertyAt(resource.body, 'properties.roleDefinitionId'),
    file,
  );
  const scopeText = resolveText(propertyAt(resource.body, 'properties.scope'), file);
  const scopeTarget = resourceOfMarker(scopeText);
  // Cosmos role definitions live under the account: `<account id>/sqlRoleDefinitions/<guid>`.
  const definitionTarget = resourceOfMarker(roleDefinition);
  const underAccount =
    definitionTarget?.type === 'Microsoft.DocumentDB/databaseAccounts' &&
    /^\/sqlRoleDefinitions\/[^/]+$/.test(definitionTarget.rest);
  const roleId = underAccount ? GUID.exec(roleDefinition)?.[1]?.toLowerCase() : undefined;
  return {
    at: where(set, file, resource.line),
    symbol: resource.symbol,
    system: 'cosmosSql',
    ...(roleId ? { roleId } : {}),
    roleDefinition,
    scope: scopeTarget ? `${scopeTarget.type}${scopeTarget.rest}` : scopeText,
    principal: resolveText(propertyAt(resource.body, 'properties.principalId'), file),
  };
}

/**
 * Problems with the assignments: unknown or unreadable role ids, a known role in the wrong
 * system or at the wrong scope, an expected role that is not assigned, more than one principal,
 * and custom role definitions.
 */
export function checkRoleAssignments(
  set: TemplateSet,
  facts: readonly RoleAssignmentFact[],
  expected: readonly ExpectedRole[],
): string[] {
  const problems: string[] = [];
  for (const fact of facts) {
    if (fact.roleId === undefined) {
      problems.push(
        `${fact.at} ${fact.symbol}: role definition id not readable (${fact.roleDefinition})`,
      );
      continue;
    }
    const role = expected.find((candidate) => candidate.roleId === fact.roleId);
    if (!role) {
      problems.push(`${fact.at} ${fact.symbol}: unexpected role ${fact.roleId}`);
      continue;
    }
    if (role.system !== fact.system) {
      problems.push(`${fact.at} ${fact.symbol}: ${role.role} must be a ${role.system} assignment`);
    }
    if (role.scope !== fact.scope) {
      problems.push(
        `${fact.at} ${fact.symbol}: ${role.role} scoped to ${fact.scope}, expected ${role.scope}`,
      );
    }
  }
  for (const role of expected) {
    const count = facts.filter((fact) => fact.roleId === role.roleId).length;
    if (count === 0) problems.push(`role ${role.role} (${role.roleId}) is not assigned`);
    if (count > 1) problems.push(`role ${role.role} is assigned ${count} times`);
  }
  const principals = [...new Set(facts.map((fact) => fact.principal))];
  if (principals.length > 1) {
    problems.push(
      `roles go to ${principals.length} principals (${principals.join(', ')}), expected one identity`,
    );
  }
  for (const file of set.files.values()) {
    for (const resource of file.resources) {
      if (resource.existing) continue;
      if (/\/(roleDefinitions|sqlRoleDefinitions)$/.test(resource.type)) {
        problems.push(
          `${where(set, file, resource.line)} ${resource.symbol}: defines a custom role (${resource.type})`,
        );
      }
    }
  }
  return problems;
}
