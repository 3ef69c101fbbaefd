import type { Attributes } from '@opentelemetry/api';
import type {
  BatchOperation,
  DocumentStore,
  QuerySpec,
  StoredDocument,
} from '../store/documentStore';
import { noteInvitationTrace } from './journey';
import { countFunnelStep, type FunnelStep } from './metrics';
import { withDependencySpan } from './spans';
import { currentTraceCarrier, type TraceCarrier } from './traceContext';

interface TracedDocument extends StoredDocument {
  readonly trace?: TraceCarrier;
}

/**
 * The document store seen by telemetry, wrapped around the Cosmos adapter at the composition
 * root so no service changes for it: every call is a Cosmos DB dependency span; an invitation is
 * created with the trace context it was created in (`trace`) and every read of it notes that
 * context for the invocation (journey.ts); an audit event that is a funnel step counts once,
 * when the write that created it succeeded (a retried write that finds it is a conflict).
 */
export function tracedStore(
  store: DocumentStore,
  target: { readonly database: string; readonly container: string },
  funnelStepOf: (document: StoredDocument) => FunnelStep | undefined,
): DocumentStore {
  const span = <T>(operation: string, call: () => Promise<T>, extra: Attributes = {}) =>
    withDependencySpan(
      `cosmos ${operation}`,
      {
        'db.system': 'cosmosdb',
        'db.operation.name': operation,
        'db.namespace': target.database,
        'db.collection.name': target.container,
        ...extra,
      },
      call,
    );
  return {
    read: <T extends StoredDocument>(pk: string, id: string) =>
      span('read', async () => noted(await store.read<T>(pk, id))),
    create: <T extends StoredDocument>(document: T) =>
      span('create', async () => {
        const created = await store.create(withTrace(document));
        countFunnel([created], funnelStepOf);
        return created;
      }),
    replace: <T extends StoredDocument>(document: T, etag: string) =>
      span('replace', () => store.replace(document, etag)),
    batch: (pk: string, operations: readonly BatchOperation[]) =>
      span(
        'batch',
        async () => {
          const results = await store.batch(
            pk,
            operations.map((operation) =>
              operation.kind === 'create'
                ? { ...operation, document: withTrace(operation.document) }
                : operation,
            ),
          );
          countFunnel(
            results.filter((_, index) => operations[index]?.kind === 'create'),
            funnelStepOf,
          );
          results
            .filter((_, index) => operations[index]?.kind === 'read')
            .forEach((document) => noted(document));
          return results;
        },
        { 'db.operation.batch.size': operations.length },
      ),
    delete: (pk: string, id: string) => span('delete', () => store.delete(pk, id)),
    queryPage: <T>(
      pk: string,
      spec: QuerySpec,
      page: { limit: number; continuationToken?: string },
    ) => span('query', () => store.queryPage<T>(pk, spec, page)),
    queryAcrossPartitions: <T>(spec: QuerySpec, maxItems: number) =>
      span('query across partitions', () => store.queryAcrossPartitions<T>(spec, maxItems)),
    ping: () => span('ping', () => store.ping()),
  };
}

function withTrace<T extends StoredDocument>(document: T): T {
  if (document.type !== 'invitation' || (document as TracedDocument).trace !== undefined) {
    return document;
  }
  const carrier = currentTraceCarrier();
  return carrier === undefined ? document : { ...document, trace: carrier };
}

function noted<T extends StoredDocument | undefined>(document: T): T {
  const carrier = (document as TracedDocument | undefined)?.trace;
  if (document?.type === 'invitation' && carrier !== undefined) {
    noteInvitationTrace(document.id, carrier);
  }
  return document;
}

function countFunnel(
  created: readonly StoredDocument[],
  funnelStepOf: (document: StoredDocument) => FunnelStep | undefined,
): void {
  for (const document of created) {
    const step = funnelStepOf(document);
    if (step !== undefined) countFunnelStep(step);
  }
}
