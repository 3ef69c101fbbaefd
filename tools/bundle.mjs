// Bundles the function app into what is deployed: one CommonJS file, dist/app/main.js (package.json
// "main"), with an external source map beside it. Its entry requires every functions/*.ts in name
// order, as the Functions host would load dist/functions/*.js, so a new function file is in the
// bundle without a list to keep in sync.
//
// One bundle for the app rather than one per function file: the worker loads every file "main"
// matches before its first request, whichever function that request is for, so per-file bundles
// would each carry (and load) their own copy of the shared code and SDKs (see README,
// Performance). The SDKs a function may not need are required lazily (shared/app/appServices.ts);
// esbuild keeps such a require() lazy inside the bundle.
//
// Usage: node tools/bundle.mjs [--outdir <dir>]   (default dist/app, relative to the repository)
import { readdirSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Not bundled, because they cannot be (they are required from node_modules at run time, which the
 * package keeps):
 * - `@azure/functions-core` is not a package on npm: the Functions worker provides it at run
 *   time (the local host resolves it to its own registry);
 * - `@azure/storage-common` (under @azure/storage-queue) loads its `crc64.wasm` from its own
 *   directory (Emscripten's locateFile) and, in the ES module build esbuild would pick, finds
 *   that directory through `import.meta.url`, which a CommonJS bundle does not have.
 */
export const EXTERNAL = ['@azure/functions-core', '@azure/storage-common'];

export function functionEntryFiles() {
  return readdirSync(path.join(root, 'functions'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `./functions/${name}`);
}

export async function bundleApp(outdir = path.join(root, 'dist', 'app')) {
  const result = await build({
    stdin: {
      contents: functionEntryFiles()
        .map((file) => `require(${JSON.stringify(file)});`)
        .join('\n'),
      resolveDir: root,
      sourcefile: 'functions.entry.js',
      loader: 'js',
    },
    outfile: path.join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Linked external map (`//# sourceMappingURL=main.js.map`): Node's --enable-source-maps and
    // Application Insights stack traces point at the TypeScript sources.
    sourcemap: 'linked',
    // Whitespace and syntax only: names stay, so stack traces read even without the map.
    minifyWhitespace: true,
    minifySyntax: true,
    external: EXTERNAL,
    tsconfig: path.join(root, 'tsconfig.build.json'),
    logLevel: 'warning',
    legalComments: 'linked',
    metafile: true,
  });
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outdir');
  const outdir = at === -1 ? undefined : path.resolve(process.argv[at + 1]);
  await bundleApp(outdir);
}
