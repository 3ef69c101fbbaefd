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
  close(): Promise<void>;
}

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
  return {
    endpoint,
    key: LOCAL_COSMOS_KEY,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
