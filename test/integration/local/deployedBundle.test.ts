import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSync } from 'esbuild';
import {
  getRegistrations,
  resetRegistrations,
  type FunctionRegistration,
} from '../../../local/functionsHost/functionsCore';
import { loadFunctionApp } from '../../../local/functionsHost/loadFunctions';
import { customerBody, startTestStack } from '../support/testStack';

/**
 * What is deployed is the esbuild bundle (package.json "main", tools/bundle.mjs), while tests
 * and the local tools run the TypeScript sources (tsc's output). This builds the bundle as
 * `npm run build` does, loads it in a plain node process whose '@azure/functions-core' is the
 * local host's registry (as the Functions worker injects its own), and compares its registrations
 * with those of the sources: same functions, same triggers and bindings. The SDKs the app loads
 * on first use are bundles of their own beside it (vendor/), which main.js requires then.
 */

const projectRoot = join(__dirname, '..', '..', '..');

/** The SDKs bundled into vendor/<name>.js (tools/bundle.mjs VENDOR_PACKAGES). */
const VENDORED: Readonly<Record<string, string>> = {
  '@azure/cosmos': 'azure-cosmos.js',
  '@azure/identity': 'azure-identity.js',
  '@azure/storage-queue': 'azure-storage-queue.js',
  '@azure/storage-blob': 'azure-storage-blob.js',
  '@sendgrid/client': 'sendgrid-client.js',
  '@sendgrid/mail': 'sendgrid-mail.js',
  '@sendgrid/eventwebhook': 'sendgrid-eventwebhook.js',
  'sanitize-html': 'sanitize-html.js',
  jose: 'jose.js',
  'openid-client': 'openid-client.js',
  '@azure/monitor-opentelemetry-exporter': 'azure-monitor-opentelemetry-exporter.js',
  '@opentelemetry/core': 'opentelemetry-core.js',
  '@opentelemetry/sdk-trace-base': 'opentelemetry-sdk-trace-base.js',
  '@opentelemetry/sdk-logs': 'opentelemetry-sdk-logs.js',
  '@opentelemetry/sdk-metrics': 'opentelemetry-sdk-metrics.js',
  '@opentelemetry/context-async-hooks': 'opentelemetry-context-async-hooks.js',
  '@opentelemetry/resources': 'opentelemetry-resources.js',
  '@microsoft/microsoft-graph-client': 'microsoft-microsoft-graph-client.js',
  undici: 'undici.js',
};

/** The bundles `file` requires by relative path, as esbuild writes them: `require("./x.js")`. */
function relativeRequires(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(/\brequire\("(\.\/[^"]+)"\)/g)].map((match) => match[1]!).sort();
}

interface RegistrationShape {
  readonly name: string;
  readonly bindings: FunctionRegistration['bindings'];
}

