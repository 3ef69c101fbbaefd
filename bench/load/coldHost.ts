import { subscribe } from 'node:diagnostics_channel';
import Module from 'node:module';
import type { Socket } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The cold process `npm run bench:coldstart` starts for each round of its first-request figures:
 * a new Node process that loads the deployed app (package.json "main") as a Functions worker
 * does, runs its appStart hooks and serves its HTTP triggers with the local host, against
 * emulators another process runs. It reports, over IPC, when it can take a request and then what
 * its first request paid for: the app's bundles it loaded (main.js, dist/app/vendor/*.js, each
 * measured without the bundles it loaded in turn) and the connections it opened, each with its
 * time. No queue polling or timers: in Azure the Functions host, not the worker, polls the
 * queues, and a worker's first HTTP invocation does not wait for them.
 *
 * Started by bench/load/coldFirstRequest.ts with COLD_HOST (JSON: the project root, the port and
 * the app settings); exits after its report. Not a tool on its own.
 */

/** One bundle of the deployed app loaded by this process, in ms since the process started. */
interface BundleLoad {
  readonly file: string;
  readonly startMs: number;
  /** Its own time, the bundles it required excluded. */
  ownMs: number;
}

interface Connection {
  readonly port: number;
  readonly startMs: number;
  connectedMs?: number;
}

const bundles: BundleLoad[] = [];
const connections: Connection[] = [];

/** Measures every `require` that lands in dist/app (the deployed artifact). */
function traceBundleLoads(appDir: string): void {
  const loader = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
    _resolveFilename: (request: string, parent: unknown, isMain: boolean) => string;
  };
  const load = loader._load;
  const open: BundleLoad[] = [];
  loader._load = function tracedLoad(request, parent, isMain) {
    let file: string | undefined;
    try {
      file = loader._resolveFilename(request, parent, isMain);
    } catch {
      file = undefined;
    }
    const cached = file !== undefined && require.cache[file] !== undefined;
    if (file === undefined || cached || !file.startsWith(appDir) || !file.endsWith('.js')) {
      return load.call(this, request, parent, isMain);
    }
    const entry: BundleLoad = {
      file: path.relative(appDir, file),
      startMs: performance.now(),
      ownMs: 0,
    };
    open.push(entry);
    try {
      return load.call(this, request, parent, isMain);
    } finally {
      open.pop();
      const total = performance.now() - entry.startMs;
      entry.ownMs += total;
      const outer = open.at(-1);
      if (outer !== undefined) outer.ownMs -= total;
      bundles.push(entry);
    }
  };
}

/** Every TCP connection this process opens, with the time it took to connect. */
function traceConnections(): void {
  subscribe('net.client.socket', (message) => {
    const socket = (message as { socket: Socket }).socket;
    const connection: Connection = { port: 0, startMs: performance.now() };
    connections.push(connection);
    socket.once('connect', () => {
      (connection as { port: number }).port = socket.remotePort ?? 0;
      connection.connectedMs = performance.now();
    });
  });
}

async function main(): Promise<void> {
  const { projectRoot, port, settings } = JSON.parse(process.env.COLD_HOST ?? '') as {
    projectRoot: string;
    port: number;
    settings: Record<string, string>;
  };
  const entered = performance.now();
  traceBundleLoads(path.join(projectRoot, 'dist', 'app') + path.sep);
  traceConnections();
  // The parts of the local host an HTTP invocation needs, not its index (which brings the queue
  // host and its SDK): what stands in for the Functions worker's own start.
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded after the tracing is on */
  const { loadFunctionApp } =
    require('../../local/functionsHost/loadFunctions') as typeof import('../../local/functionsHost/loadFunctions');
  const { runAppStartHooks } =
    require('../../local/functionsHost/invokeFunction') as typeof import('../../local/functionsHost/invokeFunction');
  const { startHttpHost } =
    require('../../local/functionsHost/httpHost') as typeof import('../../local/functionsHost/httpHost');
  const { getRegistrations } =
    require('../../local/functionsHost/functionsCore') as typeof import('../../local/functionsHost/functionsCore');
  const { parseHttpHostSettings, readHostJson } =
    require('../../local/functionsHost/hostJson') as typeof import('../../local/functionsHost/hostJson');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const hostLoaded = performance.now();
  // As in Azure, the app settings are in the environment before the app loads.
  Object.assign(process.env, settings);
  const hostJson = readHostJson(projectRoot);
  loadFunctionApp(projectRoot);
  const appLoaded = performance.now();
  await runAppStartHooks(projectRoot);
  const appStarted = performance.now();
  const http = await startHttpHost({
    registrations: getRegistrations(),
    port,
    routePrefix: parseHttpHostSettings(hostJson).routePrefix,
    log: (level, message) => {
      if (level === 'error' || level === 'critical') console.error(message);
    },
  });
  const listening = performance.now();
  const bundlesAtStart = bundles.length;
  const connectionsAtStart = connections.length;
  process.send!({
    kind: 'ready',
    url: http.url,
    phases: {
      bootMs: entered,
      hostMs: hostLoaded - entered,
      appLoadMs: appLoaded - hostLoaded,
      appStartMs: appStarted - appLoaded,
      listenMs: listening - appStarted,
    },
  });
  process.on('message', (message: { kind: string }) => {
    if (message.kind !== 'report') return;
    process.send!(
      {
        kind: 'report',
        listeningMs: listening,
        bundlesAtStart: bundles.slice(0, bundlesAtStart),
        bundlesAfter: bundles.slice(bundlesAtStart),
        connections: connections.slice(connectionsAtStart),
      },
      () => process.exit(0),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
