import { spawnSync } from 'node:child_process';
import path from 'node:path';

/*
 * The layers of shared/ are an ESLint rule (eslint.config.mjs, `LAYERS`). These run the real
 * ESLint on a piece of code as if it stood at a given path, so the rule is shown to refuse an
 * upward import and to let a downward one through.
 */
const root = path.resolve(__dirname, '../..');
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');

function lint(filePath: string, code: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [eslintBin, '--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the layers of shared/', () => {
  it('refuses a service importing the composition root', () => {
    const result = lint(
      'shared/services/upwardFixture.ts',
      "import { appServices } from '../app/appServices';\nexport const services = appServices;\n",
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('no-restricted-imports');
    expect(result.output).toContain('shared/services may import only');
  });

  it('refuses a service importing the HTTP layer for its errors', () => {
    const result = lint(
      'shared/services/upwardFixture.ts',
      "import { toProblemBody } from '../http/problem';\nexport const render = toProblemBody;\n",
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('no-restricted-imports');
  });

  it('refuses the domain importing the store, and shared/ importing the function files', () => {
    const store = lint(
      'shared/domain/upwardFixture.ts',
      "import type { InvitationDocument } from '../store/documents';\nexport type D = InvitationDocument;\n",
    );
    expect(store.status).toBe(1);
    expect(store.output).toContain('shared/domain may import only itself');
    const entry = lint(
      'shared/app/upwardFixture.ts',
      "import * as health from '../../functions/health';\nexport const h = health;\n",
    );
    expect(entry.status).toBe(1);
    expect(entry.output).toContain('does not import the entry layer');
  });

  it('lets a service import the domain error vocabulary and the store', () => {
    const result = lint(
      'shared/services/downwardFixture.ts',
      "import { notFound } from '../domain/problem';\nimport { partitionKeys } from '../store/documents';\nexport const both = [notFound, partitionKeys];\n",
    );
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
