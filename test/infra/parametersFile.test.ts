import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBicepFile } from './support/bicepModel';
import { INFRA_DIR, withBrokenCopy, type Mutation } from './support/brokenCopy';
import { undocumentedVariables } from './support/deployGuideCheck';
import { checkParametersFile, environmentReferences } from './support/parametersFileCheck';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const parametersProblems = (infraDir: string) =>
  checkParametersFile(
    readJson(join(infraDir, 'main.parameters.json')),
    loadBicepFile(join(infraDir, 'main.bicep')),
  );

const problemsAfter = (mutations: readonly Mutation[]) =>
  withBrokenCopy(mutations, (root) => parametersProblems(join(root, 'infra')));

describe('main.parameters.json (g)', () => {
  const parametersFile = readJson(join(INFRA_DIR, 'main.parameters.json'));
  const main = loadBicepFile(join(INFRA_DIR, 'main.bicep'));
  const references = environmentReferences(parametersFile);

  it('maps every main.bicep param, and only those', () => {
    expect(parametersProblems(INFRA_DIR)).toEqual([]);
  });

  it('feeds each param from one azd environment variable, the standard ones for name and region', () => {
    for (const [param, variables] of references)
      expect({ param, variables }).toEqual({ param, variables: [expect.any(String)] });
    expect(references.get('environmentName')).toEqual(['AZURE_ENV_NAME']);
    expect(references.get('location')).toEqual(['AZURE_LOCATION']);
  });

  it('documents every environment variable in the README Deploy section, with the template default', () => {
    const guide = deploySection(readFileSync(join(INFRA_DIR, '..', 'README.md'), 'utf8'));
    expect(undocumentedVariables(guide, references, main)).toEqual([]);
  });

  it('reports a default that changed in main.bicep but not in the README', () => {
    const problems = withBrokenCopy(
      [
        {
          file: 'infra/main.bicep',
          find: 'param invitationLifetimeDays int = 90',
          replace: 'param invitationLifetimeDays int = 30',
        },
      ],
      (root) => {
        const infraDir = join(root, 'infra');
        return undocumentedVariables(
          deploySection(readFileSync(join(root, 'README.md'), 'utf8')),
          environmentReferences(readJson(join(infraDir, 'main.parameters.json'))),
          loadBicepFile(join(infraDir, 'main.bicep')),
        );
      },
    );
    expect(problems).toEqual(['INVITATION_LIFETIME_DAYS: the guide does not show the default 30']);
  });

  it('reports an entry main.bicep does not declare, and the param it was meant for', () => {
    expect(
      problemsAfter([
        { file: 'infra/main.parameters.json', find: '"mailFromName"', replace: '"mailSenderName"' },
      ]),
    ).toEqual([
      'parameters file sets mailSenderName, which main.bicep does not declare',
      'main.bicep param mailFromName is not in the parameters file',
    ]);
  });

  it('reports a literal secret', () => {
    expect(
      problemsAfter([
        {
          file: 'infra/main.parameters.json',
          find: '"${SENDGRID_API_KEY}"',
          replace: '"SG.not-a-real-key"',
        },
      ]),
    ).toEqual([
      'parameters file gives @secure() param sendGridApiKey a literal; use ${ENV_VAR} or a Key Vault reference',
    ]);
  });
});

/** The README's Deploy section: the operators' guide the parameters must match. */
function deploySection(readme: string): string {
  const start = readme.indexOf('\n## Deploy');
  if (start < 0) throw new Error('README.md has no "## Deploy" section');
  const next = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, next < 0 ? undefined : next);
}
