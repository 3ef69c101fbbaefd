// Builds the app (tsc) only when a source is newer than the last build, so `npm run token`,
// `npm run demo` and the other local tools start in well under a second on a current build.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['functions', 'shared', 'local'];
const files = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(entry) {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newest(path.join(entry, name))), 0);
}

const sources = Math.max(
  ...inputs.map((dir) => newest(path.join(root, dir))),
  ...files.map((file) => newest(path.join(root, file))),
);
const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built >= sources) {
  process.exit(0);
}
process.stderr.write('Building (sources changed since the last build)…\n');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
mkdirSync(path.dirname(stamp), { recursive: true });
writeFileSync(stamp, `${new Date().toISOString()}\n`);
