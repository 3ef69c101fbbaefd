import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const projectRoot = join(__dirname, '..', '..', '..');

/**
 * Builds the partner console from the current sources into a fresh folder (a few seconds), so
 * browser tests never run against a stale `dist/console`.
 */
export function buildConsole(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'console-build-'));
  execFileSync(
    join(projectRoot, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'console/vite.config.mts', '--outDir', outDir, '--logLevel', 'error'],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return outDir;
}
