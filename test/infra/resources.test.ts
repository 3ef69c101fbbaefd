import { QUEUES } from '../../shared/queue/messageQueue';
import { propertyAt, sourceText, toPlain } from './support/bicepModel';
import { INFRA_DIR } from './support/brokenCopy';
import { loopBindings, resolveText } from './support/resolveText';
import { declaredResources, loadTemplateSet } from './support/templateSet';

const set = loadTemplateSet(INFRA_DIR);

/** The one declaration of a type, as plain values (expressions as `{ $expr }`). */
function only(type: string) {
  const found = declaredResources(set, type);
  expect(found.map(({ resource }) => resource.symbol)).toHaveLength(1);
  return found[0]!;
}
const plainBody = (type: string) => toPlain(only(type).resource.body);

const moduleParam = (symbol: string, param: string) => {
  const module = set.main.modules.find((candidate) => candidate.symbol === symbol);
  const value = propertyAt(module?.body, `params.${param}`);
  return value && sourceText(value);
};

describe('deployed resources', () => {
  it('runs the app as the one user-assigned identity that the roles are granted to', () => {
    only('Microsoft.ManagedIdentity/userAssignedIdentities');
    expect(moduleParam('rbac', 'principalId')).toBe('identity.outputs.principalId');
    expect(moduleParam('api', 'identityId')).toBe('identity.outputs.id');
    expect(moduleParam('api', 'identityClientId')).toBe('identity.outputs.clientId');
  });

  it('hosts the functions on a Flex Consumption plan, Node 22, deployed from blob storage with the identity', () => {
    expect(plainBody('Microsoft.Web/serverfarms')).toMatchObject({
      sku: { tier: 'FlexConsumption', name: 'FC1' },
      properties: { reserved: true },
    });
    expect(plainBody('Microsoft.Web/sites')).toMatchObject({
      kind: 'functionapp,linux',
      identity: { type: 'UserAssigned' },
      properties: {
        httpsOnly: true,
        keyVaultReferenceIdentity: { $expr: 'identityId' },
        functionAppConfig: {
          runtime: { name: 'node', version: '22' },
          deployment: {
            storage: {
              type: 'blobContainer',
              value: { $expr: '${storageBlobEndpoint}${deploymentContainerName}' },
              authentication: {
                type: 'UserAssignedIdentity',
                userAssignedIdentityResourceId: { $expr: 'identityId' },
              },
            },
          },
          scaleAndConcurrency: {
            instanceMemoryMB: { $expr: 'instanceMemoryMB' },
            maximumInstanceCount: { $expr: 'maximumInstanceCount' },
          },
        },
      },
    });
  });

  it('tags the function app for the azd service api', () => {
    const tags = propertyAt(only('Microsoft.Web/sites').resource.body, 'tags');
    expect(tags && sourceText(tags)).toMatch(/'azd-service-name': 'api'/);
  });

  it('hosts the partner console on a Free Static Web App that azd deploys as the service console', () => {
    const { resource } = only('Microsoft.Web/staticSites');
    expect(toPlain(resource.body)).toMatchObject({
      sku: { name: 'Free', tier: 'Free' },
      properties: { provider: 'Custom' },
    });
    const tags = propertyAt(resource.body, 'tags');
    expect(tags && sourceText(tags)).toMatch(/'azd-service-name': 'console'/);
    expect(moduleParam('console', 'location')).toBe('consoleLocation');
  });

  it("lets browsers call the API from the console's https origin only, without credentials", () => {
    const { file, resource } = only('Microsoft.Web/sites');
    const cors = propertyAt(resource.body, 'properties.siteConfig.cors');
    expect(toPlain(cors)).toEqual({
      allowedOrigins: [{ $expr: 'consoleOrigin' }],
      supportCredentials: false,
    });
    expect(file.params.find((param) => param.name === 'consoleOrigin')?.defaultValue).toBe(
      undefined,
    );
    expect(moduleParam('api', 'consoleOrigin')).toBe('consoleOrigin');
    const origin = set.main.variables.find((variable) => variable.name === 'consoleOrigin');
    expect(resolveText(origin?.value, set.main)).toBe(
      'https://{module:console.outputs.defaultHostname}',
    );
    const consoleFile = [...set.files.values()].find((candidate) =>
      candidate.path.endsWith('console.bicep'),
    )!;
    const hostname = consoleFile.outputs.find((output) => output.name === 'defaultHostname');
    expect(hostname && toPlain(hostname.value)).toEqual({
      $expr: 'staticSite.properties.defaultHostname',
    });
  });

  it('gives the console its sign-in settings as outputs, on the sign-in host of the cloud deployed to', () => {
    const outputs = Object.fromEntries(
      set.main.outputs.map((output) => [output.name, resolveText(output.value, set.main)]),
    );
    expect(outputs).toMatchObject({
      API_BASE_URL: '{module:api.outputs.baseUrl}',
      CONSOLE_URL: 'https://{module:console.outputs.defaultHostname}',
    });
    const source = (name: string) => {
      const output = set.main.outputs.find((candidate) => candidate.name === name);
      return output && sourceText(output.value);
    };
    expect(source('CONSOLE_AUTHORITY')).toBe('${signInHost}organizations/v2.0');
    expect(source('CONSOLE_API_SCOPE')).toBe('${apiResource}/access_as_user');
    expect(source('CONSOLE_SIGN_IN_CLIENT_ID')).toBe(
      'empty(consoleClientId) ? authAudience : consoleClientId',
    );
  });

  it('turns shared keys and public blob access off on the storage account', () => {
    expect(plainBody('Microsoft.Storage/storageAccounts')).toMatchObject({
      properties: {
        allowSharedKeyAccess: false,
        allowBlobPublicAccess: false,
        minimumTlsVersion: 'TLS1_2',
        supportsHttpsTrafficOnly: true,
      },
    });
    const containers = declaredResources(
      set,
      'Microsoft.Storage/storageAccounts/blobServices/containers',
    ).map(({ resource }) => toPlain(resource.body));
    expect(containers).toEqual([
      expect.objectContaining({
        name: { $expr: 'deploymentContainerName' },
        properties: { publicAccess: 'None' },
      }),
      // The audit archive (shared/services/auditRetention.ts), under the name the app is given.
      expect.objectContaining({ name: 'audit-archive', properties: { publicAccess: 'None' } }),
    ]);
  });

  it('creates the queues the code uses and their poison queues', () => {
    const { file, resource } = only('Microsoft.Storage/storageAccounts/queueServices/queues');
    const bindings =
      resource.loop && loopBindings(resource.loop.source, resource.loop.itemName, file);
    const names = (bindings ?? []).map((binding) =>
      resolveText(propertyAt(resource.body, 'name'), file, binding),
    );
    const expected = Object.values(QUEUES).flatMap((queue) => [queue, `${queue}-poison`]);
    expect(names.sort()).toEqual(expected.sort());
    expect(expected).toEqual(
      expect.arrayContaining([
        'invitation-email',
        'invitation-email-poison',
        'relationship-activation',
        'relationship-activation-poison',
      ]),
    );
  });

  it('creates the Cosmos DB account without keys and the one container on /pk', () => {
    expect(plainBody('Microsoft.DocumentDB/databaseAccounts')).toMatchObject({
      kind: 'GlobalDocumentDB',
      properties: { disableLocalAuth: true, disableKeyBasedMetadataWriteAccess: true },
    });
    expect(
      plainBody('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers'),
    ).toMatchObject({
      properties: {
        resource: {
          partitionKey: { paths: ['/pk'], kind: 'Hash' },
          indexingPolicy: {
            indexingMode: 'consistent',
            includedPaths: [{ path: '/*' }],
            excludedPaths: [{ path: '/draft/*' }, { path: '/secrets/*' }, { path: '/"_etag"/?' }],
          },
        },
      },
    });
    expect(moduleParam('cosmos', 'databaseName')).toBe('cosmosDatabaseName');
    expect(moduleParam('cosmos', 'containerName')).toBe('cosmosContainerName');
    const defaults = Object.fromEntries(
      set.main.params.map((param) => [param.name, toPlain(param.defaultValue)]),
    );
    expect(defaults).toMatchObject({
      cosmosDatabaseName: 'reseller',
      cosmosContainerName: 'items',
    });
  });

  it('disables local authentication on Application Insights and sends it to Log Analytics', () => {
    expect(plainBody('Microsoft.Insights/components')).toMatchObject({
      properties: { DisableLocalAuth: true, WorkspaceResourceId: { $expr: 'logAnalytics.id' } },
    });
    only('Microsoft.OperationalInsights/workspaces');
  });

  it('keeps every secret in an RBAC-mode Key Vault, each from a @secure() parameter', () => {
    const vault = plainBody('Microsoft.KeyVault/vaults') as { properties: Record<string, unknown> };
    expect(vault).toMatchObject({ properties: { enableRbacAuthorization: true } });
    expect(vault.properties).not.toHaveProperty('accessPolicies');
    const secrets = declaredResources(set, 'Microsoft.KeyVault/vaults/secrets');
    const values = secrets.map(({ resource }) =>
      toPlain(propertyAt(resource.body, 'properties.value')),
    );
    expect(values).toEqual([
      { $expr: 'sendGridApiKey' },
      { $expr: 'authClientSecret' },
      { $expr: 'sessionSecret' },
    ]);
    for (const name of ['sendGridApiKey', 'authClientSecret', 'sessionSecret']) {
      expect(secrets[0]!.file.params.find((param) => param.name === name)?.secure).toBe(true);
      expect(set.main.params.find((param) => param.name === name)).toMatchObject({ secure: true });
    }
  });

  it('defaults the per-deployment parameters as the design says', () => {
    const defaults = Object.fromEntries(
      set.main.params.map((param) => [param.name, toPlain(param.defaultValue)]),
    );
    expect(defaults).toMatchObject({
      // The sign-in host of the cloud deployed to: https://login.microsoftonline.com/ in public.
      authIssuer: { $expr: '${environment().authentication.loginEndpoint}{tid}/v2.0' },
      authJwksUri: {
        $expr: '${environment().authentication.loginEndpoint}common/discovery/v2.0/keys',
      },
      authAuthority: { $expr: 'environment().authentication.loginEndpoint' },
      invitationLifetimeDays: 90,
      portalUrlPublic: expect.stringMatching(
        /partnerId=\{partnerTenantId\}&msppId=0&DAP=\{dap\}#\/BillingAccounts\/partner-invitation$/,
      ),
      portalUrlGermany: expect.stringContaining(
        'https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}',
      ),
      portalUrlUsgov: expect.stringContaining(
        'https://portal.office365.us/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}',
      ),
    });
    for (const required of [
      'environmentName',
      'location',
      'sendGridApiKey',
      'mailFromAddress',
      'authAudience',
    ]) {
      expect({ required, default: defaults[required] }).toEqual({ required, default: undefined });
    }
  });
});
