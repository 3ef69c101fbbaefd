/**
 * The narrow storage port the domain needs. One container holds every document type, so every
 * document carries its partition key (`pk`) and `type`; `_etag` is the concurrency token.
 */
export interface StoredDocument {
  readonly id: string;
  readonly pk: string;
  readonly type: string;
  readonly _etag?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly continuationToken?: string;
}

export interface QuerySpec {
  readonly query: string;
  readonly parameters: ReadonlyArray<{ name: string; value: string | number | boolean | null }>;
}

/** A write of a transactional batch: create, or replace only if unchanged since `etag`. */
export type BatchWrite<T extends StoredDocument = StoredDocument> =
  | { readonly kind: 'create'; readonly document: T }
  | { readonly kind: 'replace'; readonly document: T; readonly etag: string };

/** One operation of a transactional batch; all of a batch's documents share one partition. */
export type BatchOperation = BatchWrite | { readonly kind: 'read'; readonly id: string };

export interface DocumentStore {
  /** Point read; undefined when absent. */
  read<T extends StoredDocument>(pk: string, id: string): Promise<T | undefined>;
  /** Creates; throws `DocumentConflictError` when the id exists in the partition. */
  create<T extends StoredDocument>(document: T): Promise<T>;
  /** Replaces only if unchanged since `etag`; throws `DocumentChangedError` otherwise. */
  replace<T extends StoredDocument>(document: T, etag: string): Promise<T>;
  /**
   * Runs `operations` in partition `pk` as one transactional batch: one round trip, applied
   * whole or not at all. Returns each operation's document (as stored, or as read), in order.
   * When one would fail nothing is written, and it throws what that operation alone would:
   * `DocumentConflictError` (create), `DocumentChangedError` (replace), `DocumentNotFoundError`
   * (read or replace of a missing document), naming the document.
   */
  batch(pk: string, operations: readonly BatchOperation[]): Promise<StoredDocument[]>;
  /** Deletes; a document that is already gone is not an error. */
  delete(pk: string, id: string): Promise<void>;
  /** A single-partition query, one page at a time; the query filters on `c.pk = @pk`. */
  queryPage<T>(
    pk: string,
    spec: QuerySpec,
    page: { limit: number; continuationToken?: string },
  ): Promise<Page<T>>;
  /**
   * A query over every partition, for background sweeps only (the housekeeping timer): it fans
   * out across the container, so no request path uses it.
   */
  queryAcrossPartitions<T>(spec: QuerySpec, maxItems: number): Promise<T[]>;
  /** Proves the container is reachable (health). */
  ping(): Promise<void>;
}

export class DocumentConflictError extends Error {
  constructor(
    readonly pk: string,
    readonly id: string,
  ) {
    super(`Document ${id} already exists in ${pk}`);
    this.name = 'DocumentConflictError';
  }
}

export class DocumentChangedError extends Error {
  constructor(
    readonly pk: string,
    readonly id: string,
  ) {
    super(`Document ${id} in ${pk} changed since it was read`);
    this.name = 'DocumentChangedError';
  }
}

export class DocumentNotFoundError extends Error {
  constructor(
    readonly pk: string,
    readonly id: string,
  ) {
    super(`Document ${id} does not exist in ${pk}`);
    this.name = 'DocumentNotFoundError';
  }
}

export class InvalidContinuationTokenError extends Error {
  constructor() {
    super('The continuation token is not valid');
    this.name = 'InvalidContinuationTokenError';
  }
}

/** What an update step decides: write this document, or leave it as it is. */
export type UpdateDecision<T> = { readonly write: T } | { readonly keep: true };

/** The longest pause between two attempts of `updateDocument`. */
const MAX_CONFLICT_BACKOFF_MS = 100;

/**
 * A random pause before attempt `attempt + 1`, growing with each lost race: writers that all
 * read the same version would otherwise retry in lockstep and collide again.
 */
export function conflictBackoff(attempt: number): Promise<void> {
  const ceiling = Math.min(MAX_CONFLICT_BACKOFF_MS, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/**
 * Read-decide-write with optimistic concurrency: on a concurrent change the decision is taken
 * again on the fresh document (after a short random pause), so two racing requests never both
 * act on the same state. Returns the document as stored afterwards and whether this call wrote
 * it; throws `DocumentChangedError` when it lost `maxAttempts` races in a row.
 *
 * `held` is a version the caller already read in this request: the first decision is taken on
 * it instead of reading again (a stale one only costs the retry the ETag check triggers).
 * `replace` writes a decision (by default a plain conditional replace; e.g. one that writes an
 * audit event with it); it must throw `DocumentChangedError` when the ETag no longer matches.
 */
export async function updateDocument<T extends StoredDocument>(
  store: DocumentStore,
  pk: string,
  id: string,
  decide: (current: T) => UpdateDecision<T>,
  maxAttempts = 5,
  held?: T,
  replace: (document: T, etag: string) => Promise<T> = (document, etag) =>
    store.replace(document, etag),
): Promise<{ document: T; written: boolean } | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && held?._etag !== undefined ? held : await store.read<T>(pk, id);
    if (current === undefined) {
      return undefined;
    }
    const decision = decide(current);
    if ('keep' in decision) {
      return { document: current, written: false };
    }
    try {
      const document = await replace(decision.write, current._etag!);
      return { document, written: true };
    } catch (error) {
      if (!(error instanceof DocumentChangedError) || attempt >= maxAttempts) {
        throw error;
      }
      await conflictBackoff(attempt);
    }
  }
}

/** Creates `document` unless one with its id exists; true when this call created it. */
export async function createUnlessExists<T extends StoredDocument>(
  store: DocumentStore,
  document: T,
): Promise<boolean> {
  try {
    await store.create<T>(document);
    return true;
  } catch (error) {
    if (error instanceof DocumentConflictError) {
      return false;
    }
    throw error;
  }
}
