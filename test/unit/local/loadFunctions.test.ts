import { resolve } from 'node:path';
import { resolveMainGlob } from '../../../local/functionsHost/loadFunctions';

const projectRoot = resolve(__dirname, '..', '..', '..');

describe('resolveMainGlob', () => {
  it('expands "*" in the last segment to the sorted matching files', () => {
    const files = resolveMainGlob(projectRoot, 'test/fixtures/functionApp/*.ts');
    expect(files.map((file) => file.slice(projectRoot.length + 1))).toEqual([
      'test/fixtures/functionApp/acceptance.ts',
      'test/fixtures/functionApp/editDraft.ts',
      'test/fixtures/functionApp/queueFunctions.ts',
    ]);
  });

  it('matches only the given extension and prefix', () => {
    const files = resolveMainGlob(projectRoot, './test/fixtures/functionApp/queue*.ts');
    expect(files).toEqual([resolve(projectRoot, 'test/fixtures/functionApp/queueFunctions.ts')]);
  });

  it('accepts a single file without a wildcard', () => {
    expect(resolveMainGlob(projectRoot, 'test/fixtures/functionAppRecorder.ts')).toHaveLength(1);
  });

  it('fails, suggesting a build, when nothing matches', () => {
    expect(() => resolveMainGlob(projectRoot, 'no-such-dir/*.js')).toThrow(
      /matches no file.*npm run build/,
    );
    expect(() => resolveMainGlob(projectRoot, 'test/fixtures/functionApp/*.js')).toThrow(
      /matches no file/,
    );
  });

  it.each(['dist/**/*.js', 'dist/*/index.js', 'dist/functions/{a,b}.js', 'dist/functions/?.js'])(
    'refuses the unsupported pattern %j',
    (pattern) => {
      expect(() => resolveMainGlob(projectRoot, pattern)).toThrow(
        /only "\*" in the last path segment/,
      );
    },
  );
});
