import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchColdFirstRequests } from './load/coldFirstRequest';
import { percentile } from './load/figures';
import { resolveMainGlob } from '../local/functionsHost';
import { findProjectRoot } from '../local/projectRoot';

/**
 * `npm run bench:coldstart`: what a new Functions worker pays before its first request — loading
 * every file of the deployed artifact (package.json "main": the bundle dist/app/main.js) —
 * against a bare `node -e 0`, measured alternately in the same run so machine load affects all
 * alike. For comparison it also loads the bundle followed by every SDK bundle beside it
 * (dist/app/vendor/*.js, which main.js requires when a function first uses that SDK: the most a
 * worker's first requests can add), and the tsc output every function file was deployed as
 * before (dist/functions/*.js). Prints the medians, the ratios to `node -e 0` and the load
 * average. COLDSTART_RUNS sets the number of rounds (default 20).
 *
 * Then what a user waits for after a scale-out: a new process to its first answered
 * `POST /api/invitations` and to its first acceptance, against the local emulators, with where
 * the time went (bench/load/coldFirstRequest.ts); COLDSTART_REQUEST_RUNS rounds (default 8,
 * 0 skips it).
 */
const RUNS = Number(process.env.COLDSTART_RUNS ?? 20);
const REQUEST_RUNS = Number(process.env.COLDSTART_REQUEST_RUNS ?? 8);

interface Variant {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly samples: number[];
}

/**
 * Settings that turn on the Azure Monitor export (shared/telemetry/startTelemetry.ts) without
 * reaching Azure: the worker loads the SDK and the exporter and creates them; nothing is sent
 * before the process exits.
 */
const AZURE_MONITOR_ON = {
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/',
  AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000000',
};

function wallMs(args: readonly string[], cwd: string, env?: Readonly<Record<string, string>>) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd,
    stdio: 'ignore',
    ...(env === undefined ? {} : { env: { ...process.env, ...env } }),
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  }
  return elapsed;
}

function requireAll(files: readonly string[]): string {
  return `for (const f of ${JSON.stringify(files)}) require(f);`;
}

function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

async function main(): Promise<void> {
  const root = findProjectRoot(__dirname);
  const { main: deployed } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    main: string;
  };
  const bundle = resolveMainGlob(root, deployed);
  const vendorDir = path.join(path.dirname(bundle[0]!), 'vendor');
  const vendorFiles = readdirSync(vendorDir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(vendorDir, name));
  const telemetrySdkFiles = vendorFiles.filter((file) =>
    path.basename(file).startsWith('opentelemetry-'),
  );
  const exporterFiles = ['azure-monitor-opentelemetry-exporter.js', 'azure-identity.js'].map(
    (name) => path.join(vendorDir, name),
  );
  const tscDir = path.join(root, 'dist', 'functions');
  const tscFiles = readdirSync(tscDir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(tscDir, name));
  const variants: Variant[] = [
    { name: 'node -e 0', args: ['-e', '0'], samples: [] },
    {
      name: `deployed bundle (${deployed})`,
      args: ['-e', requireAll(bundle)],
      samples: [],
    },
    {
      // With the export on, the app's start (an appStart hook, which the worker runs before
      // the first invocation) loads the OpenTelemetry SDK; the Azure Monitor exporter (and the
      // managed identity) wait for the first export, seconds later, off the request's path.
      name: '  with telemetry exported to Azure Monitor',
      args: ['-e', requireAll([...bundle, ...telemetrySdkFiles])],
      env: AZURE_MONITOR_ON,
      samples: [],
    },
    {
      // Exits once loaded: the exporter's background timers would keep the process up.
      name: '    + the exporter, at the first export',
      args: [
        '-e',
        `${requireAll([...bundle, ...telemetrySdkFiles, ...exporterFiles])} process.exit(0);`,
      ],
      env: AZURE_MONITOR_ON,
      samples: [],
    },
    {
      name: `  + every SDK on first use (${vendorFiles.length} vendor/*.js)`,
      args: ['-e', requireAll([...bundle, ...vendorFiles])],
      samples: [],
    },
    {
      name: `tsc output (${tscFiles.length} files dist/functions/*.js)`,
      args: ['-e', requireAll(tscFiles)],
      samples: [],
    },
  ];
  const loadBefore = loadavg()[0] ?? NaN;
  for (let i = 0; i < RUNS; i++) {
    for (const variant of variants) {
      variant.samples.push(wallMs(variant.args, root, variant.env));
    }
  }
  const loadAfter = loadavg()[0] ?? NaN;
  const bare = median(variants[0]!.samples);
  console.log(
    `cold start, median of ${RUNS} alternating rounds ` +
      `(1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after):`,
  );
  for (const variant of variants) {
    const figure = median(variant.samples);
    console.log(
      `  ${variant.name.padEnd(48)} ${figure.toFixed(0).padStart(6)} ms  ` +
        `${(figure / bare).toFixed(2)}× node -e 0`,
    );
  }
  if (REQUEST_RUNS > 0) {
    await benchColdFirstRequests(root, REQUEST_RUNS);
    console.log(`(1-min load average ${(loadavg()[0] ?? NaN).toFixed(1)} at the end)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
