import { CosmosClient } from '@azure/cosmos';
import { startLocalCosmos, type LocalCosmos } from '../../../local/servers/cosmosServer';
import { CosmosDocumentStore } from '../../../shared/store/cosmosDocumentStore';
import {
  DocumentChangedError,
  DocumentConflictError,
  DocumentNotFoundError,
  type StoredDocument,
} from '../../../shared/store/documentStore';

/**
 * Transactional batches through the app's store adapter and the real @azure/cosmos client,
 * against the local server: all or nothing, one round trip, each failure named like the single
 * operation's. The local server applies batches operation by operation unless
 * local/servers/atomicCosmosBatch.cjs makes them atomic, as real Cosmos DB does.
 */
interface Note extends StoredDocument {
  readonly text: string;
}

let cosmos: LocalCosmos;
let client: CosmosClient;
let store: CosmosDocumentStore;

beforeAll(async () => {
  cosmos = await startLocalCosmos({ database: 'batch', container: 'items' });
  client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  store = new CosmosDocumentStore(client.database('batch').container('items'));
}, 30_000);

afterAll(async () => {
  client?.dispose();
  await cosmos?.close();
});

let partition = 0;
const note = (pk: string, id: string, text = id): Note => ({ id, pk, type: 'note', text });

test('a batch writes and reads in one round trip, returning each document in order', async () => {
  const pk = `p${++partition}`;
  const first = await store.create(note(pk, 'a'));
  await cosmos.resetOperationCounts();
  const [replaced, created, read] = (await store.batch(pk, [
    { kind: 'replace', document: { ...first, text: 'a2' } as Note, etag: first._etag! },
    { kind: 'create', document: note(pk, 'b') },
    { kind: 'read', id: 'a' },
  ])) as Note[];
  expect(replaced!.text).toBe('a2');
  expect(created!.id).toBe('b');
  expect(read!.text).toBe('a2');
  const { metadata: _metadata, ...documents } = await cosmos.operationCounts();
  expect(Object.fromEntries(Object.entries(documents).filter(([, n]) => n > 0))).toEqual({
    batch: 1,
  });
  expect((await store.read<Note>(pk, 'b'))?.text).toBe('b');
  // Each written document comes back with its new ETag, which a later write can go against.
  expect(replaced!._etag).toBe((await store.read<Note>(pk, 'a'))?._etag);
  expect(replaced!._etag).not.toBe(first._etag);
  expect(created!._etag).toBe((await store.read<Note>(pk, 'b'))?._etag);
});

test.each([
  ['a create whose id exists', DocumentConflictError, 'a'],
  ['a replace with a stale ETag', DocumentChangedError, 'a'],
  ['a read of a missing document', DocumentNotFoundError, 'missing'],
] as const)('%s fails the batch and writes nothing', async (_, errorType, failingId) => {
  const pk = `p${++partition}`;
  const first = await store.create(note(pk, 'a'));
  const stale = { ...first, _etag: 'stale' };
  const failing = {
    DocumentConflictError: { kind: 'create', document: note(pk, 'a') },
    DocumentChangedError: {
      kind: 'replace',
      document: { ...first, text: 'lost' } as Note,
      etag: 'stale',
    },
    DocumentNotFoundError: { kind: 'read', id: 'missing' },
  } as const;
  // Writes before and after the failing one; none of them may stay.
  const attempt = store.batch(pk, [
    { kind: 'create', document: note(pk, 'before') },
    failing[errorType.name as keyof typeof failing],
    { kind: 'replace', document: { ...stale, text: 'after' } as Note, etag: first._etag! },
  ]);
  await expect(attempt).rejects.toBeInstanceOf(errorType);
  await expect(attempt).rejects.toMatchObject({ pk, id: failingId });
  expect(await store.read(pk, 'before')).toBeUndefined();
  const unchanged = await store.read<Note>(pk, 'a');
  expect(unchanged?.text).toBe('a');
  expect(unchanged?._etag).toBe(first._etag);
});

test('operations see what the batch did before them', async () => {
  const pk = `p${++partition}`;
  // A create then a read of it succeeds; a second create of the same id fails it all.
  const [, read] = (await store.batch(pk, [
    { kind: 'create', document: note(pk, 'x') },
    { kind: 'read', id: 'x' },
  ])) as Note[];
  expect(read!.text).toBe('x');
  await expect(
    store.batch(pk, [
      { kind: 'create', document: note(pk, 'y') },
      { kind: 'create', document: note(pk, 'y', 'twice') },
    ]),
  ).rejects.toBeInstanceOf(DocumentConflictError);
  expect(await store.read(pk, 'y')).toBeUndefined();
});
