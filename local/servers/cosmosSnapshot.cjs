'use strict';
/**
 * Saves and restores what `@vercel/cosmosdb-server` holds (databases, containers, documents
 * with their `_rid`, `_etag` and `_ts`), so the local Cosmos server keeps its data between
 * runs, as the Cosmos DB emulator does. The server keeps its account in a closure; the account
 * class is replaced by one that hands over each instance as it is created, before the server
 * loads (as the other patches in this folder are applied). Documents are restored through the
 * store's own `_set`, so the per-partition index (indexedCosmosQuery.cjs) sees them.
 */
const accountModule = require('@vercel/cosmosdb-server/lib/account');

const SNAPSHOT_VERSION = 1;

/** Calls `onAccount` with each account the server creates (one per listening server). */
function captureAccounts(onAccount) {
  const Account = accountModule.default;
  accountModule.default = class CapturedAccount extends Account {
    constructor(...args) {
      super(...args);
      onAccount(this);
    }
  };
}

/** Items of one level (databases, containers, documents), with the counter their ids come from. */
function itemsOf(items, describe) {
  return {
    ridCount: items._ridCount,
    items: [...items._data.values()].map(describe),
  };
}

/** Everything the account holds, as plain JSON. */
function snapshotOf(account) {
  return {
    version: SNAPSHOT_VERSION,
    databases: itemsOf(account.databases, (database) => ({
      data: database.read(),
      collections: itemsOf(database.collections, (collection) => ({
        data: collection.read(),
        documents: itemsOf(collection.documents, (document) => document.read()),
      })),
    })),
  };
}

/** Puts a snapshot back into a new, empty account. */
function restoreSnapshot(account, snapshot) {
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(`Unknown Cosmos snapshot version ${snapshot.version}`);
  }
  account.databases._ridCount = snapshot.databases.ridCount;
  for (const saved of snapshot.databases.items) {
    account.databases._set(saved.data);
    const database = account.database(saved.data.id);
    database.collections._ridCount = saved.collections.ridCount;
    for (const savedCollection of saved.collections.items) {
      database.collections._set(savedCollection.data);
      const collection = database.collection(savedCollection.data.id);
      collection.documents._ridCount = savedCollection.documents.ridCount;
      for (const document of savedCollection.documents.items) {
        collection.documents._set(document);
      }
    }
  }
}

/** How many documents a snapshot holds, for the start-up line. */
function documentCount(snapshot) {
  return snapshot.databases.items
    .flatMap((database) => database.collections.items)
    .reduce((sum, collection) => sum + collection.documents.items.length, 0);
}

module.exports = { captureAccounts, snapshotOf, restoreSnapshot, documentCount };
