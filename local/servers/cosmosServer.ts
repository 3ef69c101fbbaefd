import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { CosmosClient } from '@azure/cosmos';

/**
 * The local server accepts any key; this value only satisfies the client's need for a
 * base64 key. It is not a secret and is never used against Azure.
 */
export const LOCAL_COSMOS_KEY = 'bG9jYWwtY29zbW9zLWtleQ==';

export interface LocalCosmos {
  readonly endpoint: string;
  readonly key: string;
  /** Document operations served since the last `resetOperationCounts()`, by kind. */
  operationCounts(): Readonly<CosmosOperationCounts>;
  resetOperationCounts(): void;
  close(): Promise<void>;
}

/** What one request to the Cosmos API did to documents; `metadata` is everything else. */
export type CosmosOperation =
  'read' | 'create' | 'replace' | 'upsert' | 'delete' | 'query' | 'metadata';

export type CosmosOperationCounts = Record<CosmosOperation, number>;

/**
 * Classifies a request as the Cosmos REST API defines it: document reads and writes under
 * `/dbs/{db}/colls/{coll}/docs`, a POST flagged `x-ms-documentdb-isquery` is a query, a POST
 * flagged `x-ms-documentdb-is-upsert` an upsert. Counted at the server, so every path of the
 * app is seen, whatever client code made the call.
 */
export function classifyCosmosRequest(
  method: string,
  path: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): CosmosOperation {
  const docs = /\/docs(\/[^/]+)?\/?$/.exec(path.split('?')[0] ?? '');
  if (docs === null) {
    return 'metadata';
  }
  const one = docs[1] !== undefined;
  const flag = (name: string) => String(headers[name] ?? '').toLowerCase() === 'true';
  switch (method.toUpperCase()) {
    case 'GET':
      return one ? 'read' : 'query';
    case 'POST':
      return flag('x-ms-documentdb-isquery')
        ? 'query'
        : flag('x-ms-documentdb-is-upsert')
          ? 'upsert'
          : 'create';
    case 'PUT':
      return 'replace';
    case 'DELETE':
      return 'delete';
    default:
      return 'metadata';
  }
}

const noOperations = (): CosmosOperationCounts => ({
  read: 0,
  create: 0,
  replace: 0,
  upsert: 0,
  delete: 0,
  query: 0,
  metadata: 0,
});

/**
 * Starts `@vercel/cosmosdb-server` over plain HTTP on loopback (no certificate, so the real
 * `@azure/cosmos` client needs no TLS exception) and creates the app's database and container
 * with the partition key the code relies on, as the templates in infra/ do in Azure.
 */
export async function startLocalCosmos(options: {
  host?: string;
  port?: number;
  database: string;
  container: string;
}): Promise<LocalCosmos> {
  const host = options.host ?? '127.0.0.1';
  const server = createHttpServer();
  let counts = noOperations();
  server.prependListener('request', (request) => {
    counts[classifyCosmosRequest(request.method ?? 'GET', request.url ?? '/', request.headers)]++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
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
  counts = noOperations();
  return {
    endpoint,
    key: LOCAL_COSMOS_KEY,
    operationCounts: () => ({ ...counts }),
    resetOperationCounts: () => {
      counts = noOperations();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
