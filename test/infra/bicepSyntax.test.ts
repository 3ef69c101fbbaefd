import { join, relative } from 'node:path';
import { loadBicepFile } from './support/bicepModel';
import { INFRA_DIR, withBrokenCopy } from './support/brokenCopy';
import { listBicepFiles } from './support/templateSet';

/*
 * Whether a template is valid Bicep is the compiler's to say (bicepCompile.test.ts). This file
 * checks that the offline checks can read every template: they work on tree-sitter-bicep's parse
 * tree, which lags behind the language (no spread `...`, no `resourceInput<>`), and a part it
 * cannot parse would silently escape them.
 */

/** file:line of every place tree-sitter could not parse, for every .bicep under a directory. */
function syntaxErrorsUnder(infraDir: string): string[] {
  return listBicepFiles(infraDir).flatMap((path) =>
    loadBicepFile(path).syntaxErrors.map(
      (error) => `${relative(infraDir, path)}:${error.line}:${error.column} ${error.text}`,
    ),
  );
}

describe('templates the offline checks can read (a)', () => {
  it('finds the entry template and the modules split by concern', () => {
    const names = listBicepFiles(INFRA_DIR)
      .map((path) => relative(INFRA_DIR, path))
      .sort();
    expect(names).toEqual([
      'app/alerts.bicep',
      'app/api.bicep',
      'app/console.bicep',
      'app/cosmos.bicep',
      'app/identity.bicep',
      'app/keyvault.bicep',
      'app/monitoring.bicep',
      'app/rbac.bicep',
      'app/storage.bicep',
      'app/workbook.bicep',
      'main.bicep',
    ]);
  });

  it('parses every .bicep under infra/ with tree-sitter, without error or missing nodes', () => {
    expect(syntaxErrorsUnder(INFRA_DIR)).toEqual([]);
  });

  it('reports syntax tree-sitter does not support, such as the spread operator, with its file', () => {
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
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith('main.bicep:'))).toBe(true);
  });
});