function shapeOf(registrations: readonly RegistrationShape[]): RegistrationShape[] {
  return registrations
    .map(({ name, bindings }) => ({ name, bindings }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Loads `bundle` in a new node process: what it registered and which files it loaded. */
function loadBundle(
  bundle: string,
  functionsCore: string,
  { appStart = false, env = {} }: { appStart?: boolean; env?: Record<string, string> } = {},
): { registrations: RegistrationShape[]; loaded: string[] } {
  const script = `
    const Module = require('node:module');
    const [bundle, core, appStart] = process.argv.slice(1);
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      return request === '@azure/functions-core' ? core : resolve.call(this, request, ...rest);
    };
    require(bundle);
    const { getHooks, getRegistrations } = require(core);
    if (appStart === 'appStart') {
      for (const hook of getHooks('appStart')) hook({ hookData: {}, appHookData: {} });
    }
    const registrations = getRegistrations();
    process.stdout.write(JSON.stringify({
      registrations: registrations.map(({ name, bindings }) => ({ name, bindings })),
      loaded: Object.keys(require.cache),
    }));
    process.exit(0);
  `;
  const args = ['-e', script, bundle, functionsCore, appStart ? 'appStart' : 'load'];
  const output = execFileSync(process.execPath, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return JSON.parse(output) as { registrations: RegistrationShape[]; loaded: string[] };
}

/** Loads `file` in a new node process and lists the names it exports and their types. */
function exportsOf(file: string): Record<string, string> {
  const script = `
    const loaded = require(process.argv[1]);
    const names = Object.keys(loaded).filter((name) => name !== '__esModule').sort();
    process.stdout.write(JSON.stringify({
      '(module)': typeof loaded,
      ...Object.fromEntries(names.map((name) => [name, typeof loaded[name]])),
    }));
  `;
  const output = execFileSync(process.execPath, ['-e', script, file], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return JSON.parse(output) as Record<string, string>;
}

/**
 * The SDKs bundled with only the names the sources import from them (tools/bundle.mjs
 * TRIMMED_VENDOR_PACKAGES), and those names.
 */
function trimmedVendorExports(): Record<string, string[]> {
  const script = `
    import(process.argv[1]).then(({ TRIMMED_VENDOR_PACKAGES, importedNames }) => {
      process.stdout.write(JSON.stringify(Object.fromEntries(
        TRIMMED_VENDOR_PACKAGES.map((name) => [name, importedNames(name)]),
      )));
    });
  `;
  const output = execFileSync(
    process.execPath,
    ['-e', script, join(projectRoot, 'tools', 'bundle.mjs')],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  return JSON.parse(output) as Record<string, string[]>;
}

describe('the deployed bundle', () => {
  let outDir: string;

  beforeAll(() => {
    // Inside the project, as dist/app is: the externals resolve from its node_modules.
    mkdirSync(join(projectRoot, '.local'), { recursive: true });
    outDir = mkdtempSync(join(projectRoot, '.local', 'bundle-test-'));
    execFileSync(process.execPath, ['tools/bundle.mjs', '--outdir', outDir], { cwd: projectRoot });
    // The local host's registry, compiled for plain node.
    buildSync({
      entryPoints: [join(projectRoot, 'local', 'functionsHost', 'functionsCore.ts')],
      outfile: join(outDir, 'functionsCore.js'),
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('is what package.json "main" names, so Azure and `npm start` load it', () => {
    const { main } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(main).toBe('dist/app/main.js');
    const funcignore = readFileSync(join(projectRoot, '.funcignore'), 'utf8').split('\n');
    const bundleFolders = ['dist/', 'dist/app/', 'dist/app/vendor/', 'app/', 'vendor/'];
    expect(funcignore.filter((line) => bundleFolders.includes(line.replace(/^\//, '')))).toEqual(
      [],
    );
    expect(funcignore).toContain('dist/functions/');
  });

  it('registers the same functions, triggers and bindings as the sources', () => {
    resetRegistrations();
    loadFunctionApp(projectRoot, { useSource: true });
    const fromSources = shapeOf(getRegistrations());
    const { registrations } = loadBundle(join(outDir, 'main.js'), join(outDir, 'functionsCore.js'));
    expect(fromSources.length).toBeGreaterThanOrEqual(15);
    expect(shapeOf(registrations)).toEqual(fromSources);
  });

  it('loads no SDK bundle when the worker loads main.js: each waits for its first use', () => {
    const { loaded } = loadBundle(join(outDir, 'main.js'), join(outDir, 'functionsCore.js'));
    const fromOutDir = loaded
      .filter((file) => file.startsWith(outDir))
      .map((file) => relative(outDir, file))
      .sort();
    expect(fromOutDir).toEqual(['functionsCore.js', 'main.js']);
  });

  it('exporting to Azure Monitor, loads the telemetry SDK when the app starts and the exporter only on its first export', () => {
    const { loaded } = loadBundle(join(outDir, 'main.js'), join(outDir, 'functionsCore.js'), {
      appStart: true,
      env: {
        APPLICATIONINSIGHTS_CONNECTION_STRING:
          'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/',
        AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000000',
      },
    });
    const vendor = loaded
      .filter((file) => file.startsWith(join(outDir, 'vendor')))
      .map((file) => relative(join(outDir, 'vendor'), file))
      .sort();
    expect(vendor).toEqual([
      'opentelemetry-context-async-hooks.js',
      'opentelemetry-core.js',
      'opentelemetry-resources.js',
      'opentelemetry-sdk-logs.js',
      'opentelemetry-sdk-metrics.js',
      'opentelemetry-sdk-trace-base.js',
    ]);
  });

  it('has every SDK bundle main.js requires beside it, exporting what the package exports', () => {
    const vendorFiles = Object.values(VENDORED).map((file) => `./vendor/${file}`);
    // @sendgrid/mail's bundle requires @sendgrid/client's rather than carrying its own copy.
    const required = [
      ...relativeRequires(join(outDir, 'main.js')),
      ...Object.values(VENDORED).flatMap((file) =>
        relativeRequires(join(outDir, 'vendor', file)).map((path) => `./vendor/${path.slice(2)}`),
      ),
    ];
    expect([...new Set(required)].sort()).toEqual([...vendorFiles].sort());
    const trimmed = trimmedVendorExports();
    expect(Object.keys(trimmed)).toEqual(['@azure/cosmos']);
    for (const [packageName, file] of Object.entries(VENDORED)) {
      const bundled = join(outDir, 'vendor', file);
      expect(existsSync(bundled)).toBe(true);
      const all = exportsOf(packageName);
      const names = trimmed[packageName];
      // A trimmed SDK exports what the sources import from it, as the package does.
      const expected =
        names === undefined
          ? all
          : Object.fromEntries(['(module)', ...names].map((name) => [name, all[name]]));
      expect(exportsOf(bundled)).toEqual(expected);
    }
    expect(trimmed['@azure/cosmos']).toContain('CosmosClient');
    // What main.js reads from a trimmed bundle (`import_x.Name`, esbuild's form) it exports.
    const code = readFileSync(join(outDir, 'main.js'), 'utf8');
    for (const packageName of Object.keys(trimmed)) {
      const file = VENDORED[packageName]!;
      const bindings = [
        ...code.matchAll(
          new RegExp(`\\b([\\w$]+)=require\\("\\./vendor/${file.replace('.', '\\.')}"\\)`, 'g'),
        ),
      ].map((match) => match[1]!);
      expect(bindings.length).toBeGreaterThan(0);
      const read = bindings.flatMap((binding) =>
        [...code.matchAll(new RegExp(`\\b${binding.replace('$', '\\$')}\\.([\\w$]+)`, 'g'))].map(
          (match) => match[1]!,
        ),
      );
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((name) => !trimmed[packageName]!.includes(name))).toEqual([]);
    }
  });

  it('keeps an external source map that points at the TypeScript sources', () => {
    const code = readFileSync(join(outDir, 'main.js'), 'utf8');
    expect(code.trimEnd().endsWith('//# sourceMappingURL=main.js.map')).toBe(true);
    const map = JSON.parse(readFileSync(join(outDir, 'main.js.map'), 'utf8')) as {
      sources: string[];
    };
    expect(map.sources.some((source) => source.endsWith('functions/invitations.ts'))).toBe(true);
    expect(map.sources.some((source) => source.endsWith('shared/app/appServices.ts'))).toBe(true);
  });

  it('holds only the part of zod the app calls: no other locale than English, no JSON Schema import', () => {
    // zod's named export `z` would keep all of it (eslint.config.mjs forbids that import):
    // 450 KB more for every worker to parse before its first request.
    const map = JSON.parse(readFileSync(join(outDir, 'main.js.map'), 'utf8')) as {
      sources: string[];
    };
    const zod = map.sources.filter((source) => source.includes('node_modules/zod/'));
    expect(zod.some((source) => source.endsWith('zod/v4/classic/schemas.js'))).toBe(true);
    expect(zod.filter((source) => /\/locales\/(?!en\.js|index\.js)/.test(source))).toEqual([]);
    expect(zod.filter((source) => source.endsWith('from-json-schema.js'))).toEqual([]);
  });

  it('keeps a source map beside each SDK bundle that points at the package it holds', () => {
    for (const [packageName, file] of Object.entries(VENDORED)) {
      const code = readFileSync(join(outDir, 'vendor', file), 'utf8');
      expect(code.trimEnd().endsWith(`//# sourceMappingURL=${file}.map`)).toBe(true);
      const map = JSON.parse(readFileSync(join(outDir, 'vendor', `${file}.map`), 'utf8')) as {
        sources: string[];
      };
      expect(map.sources.some((source) => source.includes(`node_modules/${packageName}/`))).toBe(
        true,
      );
    }
  });

  it('runs on the local stack: Cosmos, the queues and SendGrid through the SDKs it loads on use', async () => {
    const stack = await startTestStack(
      {},
      { functionFiles: [join(outDir, 'main.js')], blobStorage: true },
    );
    try {
      const health = await stack.api('/api/health');
      expect(health.body).toEqual({
        status: 'ok',
        checks: [
          { name: 'cosmos', status: 'ok', latencyMs: expect.any(Number) },
          { name: 'storage', status: 'ok', latencyMs: expect.any(Number) },
        ],
      });
      const partner = await stack.partnerWithProfile();
      const body = customerBody();
      const created = await partner.api('/api/invitations', { method: 'POST', json: body });
      expect(created.status).toBe(201);
      const sent = await partner.api(`/api/invitations/${created.body.id}/send`, {
        method: 'POST',
      });
      expect(sent.status).toBe(202);
      await stack.waitForIdle(15_000);
      const mails = stack.sendgrid.messages().filter((m) => m.to.includes(body.customer.email));
      expect(mails.map((mail) => mail.customArgs.invitationId)).toEqual([created.body.id]);
      expect((await partner.api(`/api/invitations/${created.body.id}`)).body.status).toBe('sent');
      // The audit archive's SDK bundle, with @azure/storage-common (and its CRC64 WebAssembly)
      // inside it, writes and reads a blob as the archive does.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
      const blobs = require(
        join(outDir, 'vendor', 'azure-storage-blob.js'),
      ) as typeof import('@azure/storage-blob');
      const container = blobs.BlobServiceClient.fromConnectionString(
        stack.settings.AzureWebJobsStorage!,
      ).getContainerClient('bundle-test');
      await container.createIfNotExists();
      const text = JSON.stringify({ archived: created.body.id });
      await container.getBlockBlobClient('one.json').upload(text, Buffer.byteLength(text));
      const downloaded = await container.getBlockBlobClient('one.json').downloadToBuffer();
      expect(downloaded.toString('utf8')).toBe(text);
    } finally {
      await stack.close();
    }
  }, 120_000);
});
