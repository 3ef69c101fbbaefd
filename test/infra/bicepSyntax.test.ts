import { join, relative } from 'node:path';
import { loadBicepFile } from './support/bicepModel';
import { INFRA_DIR, withBrokenCopy } from './support/brokenCopy';
import { listBicepFiles } from './support/templateSet';

/** file:line of every place tree-sitter could not parse, for every .bicep under a directory. */
function syntaxErrorsUnder(infraDir: string): string[] {
  return listBicepFiles(infraDir).flatMap((path) =>
    loadBicepFile(path).syntaxErrors.map(
      (error) => `${relative(infraDir, path)}:${error.line}:${error.column} ${error.text}`,
    ),
  );
}

describe('Bicep syntax (a)', () => {
  it('finds the entry template and the modules split by concern', () => {
    const names = listBicepFiles(INFRA_DIR)
      .map((path) => relative(INFRA_DIR, path))
      .sort();
    expect(names).toEqual([
      'app/api.bicep',
      'app/cosmos.bicep',
      'app/identity.bicep',
      'app/keyvault.bicep',
      'app/monitoring.bicep',
      'app/rbac.bicep',
      'app/storage.bicep',
      'main.bicep',
    ]);
  });

  it('parses every .bicep under infra/ without error or missing nodes', () => {
    expect(syntaxErrorsUnder(INFRA_DIR)).toEqual([]);
  });

  it('reports a syntax error with the file and line it is on', () => {
    const errors = withBrokenCopy(
      [
        {
          file: 'infra/app/storage.bicep',
          find: '    allowSharedKeyAccess: false\n',
          replace: '    allowSharedKeyAccess: \n',
        },
      ],
      (root) => syntaxErrorsUnder(join(root, 'infra')),
    );
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith('app/storage.bicep:'))).toBe(true);
  });

  it('reports a syntax the offline parser does not support, such as the spread operator', () => {
    const errors = withBrokenCopy(
      [
        {
          file: 'infra/main.bicep',
          find: 'var tags = {\n',
          replace: "var tags = {\n  ...{ a: 'b' }\n",
        },
      ],
      (root) => syntaxErrorsUnder(join(root, 'infra')),
    );
    expect(errors.some((error) => error.startsWith('main.bicep:'))).toBe(true);
  });
});
