import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { findProjectRoot } from '../projectRoot';

/**
 * The local server accepts any key; this value only satisfies the client's need for a
 * base64 key. It is not a secret and is never used against Azure.
 */
export const LOCAL_COSMOS_KEY = 'bG9jYWwtY29zbW9zLWtleQ==';

export interface LocalCosmos {
  readonly endpoint: string;
  readonly key: string;
  /** Documents restored from the data file at start (0 without one, or when it was new). */
  readonly restoredDocuments: number;
  /** Document operations served since the last `resetOperationCounts()`, by kind. */
  operationCounts(): Promise<Readonly<CosmosOperationCounts>>;
  resetOperationCounts(): Promise<void>;
  close(): Promise<void>;
}

/** What one request to the Cosmos API did to documents; `metadata` is everything else. */
export type CosmosOperation =
  'read' | 'create' | 'replace' | 'upsert' | 'delete' | 'batch' | 'query' | 'metadata';

export type CosmosOperationCounts = Record<CosmosOperation, number>;

/** The server's own process (plain CommonJS, so the same file serves ts-jest and dist/). */
const SERVER_PROCESS = path.join(
  findProjectRoot(__dirname),
  'local',
  'servers',
  'cosmosProcess.cjs',
);

/**
 * Classifies a Cosmos REST request (see local/servers/cosmosProcess.cjs, where the server's
 * process counts with it). Counted at the server, so every path of the app is seen.
 */
type Classifier = (
  method: string,
  path: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
) => CosmosOperation;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const serverProcess = require(SERVER_PROCESS) as { classifyCosmosRequest: Classifier };
export const classifyCosmosRequest: Classifier = serverProcess.classifyCosmosRequest;

/**
 * Starts `@vercel/cosmosdb-server` over plain HTTP on loopback, in a child process of its own
 * (its queries scan every document; in this process they would stall the functions host), and
 * creates the app's database and container with the partition key the code relies on, as the
 * templates in infra/ do in Azure. The operation counter is asked over the IPC channel. With
 * `dataFile`, the server restores what it held from that file and keeps saving to it (atomically:
 * a crash mid-save leaves the previous save); without, it holds everything in memory only.
 */
export async function startLocalCosmos(options: {
  host?: string;
  port?: number;
  database: string;
  container: string;
  dataFile?: string;
}): Promise<LocalCosmos> {
  const host = options.host ?? '127.0.0.1';
  const serverOptions = { host, port: options.port ?? 0, dataFile: options.dataFile };
  const child = fork(SERVER_PROCESS, [JSON.stringify(serverOptions)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Not the parent's flags (a debugger port, ts-jest's loaders): a plain Node process.
    execArgv: [],
  });
  const { port, restored } = await new Promise<{ port: number; restored: number }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`The local Cosmos server exited (${code})`)));
      child.once('message', (message: { ready?: number; restored?: number; error?: string }) =>
        message.ready !== undefined
          ? resolve({ port: message.ready, restored: message.restored ?? 0 })
          : reject(new Error(`The local Cosmos server did not start: ${message.error}`)),
      );
    },
  ).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  child.removeAllListeners('exit');
  child.removeAllListeners('error');
  const counter = ipcCounter(child);
  const endpoint = `http://${host}:${port}`;
  const client = new CosmosClient({
    endpoint,
    key: LOCAL_COSMOS_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { database } = await client.databases.createIfNotExists({ id: options.database });
  await database.containers.createIfNotExists({
    id: options.container,
    partitionKey: { paths: ['/pk'] },
  });
  client.dispose();
  await counter('reset');
  return {
    endpoint,
    key: LOCAL_COSMOS_KEY,
    restoredDocuments: restored,
    operationCounts: () => counter('counts'),
    resetOperationCounts: async () => {
      await counter('reset');
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

/** Asks the server's process for its counts (after resetting them, for `reset`). */
function ipcCounter(child: ChildProcess) {
  let next = 0;
  const waiting = new Map<number, (counts: CosmosOperationCounts) => void>();
  child.on('message', (message: { id?: number; counts?: CosmosOperationCounts }) => {
    if (message.id !== undefined && message.counts !== undefined) {
      waiting.get(message.id)?.(message.counts);
      waiting.delete(message.id);
    }
  });
  return (command: 'counts' | 'reset') =>
    new Promise<CosmosOperationCounts>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.send({ id, command }, (error) => {
        if (error) {
          waiting.delete(id);
          reject(error);
        }
      });
    });
}
