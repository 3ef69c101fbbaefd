import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { BicepFile, ModuleDeclaration } from './bicepModel';
import { loadBicepFile } from './bicepModel';

/** The entry template and every local module it reaches, keyed by absolute path. */
export interface TemplateSet {
  readonly infraDir: string;
  readonly main: BicepFile;
  readonly files: ReadonlyMap<string, BicepFile>;
}

/** Local module paths only; registry (`br:`, `br/`) and template spec (`ts:`) references are not files. */
export function isRegistryModule(path: string): boolean {
  return /^(br|ts)[:/]/.test(path);
}

export function modulePath(from: BicepFile, module: ModuleDeclaration): string {
  return resolve(dirname(from.path), module.path);
}

export function loadTemplateSet(infraDir: string, entry = 'main.bicep'): TemplateSet {
  const files = new Map<string, BicepFile>();
  const pending = [resolve(infraDir, entry)];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (files.has(path) || !existsSync(path)) continue;
    const file = loadBicepFile(path);
    files.set(path, file);
    for (const module of file.modules) {
      if (!isRegistryModule(module.path)) pending.push(modulePath(file, module));
    }
  }
  const main = files.get(resolve(infraDir, entry));
  if (!main) throw new Error(`No ${entry} in ${infraDir}`);
  return { infraDir: resolve(infraDir), main, files };
}

/** Every `.bicep` file under a directory, recursively. */
export function listBicepFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listBicepFiles(path);
    return entry.name.endsWith('.bicep') ? [path] : [];
  });
}

/** `app/api.bicep:12` style location for messages. */
export function where(set: { readonly infraDir: string }, file: BicepFile, line: number): string {
  return `${relative(set.infraDir, file.path)}:${line}`;
}

/** Resources of one type declared (not just referenced with `existing`) anywhere in the set. */
export function declaredResources(set: TemplateSet, type: string) {
  return [...set.files.values()].flatMap((file) =>
    file.resources
      .filter((resource) => !resource.existing && resource.type === type)
      .map((resource) => ({ file, resource })),
  );
}
