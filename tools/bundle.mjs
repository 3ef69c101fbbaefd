// Bundles the function app into what is deployed: dist/app/main.js (package.json "main"), and
// beside it, in dist/app/vendor/, one bundle per SDK the app requires only when a function first
// uses it. Every file has an external source map. The entry of main.js requires every
// functions/*.ts in name order, as the Functions host would load dist/functions/*.js, so a new
// function file is in the bundle without a list to keep in sync.
//
// One bundle for the app rather than one per function file: the worker loads every file "main"
// matches before its first request, whichever function that request is for, so per-file bundles
// would each carry (and load) their own copy of the shared code and SDKs (see README,
// Performance). The SDKs a function may not need are required lazily (shared/app/appServices.ts,
// shared/domain/draftHtml.ts); inside one file V8 would still parse their code when the worker
// loads it, so they are bundled on their own and main.js requires them on first use.
//
// Usage: node tools/bundle.mjs [--outdir <dir>]   (default dist/app, relative to the repository)
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Not bundled: `@azure/functions-core` is not a package on npm; the Functions worker provides it
 * at run time (the local host resolves it to its own registry).
 */
export const EXTERNAL = ['@azure/functions-core'];

/**
 * The SDKs the app requires only where a function uses them, each bundled into
 * `vendor/<name>.js`. main.js (and a vendor bundle that needs another, as @sendgrid/mail needs
 * @sendgrid/client) requires that file instead of the package, when the importing module first
 * runs. Only the bare package name is redirected: a deep import (`pkg/sub`) is bundled where it
 * is imported.
 */
export const VENDOR_PACKAGES = [
  '@azure/cosmos',
  '@azure/identity',
  '@azure/storage-queue',
  '@azure/storage-blob',
  '@sendgrid/client',
  '@sendgrid/mail',
  '@sendgrid/eventwebhook',
  'sanitize-html',
  'jose',
  'openid-client',
  // Telemetry: the OpenTelemetry SDK with the Azure Monitor exporter in Azure, its console
  // exporters locally (shared/telemetry/startTelemetry.ts); none loads when nothing is exported.
  '@azure/monitor-opentelemetry-exporter',
  '@opentelemetry/core',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/sdk-logs',
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/resources',
  '@microsoft/microsoft-graph-client',
  'undici',
];

/**
 * SDKs whose bundle holds only the names the app's sources import from them (`importedNames`),
 * not all they export: esbuild then leaves out what those names do not reach. Only SDKs that no
 * other vendored SDK imports (that one would need the rest) and that the app imports by name.
 * The Cosmos bundle went from 695 to 528 kB: 10-12 ms less of a new worker's first request
 * (README, Performance). @azure/storage-queue was tried and gained 2 kB: its client reaches
 * nearly all of it.
 */
export const TRIMMED_VENDOR_PACKAGES = ['@azure/cosmos'];

/** The TypeScript files the deployed bundle is built from. */
function appSourceFiles() {
  return ['functions', 'shared'].flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
}

/**
 * The names functions/ and shared/ import from `packageName` as values (`import { A, B }`),
 * sorted; undefined when a file uses the package any other way (a namespace or default import,
 * a re-export, `require` or `import()`), which needs all of it.
 */
export function importedNames(packageName) {
  const names = new Set();
  const quoted = `['"]${packageName.replace(/[/.]/g, '\\$&')}['"]`;
  const dynamic = new RegExp(`\\b(require|import)\\s*\\(\\s*${quoted}\\s*\\)`);
  for (const file of appSourceFiles()) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(packageName)) continue;
    if (dynamic.test(text)) return undefined;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const from = statement.moduleSpecifier;
      if (from === undefined || !ts.isStringLiteral(from) || from.text !== packageName) continue;
      if (ts.isExportDeclaration(statement)) return undefined;
      const clause = statement.importClause;
      if (!ts.isImportDeclaration(statement) || clause === undefined) return undefined;
      if (clause.isTypeOnly) continue;
      if (clause.name !== undefined) return undefined;
      const bindings = clause.namedBindings;
      if (bindings === undefined || !ts.isNamedImports(bindings)) return undefined;
      for (const element of bindings.elements) {
        if (!element.isTypeOnly) names.add((element.propertyName ?? element.name).text);
      }
    }
  }
  return [...names].sort();
}

/** `@azure/cosmos` → `azure-cosmos.js` */
export function vendorFileName(packageName) {
  return `${packageName.replace(/^@/, '').replace('/', '-')}.js`;
}

