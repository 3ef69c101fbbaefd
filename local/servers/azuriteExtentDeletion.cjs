'use strict';
/**
 * Preloaded (`node -r`) into the Azurite process that `startAzurite` runs.
 *
 * Azurite 3.35's garbage collector deletes the extents of consumed queue messages one at a
 * time, each with LokiJS's `findAndRemove`. That goes through LokiJS's batch removal, which
 * with a binary index (Azurite indexes extents by `id`) rebuilds the index from scratch — a sort
 * of every extent — on every call, synchronously. Once a run has consumed thousands of messages
 * the queue service's only thread is busy for 20–40 s at a time and answers nothing: one
 * acceptance of 10,000 in `npm run bench` waited 44–66 s for its enqueue (CPU profile of the
 * Azurite process: 99 % in `deleteExtents` → `findAndRemove` → `ensureIndex`).
 *
 * Here `deleteExtent` finds the one extent by the index and removes that document, which
 * LokiJS's adaptive index updates in place: the same result, without the re-sort.
 */
const LokiExtentMetadata =
  require('azurite/dist/src/common/persistence/LokiExtentMetadataStore').default;

async function deleteExtent(extentId) {
  const extents = this.db.getCollection(this.EXTENTS_COLLECTION);
  const extent = extents.findOne({ id: extentId });
  if (extent !== null) {
    extents.remove(extent);
  }
}

LokiExtentMetadata.prototype.deleteExtent = deleteExtent;

module.exports = { LokiExtentMetadata };
