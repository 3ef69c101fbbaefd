import { join } from 'node:path';
import { INFRA_DIR, withBrokenCopy, type Mutation } from './support/brokenCopy';
import { findSecretProblems } from './support/secretCheck';
import { loadTemplateSet } from './support/templateSet';

const secretProblemsAfter = (mutations: readonly Mutation[]) =>
  withBrokenCopy(mutations, (root) => findSecretProblems(loadTemplateSet(join(root, 'infra'))));

const at = (file: string, message: string) =>
  expect.stringMatching(new RegExp(`^${file.replace(/[./]/g, '\\$&')}:\\d+ ${message}`));

describe('no keys or secrets in the templates (d)', () => {
  it('has no key-returning calls, key properties, credential literals or exposed secure params', () => {
    expect(findSecretProblems(loadTemplateSet(INFRA_DIR))).toEqual([]);
  });

  it('reports listKeys() and an AccountKey= connection string', () => {
    const problems = secretProblemsAfter([
      {
        file: 'infra/app/storage.bicep',
        find: 'output name string = account.name',
        replace:
          "output name string = account.name\noutput cs string = 'DefaultEndpointsProtocol=https;AccountName=${account.name};AccountKey=${account.listKeys().keys[0].value}'",
      },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        at('app/storage.bicep', 'calls listKeys\\(\\), which returns keys'),
        at('app/storage.bicep', 'literal looks like an AccountKey= connection string'),
        at('app/storage.bicep', 'reads the key property keys'),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('reports a Cosmos DB primaryMasterKey read and site connection strings', () => {
    const problems = secretProblemsAfter([
      {
        file: 'infra/app/cosmos.bicep',
        find: 'output accountName string = account.name',
        replace:
          'output accountName string = account.name\noutput k string = account.properties.primaryMasterKey',
      },
      {
        file: 'infra/app/api.bicep',
        find: "      minTlsVersion: '1.2'\n",
        replace: "      minTlsVersion: '1.2'\n      connectionStrings: []\n",
      },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        at('app/cosmos.bicep', 'reads the key property primaryMasterKey'),
        at('app/api.bicep', 'sets connectionStrings; use identity-based app settings'),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('reports hard-coded secret-looking strings', () => {
    // Assembled at run time so no key-shaped literal sits in the repository itself.
    const storageKey = `${'Ab3d'.repeat(21)}Xy==`;
    const sendGridKey = ['SG', 'x'.repeat(22), 'Y'.repeat(43)].join('.');
    const problems = secretProblemsAfter([
      {
        file: 'infra/app/api.bicep',
        find: '    MCA_TEMPLATE_ID: mcaTemplateId\n',
        replace: `    MCA_TEMPLATE_ID: mcaTemplateId\n    X: '${sendGridKey}'\n    Y: '${storageKey}'\n`,
      },
    ]);
    expect(problems).toEqual([
      at('app/api.bicep', 'literal looks like a SendGrid API key'),
      at('app/api.bicep', 'literal looks like a base64 key'),
    ]);
  });

  it('reports a @secure() value passed to a module param that is not @secure()', () => {
    // The compiler and linter accept it; the module's deployment would record the key in clear.
    const problems = secretProblemsAfter([
      { file: 'infra/app/keyvault.bicep', find: '@secure()\n', replace: '' },
    ]);
    expect(problems).toEqual([
      at(
        'main.bicep',
        'passes a @secure\\(\\) value to ./app/keyvault.bicep param sendGridApiKey, which is not @secure\\(\\)',
      ),
    ]);
  });

  it('ignores credentials mentioned in comments', () => {
    const problems = secretProblemsAfter([
      {
        file: 'infra/app/storage.bicep',
        find: '// Storage for',
        replace: '// Never AccountKey= or listKeys() here.\n// Storage for',
      },
    ]);
    expect(problems).toEqual([]);
  });
});
