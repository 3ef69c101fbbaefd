import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Local tools run both from `local/` (ts-jest) and from `dist/local/` (compiled), so paths
 * such as `.local/` and `local.settings.json` are resolved from the nearest folder that holds
 * `package.json` rather than from a fixed number of `..`.
 */
export function findProjectRoot(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No package.json found in ${startDir} or any folder above it`);
    }
    dir = parent;
  }
}
