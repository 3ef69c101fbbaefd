import { Agent } from 'node:https';
import { Container, CosmosClient, type OperationInput } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import {
  DocumentChangedError,
  DocumentConflictError,
  DocumentNotFoundError,
  InvalidContinuationTokenError,
  type BatchOperation,
  type DocumentStore,
  type Page,
  type QuerySpec,
  type StoredDocument,
} from './documentStore';

export interface CosmosStoreOptions {
  readonly endpoint: string;
  /** Only for the local server; in Azure the managed identity authenticates. */
  readonly key?: string;
  readonly credential?: TokenCredential;
  readonly database: string;
  readonly container: string;
  readonly allowSelfSigned?: boolean;
}

/** Creates the Cosmos client once per process: connections are kept alive across invocations. */
export function createCosmosContainer(options: CosmosStoreOptions): Container {
  const auth =
    options.key !== undefined
      ? { key: options.key }
      : options.credential !== undefined
        ? { aadCredentials: options.credential }
        : undefined;
  if (auth === undefined) {
    throw new Error('Cosmos needs a key (local server) or a credential (managed identity)');
  }
  const client = new CosmosClient({
    endpoint: options.endpoint,
    ...auth,
    connectionPolicy: { enableEndpointDiscovery: !options.endpoint.startsWith('http://') },
    ...(options.allowSelfSigned
      ? { agent: new Agent({ keepAlive: true, rejectUnauthorized: false }) }
      : {}),
  });
  return client.database(options.database).container(options.container);
}

/** The HTTP status of a Cosmos error (`ErrorResponse.code`), when it has one. */
function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A batch operation as the client sends it; each names the batch's partition. */
function batchInput(pk: string, operation: BatchOperation): OperationInput {
  switch (operation.kind) {
    case 'create':
      return { operationType: 'Create', resourceBody: { ...operation.document } };
    case 'replace':
      return {
        operationType: 'Replace',
        id: operation.document.id,
        partitionKey: pk,
        ifMatch: operation.etag,
        resourceBody: { ...operation.document },
      };
    case 'read':
      return { operationType: 'Read', id: operation.id, partitionKey: pk };
  }
}

/** The Cosmos DB adapter of `DocumentStore`; every call names its partition. */
export class CosmosDocumentStore implements DocumentStore {
  constructor(private readonly container: Container) {}

  async read<T extends StoredDocument>(pk: string, id: string): Promise<T | undefined> {
    try {
      const { resource } = await this.container.item(id, pk).read<T>();
      return resource ?? undefined;
    } catch (error) {
      if (statusOf(error) === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async create<T extends StoredDocument>(document: T): Promise<T> {
    try {
      const { resource } = await this.container.items.create<T>(document);
      return resource as T;
    } catch (error) {
      if (statusOf(error) === 409) {
        throw new DocumentConflictError(document.pk, document.id);
      }
      throw error;
    }
  }

  async replace<T extends StoredDocument>(document: T, etag: string): Promise<T> {
    try {
      const { resource } = await this.container
        .item(document.id, document.pk)
        .replace<T>(document, { accessCondition: { type: 'IfMatch', condition: etag } });
      return resource as T;
    } catch (error) {
      if (statusOf(error) === 412) {
        throw new DocumentChangedError(document.pk, document.id);
      }
      throw error;
    }
  }

  async batch(pk: string, operations: readonly BatchOperation[]): Promise<StoredDocument[]> {
    const { result } = await this.container.items.batch(
      operations.map((operation) => batchInput(pk, operation)),
      pk,
    );
    const results = result ?? [];
    // A failed batch answers 207: the failing operation has its own status, the others 424.
    const failed = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
    if (failed >= 0 || results.length !== operations.length) {
      const operation = operations[Math.max(failed, 0)]!;
      const id = operation.kind === 'read' ? operation.id : operation.document.id;
      const status = failed >= 0 ? results[failed]!.statusCode : undefined;
      if (status === 409) throw new DocumentConflictError(pk, id);
      if (status === 412) throw new DocumentChangedError(pk, id);
      if (status === 404) throw new DocumentNotFoundError(pk, id);
      throw new Error(`Cosmos batch failed at ${id} with status ${status ?? 'unknown'}`);
    }
    return results.map((r) => r.resourceBody as unknown as StoredDocument);
  }

  async delete(pk: string, id: string): Promise<void> {
    try {
      await this.container.item(id, pk).delete();
    } catch (error) {
      if (statusOf(error) !== 404) {
        throw error;
      }
    }
  }

  async queryPage<T>(
    pk: string,
    spec: QuerySpec,
    page: { limit: number; continuationToken?: string },
  ): Promise<Page<T>> {
    if (!/\bc\.pk = @pk\b/.test(spec.query)) {
      // The partition option alone does not filter on every server (the local one scans all
      // documents), so the query itself must name its partition: a partner sees only its own.
      throw new Error('A single-partition query must filter on c.pk = @pk');
    }
    try {
      const iterator = this.container.items.query<T>(
        { query: spec.query, parameters: [...spec.parameters, { name: '@pk', value: pk }] },
        {
          partitionKey: pk,
          maxItemCount: page.limit,
          ...(page.continuationToken === undefined
            ? {}
            : { continuationToken: page.continuationToken }),
        },
      );
      const response = await iterator.fetchNext();
      return {
        items: response.resources,
        ...(response.continuationToken ? { continuationToken: response.continuationToken } : {}),
      };
    } catch (error) {
      if (page.continuationToken !== undefined && statusOf(error) === 400) {
        throw new InvalidContinuationTokenError();
      }
      throw error;
    }
  }

  async queryAcrossPartitions<T>(spec: QuerySpec, maxItems: number): Promise<T[]> {
    const iterator = this.container.items.query<T>(
      { query: spec.query, parameters: [...spec.parameters] },
      { maxItemCount: Math.min(maxItems, 100) },
    );
    const items: T[] = [];
    while (items.length < maxItems && iterator.hasMoreResults()) {
      const { resources } = await iterator.fetchNext();
      items.push(...resources);
    }
    return items.slice(0, maxItems);
  }

  async ping(): Promise<void> {
    await this.container.read();
  }
}
