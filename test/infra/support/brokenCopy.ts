import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const INFRA_DIR = join(REPO_ROOT, 'infra');

/** One textual edit to a copied file, relative to the repository root. */
export interface Mutation {
  readonly file: string;
  readonly find: string | RegExp;
  readonly replace: string;
}

/**
 * Runs `check` on a temporary copy of azure.yaml, package.json, README.md and infra/ with the mutations
 * applied, then deletes the copy. A mutation that matches nothing throws, so a test can never pass
 * because its defect was not actually introduced.
 */
export function withBrokenCopy<T>(mutations: readonly Mutation[], check: (root: string) => T): T {
  const root = mkdtempSync(join(tmpdir(), 'infra-check-'));
  try {
    cpSync(INFRA_DIR, join(root, 'infra'), { recursive: true });
    copyFileSync(join(REPO_ROOT, 'azure.yaml'), join(root, 'azure.yaml'));
    copyFileSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
    copyFileSync(join(REPO_ROOT, 'README.md'), join(root, 'README.md'));
    for (const mutation of mutations) {
      const path = join(root, mutation.file);
      const before = readFileSync(path, 'utf8');
      const after = before.replace(mutation.find, mutation.replace);
      if (after === before)
        throw new Error(`mutation of ${mutation.file} matched nothing: ${String(mutation.find)}`);
      writeFileSync(path, after);
    }
    return check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
