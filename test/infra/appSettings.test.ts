import { join } from 'node:path';
import { APP_SETTINGS } from '../../shared/config/appSettings';
import {
  compareAppSettings,
  describeAppSettingProblems,
  findAppSettings,
  type TemplateAppSetting,
} from './support/appSettingsCheck';
import { sourceText } from './support/bicepModel';
import { INFRA_DIR, withBrokenCopy } from './support/brokenCopy';
import { loadTemplateSet } from './support/templateSet';

function appSettingProblems(infraDir: string): string[] {
  const findings = findAppSettings(loadTemplateSet(infraDir));
  return describeAppSettingProblems(
    findings,
    compareAppSettings(findings.settings, APP_SETTINGS),
    APP_SETTINGS,
  );
}

describe('function app settings (b)', () => {
  const { settings } = findAppSettings(loadTemplateSet(INFRA_DIR));
  const valueOf = (name: string) => {
    const setting = settings.find((candidate) => candidate.name === name);
    if (!setting) throw new Error(`${name} is not set`);
    return sourceText(setting.value);
  };

  it('sets exactly the both/host settings of APP_SETTINGS, and no local-only one', () => {
    expect(appSettingProblems(INFRA_DIR)).toEqual([]);
  });

  it('connects to storage, Cosmos DB and Application Insights with the managed identity', () => {
    expect(valueOf('AzureWebJobsStorage__credential')).toBe('"managedidentity"');
    expect(valueOf('AzureWebJobsStorage__clientId')).toBe('identityClientId');
    expect(valueOf('AZURE_CLIENT_ID')).toBe('identityClientId');
    expect(valueOf('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toBe(
      'Authorization=AAD;ClientId=${identityClientId}',
    );
    expect(valueOf('AzureWebJobsStorage__queueServiceUri')).toBe('storageQueueEndpoint');
    expect(valueOf('AzureWebJobsStorage__blobServiceUri')).toBe('storageBlobEndpoint');
    expect(valueOf('COSMOS_ENDPOINT')).toBe('cosmosEndpoint');
  });

  it('takes the SendGrid key from Key Vault, never as a value', () => {
    expect(valueOf('SENDGRID_API_KEY')).toBe(
      '@Microsoft.KeyVault(SecretUri=${sendGridReferenceUri})',
    );
  });

  it('builds acceptance links on the host name Azure assigned', () => {
    expect(valueOf('PUBLIC_BASE_URL')).toBe('https://${functionApp.properties.defaultHostName}');
  });

  it('reports a setting the template forgot', () => {
    const problems = withBrokenCopy(
      [{ file: 'infra/app/api.bicep', find: /\n\s*COSMOS_ENDPOINT: cosmosEndpoint/, replace: '' }],
      (root) => appSettingProblems(join(root, 'infra')),
    );
    expect(problems).toEqual(['missing app setting COSMOS_ENDPOINT (scope both)']);
  });

  it('reports a local-only setting and an unlisted one', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/app/api.bicep',
          find: '    COSMOS_ENDPOINT: cosmosEndpoint\n',
          replace:
            "    COSMOS_ENDPOINT: cosmosEndpoint\n    COSMOS_KEY: 'x'\n    LEGACY_FEATURE_FLAG: 'on'\n",
        },
      ],
      (root) => appSettingProblems(join(root, 'infra')),
    );
    expect(problems).toEqual([
      'unexpected app setting COSMOS_KEY: scope local, only for the emulators',
      'unexpected app setting LEGACY_FEATURE_FLAG: not in APP_SETTINGS',
    ]);
  });

  it('reads siteConfig.appSettings arrays too, and reports duplicates', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/app/api.bicep',
          find: "      minTlsVersion: '1.2'\n",
          replace:
            "      minTlsVersion: '1.2'\n      appSettings: [\n        { name: 'MCA_TEMPLATE_ID', value: 'x' }\n      ]\n",
        },
      ],
      (root) => appSettingProblems(join(root, 'infra')),
    );
    expect(problems).toEqual(['app setting MCA_TEMPLATE_ID is set more than once']);
  });

  it('compares names only, whatever the values', () => {
    const setting = (name: string): TemplateAppSetting => ({
      name,
      value: { kind: 'null' },
      at: 'x',
    });
    const comparison = compareAppSettings(
      [setting('A'), setting('C')],
      [
        { name: 'A', scope: 'both', required: true, description: '' },
        { name: 'B', scope: 'host', required: false, description: '' },
        { name: 'C', scope: 'local', required: false, description: '' },
      ],
    );
    expect(comparison).toEqual({ missing: ['B'], unexpected: ['C'], duplicated: [] });
  });
});