/**
 * The entry of a vendor bundle: an SDK with an ES module build is bundled from it (`export *`;
 * scope-hoisted, it is about half the size of its CommonJS build, which wraps every file);
 * a CommonJS-only one as `require(name)` returns it, a default export (sanitize-html's function)
 * included. A package in TRIMMED_VENDOR_PACKAGES exports only the names the app imports.
 */
function vendorEntry(packageName) {
  const manifest = JSON.parse(
    readFileSync(
      createRequire(path.join(root, 'package.json')).resolve(`${packageName}/package.json`),
      'utf8',
    ),
  );
  const esm =
    manifest.type === 'module' ||
    manifest.module !== undefined ||
    manifest.exports?.['.']?.import !== undefined;
  const names = TRIMMED_VENDOR_PACKAGES.includes(packageName)
    ? importedNames(packageName)
    : undefined;
  if (esm && names !== undefined && names.length > 0) {
    return `export { ${names.join(', ')} } from ${JSON.stringify(packageName)};`;
  }
  return esm
    ? `export * from ${JSON.stringify(packageName)};`
    : `module.exports = require(${JSON.stringify(packageName)});`;
}

/** Resolves the vendored packages (other than `own`) to their bundle, `from` the importing file. */
function vendorPackages(from, own) {
  const names = VENDOR_PACKAGES.filter((name) => name !== own);
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'vendor-packages',
    setup(build) {
      build.onResolve({ filter }, (args) => ({
        path: `${from}${vendorFileName(args.path)}`,
        external: true,
      }));
    },
  };
}

/** What every bundle shares: Node 20, CommonJS, a linked external map, licences beside it. */
const common = {
  bundle: true,
  platform: 'node',
  // A package's ES module build before its CommonJS one (esbuild's default for Node is the
  // reverse) where it has one and no export map decides: esbuild drops what nothing imports
  // only from ES modules. The OpenTelemetry SDK bundles shrank to a third (each carried all
  // 172 kB of @opentelemetry/semantic-conventions from its CommonJS build).
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  // Linked external map (`//# sourceMappingURL=<file>.map`): Node's --enable-source-maps and
  // Application Insights stack traces point at the TypeScript sources and the SDKs' files.
  sourcemap: 'linked',
  // Whitespace and syntax only: names stay, so stack traces read even without the map.
  minifyWhitespace: true,
  minifySyntax: true,
  external: EXTERNAL,
  tsconfig: path.join(root, 'tsconfig.build.json'),
  logLevel: 'warning',
  legalComments: 'linked',
  metafile: true,
  // SDKs built as ES modules find their own files with import.meta.url (the Azure Monitor
  // distro reads its optional JSON config that way), which a CommonJS bundle has not: give
  // them the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
};

export function functionEntryFiles() {
  return readdirSync(path.join(root, 'functions'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `./functions/${name}`);
}

/**
 * Builds main.js and the vendor bundles into `outdir` (the old vendor/ folder is removed first,
 * so an SDK taken off the list is not deployed). Returns esbuild's metafile of all of them.
 */
export async function bundleApp(outdir = path.join(root, 'dist', 'app')) {
  rmSync(path.join(outdir, 'vendor'), { recursive: true, force: true });
  const main = build({
    ...common,
    stdin: {
      contents: functionEntryFiles()
        .map((file) => `require(${JSON.stringify(file)});`)
        .join('\n'),
      resolveDir: root,
      sourcefile: 'functions.entry.js',
      loader: 'js',
    },
    outfile: path.join(outdir, 'main.js'),
    plugins: [vendorPackages('./vendor/')],
  });
  const vendors = VENDOR_PACKAGES.map((name) =>
    build({
      ...common,
      stdin: {
        contents: vendorEntry(name),
        resolveDir: root,
        sourcefile: `${name}.entry.js`,
        loader: 'js',
      },
      outfile: path.join(outdir, 'vendor', vendorFileName(name)),
      plugins: [vendorPackages('./', name)],
    }),
  );
  const results = await Promise.all([main, ...vendors]);
  return {
    metafile: {
      inputs: Object.assign({}, ...results.map((result) => result.metafile.inputs)),
      outputs: Object.assign({}, ...results.map((result) => result.metafile.outputs)),
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at === -1 ? undefined : path.resolve(process.argv[at + 1]);
  await bundleApp(outdir);
}
