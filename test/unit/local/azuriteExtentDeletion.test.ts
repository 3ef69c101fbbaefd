import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The patch Azurite's process preloads (local/servers/azuriteExtentDeletion.cjs) replaces how
 * its extent metadata store deletes an extent; whatever it gains, the store must hold exactly
 * the extents that were not deleted, each still found by its id.
 */
interface Extent {
  id: string;
  locationId: string;
  path: string;
  size: number;
  lastModifiedInMS: number;
}
interface ExtentStore {
  init(): Promise<void>;
  updateExtent(extent: Extent): Promise<void>;
  deleteExtent(id: string): Promise<void>;
  listExtents(id?: string, maxResults?: number, marker?: number): Promise<[Extent[], unknown]>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LokiExtentMetadata } = require('../../../local/servers/azuriteExtentDeletion.cjs') as {
  LokiExtentMetadata: new (dbPath: string, inMemory: boolean) => ExtentStore;
};

test('deleting extents one by one leaves exactly the others, each found by its id', async () => {
  const store = new LokiExtentMetadata(path.join(tmpdir(), `extents-${randomUUID()}.db`), true);
  await store.init();
  const ids = Array.from({ length: 3000 }, (_, i) => `extent-${i}`);
  for (const [i, id] of ids.entries()) {
    await store.updateExtent({ id, locationId: 'memory', path: id, size: i, lastModifiedInMS: i });
  }
  // Every third, in an order unlike the insertion order, and one that does not exist.
  const deleted = ids.filter((_, i) => i % 3 === 0).reverse();
  for (const id of deleted) {
    await store.deleteExtent(id);
  }
  await store.deleteExtent('extent-missing');

  const [left] = await store.listExtents(undefined, 10_000, 0);
  const kept = ids.filter((_, i) => i % 3 !== 0);
  expect(left.map((extent) => extent.id).sort()).toEqual([...kept].sort());
  for (const id of [kept[0]!, kept[999]!, kept.at(-1)!]) {
    const [found] = await store.listExtents(id, 10, 0);
    expect(found.map((extent) => extent.id)).toEqual([id]);
  }
  for (const id of [deleted[0]!, deleted.at(-1)!]) {
    expect((await store.listExtents(id, 10, 0))[0]).toEqual([]);
  }
});
