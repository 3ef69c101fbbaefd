import type { TokenCredential } from '@azure/core-auth';
import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';
import { ArchiveChangedError, type ArchiveStore, type ArchivedText } from './archiveStore';

export type BlobArchiveOptions =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | {
      readonly kind: 'identity';
      readonly blobServiceUri: string;
      readonly credential: TokenCredential;
    };

/**
 * The archive in a blob container of the storage account: Azurite's blob service locally (by
 * connection string), the account's blob endpoint with the managed identity in Azure (Storage
 * Blob Data Owner, infra/app/rbac.bicep). The container is created on first use if missing
 * (the template creates it in Azure).
 */
export class BlobArchiveStore implements ArchiveStore {
  private client: ContainerClient | undefined;
  private ready: Promise<unknown> | undefined;

  /**
   * Connects on first use: a run with nothing to archive needs no blob endpoint (the local
   * test stacks start Azurite's blob service only where they archive).
   */
  constructor(
    private readonly options: BlobArchiveOptions,
    private readonly containerName: string,
  ) {}

  private get container(): ContainerClient {
    this.client ??= (
      this.options.kind === 'connectionString'
        ? BlobServiceClient.fromConnectionString(this.options.connectionString)
        : new BlobServiceClient(this.options.blobServiceUri, this.options.credential)
    ).getContainerClient(this.containerName);
    return this.client;
  }

  async read(name: string): Promise<ArchivedText | undefined> {
    await this.containerReady();
    try {
      const response = await this.container.getBlockBlobClient(name).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody!) chunks.push(chunk as Buffer);
      return { text: Buffer.concat(chunks).toString('utf8'), etag: response.etag! };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async write(name: string, text: string, etag: string | undefined): Promise<void> {
    await this.containerReady();
    const body = Buffer.from(text, 'utf8');
    try {
      await this.container.getBlockBlobClient(name).upload(body, body.length, {
        conditions: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
        blobHTTPHeaders: { blobContentType: 'application/x-ndjson; charset=utf-8' },
      });
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) {
        throw new ArchiveChangedError(name);
      }
      throw error;
    }
  }

  private containerReady(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
