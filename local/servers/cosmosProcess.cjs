'use strict';
/**
 * The local Cosmos server in its own process: `@vercel/cosmosdb-server` answers a query by
 * scanning every document, and in the functions host's process that scan stalls every request
 * and handler. Its query engine is made linear first (linearCosmosQuery.cjs), then queries
 * naming a partition scan only that partition, repeated ones reuse their ordered matches until
 * a write, and query plan requests get a plan (indexedCosmosQuery.cjs); string functions take
 * Cosmos's `ignoreCase` argument (ignoreCaseStringFunctions.cjs); transactional batches
 * apply whole or not at all (atomicCosmosBatch.cjs), as in Cosmos DB. The parent
 * (local/servers/cosmosServer.ts) forks this file and talks to it over
 * the IPC channel: `{ ready: port }` once it listens, then `counts` and `reset` requests for the
 * operation counter. With a `dataFile`, what it holds is restored from that file at start and
 * saved to it after changes and when it stops (cosmosSnapshot.cjs, snapshotFile.cjs).
 * Plain CommonJS, so it runs the same under ts-jest and from dist/.
 */
const { atomicBatches } = require('./atomicCosmosBatch.cjs');
const {
  captureAccounts,
  documentCount,
  restoreSnapshot,
  snapshotOf,
} = require('./cosmosSnapshot.cjs');
const { periodicSaver, readSnapshot } = require('./snapshotFile.cjs');
const { linearQueries } = require('./linearCosmosQuery.cjs');
const { indexedQueries } = require('./indexedCosmosQuery.cjs');
const { ignoreCaseStringFunctions } = require('./ignoreCaseStringFunctions.cjs');

/**
 * Classifies a request as the Cosmos REST API defines it: document reads and writes under
 * `/dbs/{db}/colls/{coll}/docs`, a POST flagged `x-ms-documentdb-isquery` is a query (as is the
 * query plan the client asks for first, `x-ms-cosmos-is-query-plan-request`), a POST flagged
 * `x-ms-cosmos-is-batch-request` a batch (one request, however many operations it carries), a
 * POST flagged `x-ms-documentdb-is-upsert` an upsert; everything else is `metadata`.
 */
function classifyCosmosRequest(method, path, headers) {
  const docs = /\/docs(\/[^/]+)?\/?$/.exec(path.split('?')[0] || '');
  if (docs === null) {
    return 'metadata';
  }
  const one = docs[1] !== undefined;
  const flag = (name) => String(headers[name] ?? '').toLowerCase() === 'true';
  switch (method.toUpperCase()) {
    case 'GET':
      return one ? 'read' : 'query';
    case 'POST':
      if (flag('x-ms-documentdb-isquery') || flag('x-ms-cosmos-is-query-plan-request')) {
        return 'query';
      }
      if (flag('x-ms-cosmos-is-batch-request')) {
        return 'batch';
      }
      return flag('x-ms-documentdb-is-upsert') ? 'upsert' : 'create';
    case 'PUT':
      return 'replace';
    case 'DELETE':
      return 'delete';
    default:
      return 'metadata';
  }
}

const noOperations = () => ({
  read: 0,
  create: 0,
  replace: 0,
  upsert: 0,
  delete: 0,
  batch: 0,
  query: 0,
  metadata: 0,
});

/** A request that can change what the server holds (anything but reads and queries). */
function changes(method, operation) {
  return method !== 'GET' && operation !== 'query' && operation !== 'read';
}

function serve({ host, port, dataFile }) {
  atomicBatches();
  linearQueries();
  indexedQueries();
  ignoreCaseStringFunctions();
  let saver;
  let restored = 0;
  if (dataFile !== undefined) {
    const saved = readSnapshot(dataFile);
    captureAccounts((account) => {
      if (saved !== undefined) {
        restoreSnapshot(account, saved);
        restored = documentCount(saved);
      }
      saver = periodicSaver(dataFile, () => snapshotOf(account));
    });
  }
  // Loaded after the patches: the server's routes take the batch and query handlers as they load.
  const { createHttpServer } = require('@vercel/cosmosdb-server');
  // Keep-alive, as Cosmos DB's gateway does: the server's default closes every connection, so
  // each request of the client paid a new TCP connection. Idle connections stay open until the
  // client closes them: the client's agent keeps them without a timeout of its own, and a server
  // that closed them after Node's default 5 s raced the client's next request on them (a write
  // failed with "socket hang up").
  const server = createHttpServer({ keepAlive: true });
  server.keepAliveTimeout = 0;
  let counts = noOperations();
  server.prependListener('request', (request, response) => {
    const method = request.method || 'GET';
    const operation = classifyCosmosRequest(method, request.url || '/', request.headers);
    counts[operation]++;
    if (saver !== undefined && changes(method, operation)) {
      response.once('finish', () => saver.changed());
    }
  });
  server.once('error', (error) => {
    process.send({ error: String(error && error.message) });
    process.exit(1);
  });
  server.listen(port, host, () => process.send({ ready: server.address().port, restored }));
  process.on('message', (message) => {
    if (message.command === 'reset') {
      counts = noOperations();
    }
    process.send({ id: message.id, counts });
  });
  // Stopped, or the parent went away (closed the channel, or was killed): save what is pending,
  // then there is nothing left to serve.
  const stop = () => {
    saver?.flush();
    process.exit(0);
  };
  process.on('disconnect', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  try {
    serve(JSON.parse(process.argv[2]));
  } catch (error) {
    // A data file that cannot be read: the parent reports why instead of a bare exit code.
    process.send({ error: String(error && error.message) }, () => process.exit(1));
  }
}

module.exports = { classifyCosmosRequest };
