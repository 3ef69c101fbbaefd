// Builds the app (tsc for the local tools and tests, then the deployed bundle dist/app/main.js
// and its SDK bundles dist/app/vendor/, tools/bundle.mjs) only when a source is newer than the
// last build or a bundle is missing, so `npm run token`, `npm run demo` and the other local tools
// start in well under a second on a current build.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { bundleApp } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const inputs = ['functions', 'shared', 'local', 'bench'];
const files = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tools/bundle.mjs',
];

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
const bundled = ['main.js', 'vendor'].every((name) =>
  statSync(path.join(root, 'dist', 'app', name), { throwIfNoEntry: false }),
);
if (built < sources || !bundled) {
  process.stderr.write('Building (sources changed since the last build)…\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  await bundleApp();
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

// `--console` (npm start, npm run host): the partner console too, when its sources (or the
// shared domain rules it imports) are newer than its build.
if (process.argv.includes('--console')) {
  const consoleSources = Math.max(
    newest(path.join(root, 'console')),
    newest(path.join(root, 'shared', 'domain')),
    newest(path.join(root, 'package.json')),
  );
  const consoleBuilt = newest(path.join(root, 'dist', 'console', 'index.html'));
  if (consoleBuilt < consoleSources) {
    process.stderr.write('Building the partner console…\n');
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    execFileSync(
      process.execPath,
      [vite, 'build', '--config', 'console/vite.config.mts', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
  }
}
