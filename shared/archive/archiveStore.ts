/** A blob of the archive as read, with the version to write it back against. */
export interface ArchivedText {
  readonly text: string;
  readonly etag: string;
}

/**
 * The narrow port the audit retention needs from blob storage: read a blob, and write it only
 * if nobody changed it since (so two runs cannot overwrite each other's lines).
 */
export interface ArchiveStore {
  /** The blob's text and version; undefined when there is no such blob. */
  read(name: string): Promise<ArchivedText | undefined>;
  /**
   * Writes `text` to blob `name` if it is still the version read: `etag`, or no blob at all
   * when `etag` is undefined. Throws `ArchiveChangedError` otherwise.
   */
  write(name: string, text: string, etag: string | undefined): Promise<void>;
}

export class ArchiveChangedError extends Error {
  constructor(readonly blobName: string) {
    super(`Archive blob ${blobName} changed since it was read`);
    this.name = 'ArchiveChangedError';
  }
}
