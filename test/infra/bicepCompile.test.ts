import { join } from 'node:path';
import { describeDiagnostic, locateBicepCli, runBicep, type BicepRun } from './support/bicepCli';
import { INFRA_DIR, withBrokenCopy } from './support/brokenCopy';

/*
 * The real Bicep compiler and linter (tools/bicep.mjs restores them from NuGet). They check what
 * the offline tree-sitter checks cannot: property names and types against the resource type
 * definitions of each API version, expressions, module wiring, and the linter's rules. Every
 * warning counts: Bicep reports a wrong resource property or value as a warning, not an error.
 * A warning that is right to keep is suppressed in the template with `#disable-next-line <rule>`
 * and a comment saying why.
 *
 * Where no .NET SDK is present these tests are skipped, loudly; CI sets REQUIRE_BICEP_COMPILE=1
 * (.ci/run), so there a missing compiler fails.
 */

const COMPILE_TIMEOUT_MS = 120_000;
const cli = locateBicepCli();
const compileRequired = process.env.REQUIRE_BICEP_COMPILE === '1';

const findings = (run: BicepRun) => [
  ...run.diagnostics.map(describeDiagnostic),
  ...run.otherOutput,
];

describe('Bicep compiler and linter (real CLI)', () => {
  if ('missing' in cli) {
    if (compileRequired) {
      it('compiles infra/ (REQUIRE_BICEP_COMPILE=1)', () => {
        throw new Error(`infra/ cannot be compiled here: ${cli.missing}`);
      });
    } else {
      const rule = '!'.repeat(78);
      console.warn(`${rule}\n! infra/ NOT COMPILED, Bicep tests SKIPPED: ${cli.missing}\n${rule}`);
      it.skip(`compiles and lints infra/ (skipped: ${cli.missing})`, () => undefined);
    }
    return;
  }
  const bicep = cli.path;

  it(
    'builds main.bicep into a subscription-scope ARM template with no error or warning',
    () => {
      const run = runBicep(bicep, ['build', 'main.bicep', '--stdout'], INFRA_DIR);
      expect(findings(run)).toEqual([]);
      expect(run.status).toBe(0);
      const template = JSON.parse(run.stdout) as {
        $schema: string;
        outputs: Record<string, unknown>;
      };
      expect(template.$schema).toMatch(/\/subscriptionDeploymentTemplate\.json#$/);
      // azd reads these after provisioning (README: `azd env get-values`).
      expect(Object.keys(template.outputs)).toEqual(
        expect.arrayContaining([
          'AZURE_RESOURCE_GROUP',
          'AZURE_FUNCTION_APP_NAME',
          'API_BASE_URL',
          // tools/writeConsoleConfig.mjs writes the console's config.json from these.
          'CONSOLE_URL',
          'CONSOLE_AUTHORITY',
          'CONSOLE_SIGN_IN_CLIENT_ID',
          'CONSOLE_API_SCOPE',
        ]),
      );
    },
    COMPILE_TIMEOUT_MS,
  );

  it(
    'lints every .bicep file under infra/, reached from main.bicep or not, with no finding',
    () => {
      const run = runBicep(bicep, ['lint', '--pattern', '**/*.bicep'], INFRA_DIR);
      expect(findings(run)).toEqual([]);
      expect(run.status).toBe(0);
    },
    COMPILE_TIMEOUT_MS,
  );

  it(
    'reports the defects the offline checks leave to it: module wiring, secure params, property names',
    () => {
      const run = withBrokenCopy(
        [
          { file: 'infra/main.bicep', find: '    planName: ', replace: '    plnaName: ' },
          {
            file: 'infra/main.bicep',
            find: 'cosmosAccountName: cosmos.outputs.accountName',
            replace: 'cosmosAccountName: cosmos.outputs.name',
          },
          {
            file: 'infra/main.bicep',
            find: "module identity './app/identity.bicep'",
            replace: [
              "module shared 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {",
              "  name: 'shared'",
              '  scope: rg',
              '}',
              "module identity './app/identity.bicep'",
            ].join('\n'),
          },
          {
            file: 'infra/main.bicep',
            find: 'param sendGridApiKey string',
            replace: "param sendGridApiKey string = 'changeme'",
          },
          {
            file: 'infra/main.bicep',
            find: 'output AZURE_LOCATION string = location',
            replace:
              "output AZURE_LOCATION string = location\noutput LEAK string = 'key: ${sendGridApiKey}'",
          },
          {
            file: 'infra/app/storage.bicep',
            find: 'allowSharedKeyAccess: false',
            replace: 'allowSharedKeyAcess: false',
          },
        ],
        (root) => runBicep(bicep, ['lint', 'main.bicep'], join(root, 'infra')),
      );
      const reported = run.diagnostics.map(({ file, level, code }) => `${file} ${level} ${code}`);
      expect(reported).toEqual(
        expect.arrayContaining([
          'main.bicep Error BCP089', // plnaName is not a param of the module
          'main.bicep Error BCP035', // so the required planName is missing
          'main.bicep Error BCP053', // the module has no such output
          'main.bicep Error BCP190', // a registry module, never restored here
          'main.bicep Warning secure-parameter-default',
          'main.bicep Warning outputs-should-not-contain-secrets',
          'app/storage.bicep Warning BCP089', // not a property of the storage account
        ]),
      );
      expect(run.status).not.toBe(0);
    },
    COMPILE_TIMEOUT_MS,
  );
});
