'use strict';
/**
 * `@vercel/cosmosdb-server` runs a transactional batch one operation after another and keeps
 * what the operations before a failing one wrote. Real Cosmos DB applies an atomic batch whole
 * or not at all: the failing operation carries its status, every other one 424 (failed
 * dependency), and the response is 207 (multi-status). The app relies on that (a state change
 * and its audit event are one batch), so the local server must too.
 *
 * `atomicBatches()` puts a handler in front of the server's: for an atomic batch it first checks
 * every operation's precondition — create: the id is free; read, replace, delete: the document
 * is there and matches its If-Match — against the state the batch's earlier operations would
 * leave. Only when all hold does it hand the batch to the server's handler, which then cannot
 * fail half-way. The server handles one request at a time between awaits, and neither the check
 * nor the handler awaits after reading the body, so no other request runs in between.
 * Non-atomic (bulk) requests go to the server's handler untouched.
 */
const { Buffer } = require('node:buffer');
const { Readable } = require('node:stream');

const PACKAGE = '@vercel/cosmosdb-server/lib';
const PARTITION_HEADER = 'x-ms-documentdb-partitionkey';

const isTrue = (value) => String(Array.isArray(value) ? value[0] : value).toLowerCase() === 'true';

/** The batch's partition key value (the header holds it as a JSON array of one). */
function partitionOf(req) {
  const header = req.headers[PARTITION_HEADER];
  const parsed = JSON.parse(Array.isArray(header) ? header[0] : header);
  return Array.isArray(parsed) ? parsed[0] : parsed;
}

/**
 * The status each operation would end with, applied in order to `read(id)`'s documents: the
 * index and status of the first that would fail, or undefined when all would succeed.
 */
function firstFailure(operations, read) {
  const overlay = new Map();
  const current = (id) => (overlay.has(id) ? overlay.get(id) : read(id));
  for (let index = 0; index < operations.length; index += 1) {
    const operation = operations[index] || {};
    const id = operation.id ?? (operation.resourceBody && operation.resourceBody.id);
    if (typeof id !== 'string' || id === '') {
      return { index, status: 400 };
    }
    const existing = current(id);
    const matches = !operation.ifMatch || (existing && existing._etag === operation.ifMatch);
    switch (operation.operationType) {
      case 'Create':
        if (existing) return { index, status: 409 };
        overlay.set(id, operation.resourceBody);
        break;
      case 'Upsert':
        if (existing && !matches) return { index, status: 412 };
        overlay.set(id, operation.resourceBody);
        break;
      case 'Read':
        if (!existing) return { index, status: 404 };
        break;
      case 'Replace':
        if (!existing) return { index, status: 404 };
        if (!matches) return { index, status: 412 };
        overlay.set(id, operation.resourceBody);
        break;
      case 'Delete':
        if (!existing) return { index, status: 404 };
        if (!matches) return { index, status: 412 };
        overlay.set(id, null);
        break;
      default:
        return { index, status: 400 };
    }
  }
  return undefined;
}

/** The body the server's handler reads again, on a request that otherwise is `req`. */
function replayed(req, body) {
  return Object.assign(Readable.from([Buffer.from(JSON.stringify(body))]), {
    headers: req.headers,
    method: req.method,
    url: req.url,
  });
}

/** Must run before the server is required: its routes take the batch handler when they load. */
function atomicBatches() {
  if (require.cache[require.resolve(`${PACKAGE}/routes`)] !== undefined) {
    throw new Error('atomicBatches() must run before @vercel/cosmosdb-server is loaded');
  }
  const handlerModule = require(`${PACKAGE}/handler/batch-documents`);
  const json = require(`${PACKAGE}/json`).default;
  const serversBatch = handlerModule.default;
  if (serversBatch.atomic) {
    return;
  }
  const atomicBatch = async (account, req, res, params) => {
    if (!isTrue(req.headers['x-ms-cosmos-batch-atomic'])) {
      return serversBatch(account, req, res, params);
    }
    const body = await json(req);
    const collection = account.database(params.dbId).collection(params.collId);
    if (Array.isArray(body) && collection.read()) {
      const partition = partitionOf(req);
      const failure = firstFailure(body, (id) => collection.document(id, partition).read());
      if (failure !== undefined) {
        res.statusCode = 207;
        return body.map((_, index) => ({
          statusCode: index === failure.index ? failure.status : 424,
          requestCharge: 0,
        }));
      }
    }
    return serversBatch(account, replayed(req, body), res, params);
  };
  atomicBatch.atomic = true;
  handlerModule.default = atomicBatch;
}

module.exports = { atomicBatches, firstFailure };
