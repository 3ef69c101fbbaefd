import { join } from 'node:path';
import { INFRA_DIR, withBrokenCopy } from './support/brokenCopy';
import {
  checkRoleAssignments,
  findRoleAssignments,
  type ExpectedRole,
} from './support/roleAssignmentCheck';
import { loadTemplateSet } from './support/templateSet';

/**
 * The only roles the app's identity may hold. Ids checked against Microsoft's built-in role lists
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles and, for Cosmos DB's
 * data-plane roles, .../cosmos-db/nosql/security/reference-data-plane-roles).
 */
const EXPECTED_ROLES: readonly ExpectedRole[] = [
  {
    role: 'Cosmos DB Built-in Data Contributor',
    system: 'cosmosSql',
    roleId: '00000000-0000-0000-0000-000000000002',
    scope: 'Microsoft.DocumentDB/databaseAccounts',
  },
  {
    role: 'Storage Queue Data Contributor',
    system: 'azure',
    roleId: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
    scope: 'Microsoft.Storage/storageAccounts',
  },
  {
    // Account scope: the Functions host keeps leases, timers and keys in containers of its own
    // beside the deployment container (see infra/app/rbac.bicep).
    role: 'Storage Blob Data Owner',
    system: 'azure',
    roleId: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    scope: 'Microsoft.Storage/storageAccounts',
  },
  {
    role: 'Key Vault Secrets User',
    system: 'azure',
    roleId: '4633458b-17de-408a-b874-0445c86b69e6',
    scope: 'Microsoft.KeyVault/vaults',
  },
  {
    role: 'Monitoring Metrics Publisher',
    system: 'azure',
    roleId: '3913510d-42f4-4e42-8a64-420c390055eb',
    scope: 'Microsoft.Insights/components',
  },
];

function roleProblems(infraDir: string): string[] {
  const set = loadTemplateSet(infraDir);
  return checkRoleAssignments(set, findRoleAssignments(set), EXPECTED_ROLES);
}

describe('role assignments (c)', () => {
  it('grants each expected role once, at its scope, to the one identity, and nothing else', () => {
    expect(roleProblems(INFRA_DIR)).toEqual([]);
  });

  it('reads every assignment with its role id, scope and principal', () => {
    const facts = findRoleAssignments(loadTemplateSet(INFRA_DIR));
    expect(facts.map(({ roleId, scope, principal }) => ({ roleId, scope, principal }))).toEqual(
      expect.arrayContaining(
        EXPECTED_ROLES.map(({ roleId, scope }) => ({
          roleId,
          scope,
          principal: '{param:principalId}',
        })),
      ),
    );
    expect(facts).toHaveLength(EXPECTED_ROLES.length);
  });

  it('reports an unknown role id', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/app/rbac.bicep',
          find: "'3913510d-42f4-4e42-8a64-420c390055eb'",
          replace: "'b24988ac-6180-42a0-ab88-20f7382dd24c'",
        },
      ],
      (root) => roleProblems(join(root, 'infra')),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^app\/rbac\.bicep:\d+ metricsPublisher: unexpected role b24988ac-6180-42a0-ab88-20f7382dd24c$/,
      ),
      'role Monitoring Metrics Publisher (3913510d-42f4-4e42-8a64-420c390055eb) is not assigned',
    ]);
  });

  it('reports a role at the wrong scope', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/app/rbac.bicep',
          find: '  name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)\n  scope: vault\n',
          replace: '  name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)\n',
        },
      ],
      (root) => roleProblems(join(root, 'infra')),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^app\/rbac\.bicep:\d+ secretsUser: Key Vault Secrets User scoped to resourceGroup, expected Microsoft\.KeyVault\/vaults$/,
      ),
    ]);
  });

  it('reports a Cosmos DB role definition that is not under the account', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/app/rbac.bicep',
          find: "roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'",
          replace: 'roleDefinitionId: cosmosDataContributorRoleId',
        },
      ],
      (root) => roleProblems(join(root, 'infra')),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^app\/rbac\.bicep:\d+ cosmosDataContributor: role definition id not readable \(00000000-0000-0000-0000-000000000002\)$/,
      ),
      'role Cosmos DB Built-in Data Contributor (00000000-0000-0000-0000-000000000002) is not assigned',
    ]);
  });

  it('reports a second principal and a custom role definition', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/app/rbac.bicep',
          find: '    principalId: principalId\n    principalType',
          replace: "    principalId: 'someone-else'\n    principalType",
        },
        {
          file: 'infra/app/rbac.bicep',
          find: '// Azure built-in roles',
          replace:
            "resource custom 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid('custom')\n  properties: {}\n}\n\n// Azure built-in roles",
        },
      ],
      (root) => roleProblems(join(root, 'infra')),
    );
    expect(problems).toEqual([
      'roles go to 2 principals (someone-else, {param:principalId}), expected one identity',
      expect.stringMatching(
        /^app\/rbac\.bicep:\d+ custom: defines a custom role \(Microsoft\.Authorization\/roleDefinitions\)$/,
      ),
    ]);
  });
});
