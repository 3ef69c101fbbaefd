import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findProjectRoot } from '../projectRoot';

export interface AzuriteOptions {
  /** Loopback by default: the emulator accepts the well-known key from anyone who reaches it. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly queuePort?: number;
  /** Start the blob service too (the audit archive); the queue service only without it. */
  readonly blob?: boolean;
  /** The blob service's; 0 (the default) picks a free port. */
  readonly blobPort?: number;
  /** Give up when the queue service has not reported its address by then. */
  readonly startTimeoutMs?: number;
  /** Azurite's per-request access log; off unless asked for. */
  readonly onAccessLog?: (line: string) => void;
  /**
   * A folder to keep the queues in (Azurite's `--location`), so they survive a restart; in
   * memory, written nowhere, without one.
   */
  readonly location?: string;
}

export interface AzuriteQueueServer {
  /** e.g. `http://127.0.0.1:10001/devstoreaccount1` */
  readonly queueEndpoint: string;
  /**
   * Azurite's blob service (the audit archive), e.g. `http://127.0.0.1:10000/devstoreaccount1`;
   * only when asked for (`blob`).
   */
  readonly blobEndpoint: string | undefined;
  /** For `QueueServiceClient.fromConnectionString` and the app's AzureWebJobsStorage setting. */
  readonly connectionString: string;
  close(): Promise<void>;
}

export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';

/**
 * Azurite's published emulator account key (the same for every installation, documented by
 * Microsoft for the storage emulator). It is not a secret and grants nothing outside a local
 * emulator.
 */
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const DEFAULT_START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const listeningPattern = /successfully listens on (https?:\/\/\S+)/;

// Runs Azurite's queue entry point (argv[1]) and exits when our end of its stdin closes, so an
// emulator never outlives the process that started it, even when that process is killed.
const launcher =
  "process.stdin.on('end', () => process.exit(0)).resume(); require(process.argv[1]);";
// The same for an Azurite that keeps its data: it stops as on Ctrl-C, so it saves its metadata
// to its --location first (or exits after 5 s anyway).
const persistentLauncher =
  "process.stdin.on('end', () => { setTimeout(() => process.exit(0), 5000).unref(); " +
  "process.kill(process.pid, 'SIGTERM'); }).resume(); require(process.argv[1]);";

/** Preloaded into Azurite: deletes consumed messages' extents without re-sorting its index. */
const EXTENT_DELETION_PATCH = path.join(
  findProjectRoot(__dirname),
  'local',
  'servers',
  'azuriteExtentDeletion.cjs',
);

/**
 * The connection string the Azure SDKs and the Functions host accept for a local Azurite queue
 * endpoint (and blob endpoint, when there is one).
 */
export function azuriteConnectionString(queueEndpoint: string, blobEndpoint?: string): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};` +
    `AccountKey=${AZURITE_ACCOUNT_KEY};QueueEndpoint=${queueEndpoint};` +
    (blobEndpoint === undefined ? '' : `BlobEndpoint=${blobEndpoint};`)
  );
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Azurite's queue service (the app's queues) and, if asked, its blob service (the audit
 * archive), each a child process; see `startAzuriteService`.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteQueueServer> {
  const started = await Promise.allSettled([
    startAzuriteService('queue', options),
    ...(options.blob === true
      ? [startAzuriteService('blob', { ...options, onAccessLog: undefined })]
      : []),
  ]);
  const services = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(services.map((service) => service.close()));
    throw failed.reason;
  }
  const [queue, blob] = services as [AzuriteService, AzuriteService | undefined];
  return {
    queueEndpoint: queue.endpoint,
    blobEndpoint: blob?.endpoint,
    connectionString: azuriteConnectionString(queue.endpoint, blob?.endpoint),
    async close() {
      await Promise.all(services.map((service) => service.close()));
    },
  };
}

interface AzuriteService {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts one Azurite service as a child process, in memory (nothing written to disk) or
 * kept in `location`,
 * accepting the current SDK's API version (`--skipApiVersionCheck`; 3.35 refuses it otherwise)
 * and without telemetry. A separate process keeps Azurite's dependencies and globals out of the
 * app's process and lets tests run several isolated instances on free ports.
 */
async function startAzuriteService(
  service: 'queue' | 'blob',
  options: AzuriteOptions,
): Promise<AzuriteService> {
  const host = options.host ?? '127.0.0.1';
  const mainScript = require.resolve(`azurite/dist/src/${service}/main.js`);
  const args = [
    '--require',
    EXTENT_DELETION_PATCH,
    '-e',
    options.location === undefined ? launcher : persistentLauncher,
    mainScript,
    `--${service}Host`,
    host,
    `--${service}Port`,
    String((service === 'queue' ? options.queuePort : options.blobPort) ?? 0),
    ...(options.location === undefined
      ? ['--inMemoryPersistence']
      : ['--location', options.location]),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--loose',
  ];
  if (!options.onAccessLog) {
    args.push('--silent');
  }
  if (options.location !== undefined) {
    mkdirSync(options.location, { recursive: true });
  }

  const child = spawn(process.execPath, args, {
    // In memory it writes nothing, but its workspace location defaults to the working directory.
    cwd: options.location ?? tmpdir(),
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AZURITE_ACCOUNTS: undefined },
  });
  // Writing to (or ending) the pipe of an emulator that already exited must not crash us.
  child.stdin?.on('error', () => undefined);
  const output: string[] = [];

  const address = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timeout = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const timer = setTimeout(() => {
      fail(new Error(`Azurite did not start listening within ${timeout} ms.`));
      child.kill('SIGKILL');
    }, timeout);
    function fail(error: Error): void {
      clearTimeout(timer);
      const log = output.join('').trim();
      reject(new Error(log ? `${error.message}\nAzurite output:\n${log}` : error.message));
    }
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output.push(chunk);
      stdout += chunk;
      const match = listeningPattern.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: string) => output.push(chunk));
    child.once('error', (error) =>
      fail(new Error(`Azurite could not be started: ${error.message}`)),
    );
    child.once('exit', (code, signal) =>
      fail(new Error(`Azurite exited before listening (code ${code}, signal ${signal}).`)),
    );
  });

  // After start-up only the access log is of interest; stop buffering the rest.
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  const onAccessLog = options.onAccessLog;
  if (onAccessLog) {
    child.stdout?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) onAccessLog(line);
    });
  } else {
    child.stdout?.resume();
  }
  child.stderr?.resume();

  return {
    endpoint: `${address.replace(/\/+$/, '')}/${AZURITE_ACCOUNT_NAME}`,
    async close() {
      const exited = waitForExit(child);
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
