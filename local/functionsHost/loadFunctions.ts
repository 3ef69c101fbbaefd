import { readFileSync, readdirSync, statSync } from 'node:fs';
import Module from 'node:module';
import { isAbsolute, join, posix, resolve } from 'node:path';
import {
  captureRegistrations,
  getRegistrations,
  replayRegistrations,
  type FunctionRegistration,
  type RegistrySnapshot,
} from './functionsCore';

const CORE_MODULE_NAME = '@azure/functions-core';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
let hookInstalled = false;
const registeredByFile = new Map<string, RegistrySnapshot>();

/**
 * Makes `require('@azure/functions-core')` resolve to the local registry in plain node, where
 * no Functions worker provides it. Must run before the first `app.*` call: `@azure/functions`
 * looks the module up once and remembers a miss, after which `app.http` only prints a "test
 * mode" warning and registers nothing. Idempotent. (Under jest, moduleNameMapper does this.)
 */
export function installFunctionsCoreHook(): void {
  if (hookInstalled) return;
  const corePath = require.resolve('./functionsCore');
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function resolveWithFunctionsCore(
    this: unknown,
    request: string,
    ...rest: unknown[]
  ): string {
    return request === CORE_MODULE_NAME ? corePath : original.call(this, request, ...rest);
  };
  hookInstalled = true;
}

/**
 * Expands a package.json "main" like `dist/functions/*.js` (or a single file) the way the Functions host does for
 * the v4 model. Only a `*` in the last path segment is supported (enough for this layout, and no
 * glob dependency); anything fancier fails loudly instead of loading a surprising set of files.
 */
export function resolveMainGlob(projectRoot: string, pattern: string): string[] {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const directory = posix.dirname(normalized);
  const fileName = posix.basename(normalized);
  if (/[*?[\]{}]/.test(directory) || /[?[\]{}]/.test(fileName)) {
    throw new Error(
      `package.json main "${pattern}": only "*" in the last path segment is supported locally`,
    );
  }
  const absoluteDirectory = resolve(projectRoot, directory);
  let files: string[];
  if (!fileName.includes('*')) {
    files = [join(absoluteDirectory, fileName)];
  } else {
    const matcher = new RegExp(
      `^${fileName
        .split('*')
        .map((piece) => piece.replace(/[.+^${}()|\\]/g, '\\$&'))
        .join('[^/]*')}$`,
    );
    let entries: string[] = [];
    try {
      entries = readdirSync(absoluteDirectory);
    } catch {
      // A missing directory is reported below as "matches no file".
    }
    files = entries
      .filter((entry) => matcher.test(entry))
      .map((entry) => join(absoluteDirectory, entry))
      .sort();
  }
  const existing = files.filter((path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
  if (existing.length === 0) {
    throw new Error(
      `package.json main "${pattern}" matches no file under ${projectRoot} (run "npm run build" first?)`,
    );
  }
  return existing;
}

/**
 * The function files in source. package.json "main" is the deployed bundle (dist/app/main.js,
 * tools/bundle.mjs), whose entry requires exactly these files in name order; tests under ts-jest
 * load them instead.
 */
export const FUNCTION_SOURCES = 'functions/*.ts';

export interface LoadFunctionAppOptions {
  /** Load the TypeScript sources (FUNCTION_SOURCES) instead of "main" (only under ts-jest). */
  readonly useSource?: boolean;
  /** Use this pattern instead of package.json "main". */
  readonly main?: string;
  /** Load exactly these files (relative to projectRoot or absolute); overrides "main". */
  readonly files?: readonly string[];
}

export interface LoadedFunctionApp {
  readonly files: readonly string[];
  /** Every registration known after loading, including earlier ones. */
  readonly registrations: readonly FunctionRegistration[];
}

function isFileList(value: LoadFunctionAppOptions | readonly string[]): value is readonly string[] {
  return Array.isArray(value);
}

function readMainPattern(projectRoot: string): string {
  const packageJsonPath = join(projectRoot, 'package.json');
  const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { main?: unknown };
  if (typeof packageJson.main !== 'string' || packageJson.main === '') {
    throw new Error(
      `${packageJsonPath} has no "main"; the Functions host needs it to find functions`,
    );
  }
  return packageJson.main;
}

function requireFunctionFile(file: string): void {
  let added: RegistrySnapshot;
  try {
    added = captureRegistrations(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the paths are computed; under jest this must be jest's require
      require(file);
    });
  } catch (error) {
    throw new Error(`Loading function file ${file} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const earlier = registeredByFile.get(file);
  if (earlier && added.registrations.length === 0 && added.hooks.length === 0) {
    // Already in the module cache: registrations were reset since, so bring them back.
    replayRegistrations(earlier);
  } else {
    registeredByFile.set(file, added);
  }
}

/**
 * Requires the app's function files, as the Functions host does at start-up, so their
 * `app.*` calls register into the local registry. Loading the real files (not a list kept in
 * sync by hand) is what makes the local stack run exactly what Azure will. A list of files may
 * be passed instead of options. Calling it again after resetRegistrations() restores the
 * registrations of files Node has cached.
 */
export function loadFunctionApp(
  projectRoot: string,
  optionsOrFiles: LoadFunctionAppOptions | readonly string[] = {},
): LoadedFunctionApp {
  installFunctionsCoreHook();
  const options: LoadFunctionAppOptions = isFileList(optionsOrFiles)
    ? { files: optionsOrFiles }
    : optionsOrFiles;
  let files: string[];
  if (options.files) {
    files = options.files.map((file) => (isAbsolute(file) ? file : resolve(projectRoot, file)));
  } else {
    const main = options.useSource
      ? FUNCTION_SOURCES
      : (options.main ?? readMainPattern(projectRoot));
    files = resolveMainGlob(projectRoot, main);
  }
  for (const file of files) {
    requireFunctionFile(file);
  }
  return { files, registrations: getRegistrations() };
}
