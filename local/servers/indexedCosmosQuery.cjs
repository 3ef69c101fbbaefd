'use strict';
/**
 * What the local Cosmos server (`@vercel/cosmosdb-server`) does per query, and real Cosmos does
 * not: it runs the query over every document of the container, ignoring the partition key the
 * client names, and sorts every match to cut one page of them. At 10,000 customers a Customers
 * page scanned ~110,000 documents and sorted 10,000 relationships, twice (the client's query
 * plan request ran the query too): ~185 ms of the server's single thread per page, so eight
 * concurrent page loads waited 1.7 s (p50).
 *
 * `indexedQueries()` installs, before the server is loaded:
 * - a per-partition document index, kept by the server's own write paths (`_set`, `delete`);
 * - a query handler that runs a query carrying `x-ms-documentdb-partitionkey` over that
 *   partition's documents only (as Cosmos does: such a query never sees another partition),
 *   and answers the client's query plan request with a plan (`queryPlan.cjs`) instead of
 *   running the query;
 * - a memo of each query's ordered matches (the engine's result before it cuts a page), per
 *   partition (or the whole container) and parameters, dropped by any write to that
 *   partition (or container). Later pages and repeated loads cut their page from it, as Cosmos
 *   walks its index instead of re-reading every document.
 * Results, their order and continuation tokens are the engine's own: the memo only skips
 * recomputing a list that no write can have changed. Plain CommonJS (the forked process).
 */
const helpers = require('@zeit/cosmosdb-query/lib/helpers');
const transformer = require('@zeit/cosmosdb-query/lib/transformer');
const Items = require('@vercel/cosmosdb-server/lib/account/items').default;
const queryDocumentsModule = require('@vercel/cosmosdb-server/lib/handler/query-documents');
const readItems = require('@vercel/cosmosdb-server/lib/handler/_read-items').default;
const readJson = require('@vercel/cosmosdb-server/lib/json').default;
const trueHeader = require('@vercel/cosmosdb-server/lib/true-header').default;
const { queryPlan } = require('./queryPlan.cjs');
const { methodCall } = require('./linearCosmosQuery.cjs');

/** Memoized queries per scope, at most (a scope's memo starts over beyond it). */
const MEMO_LIMIT = 64;

/** A set of documents a query runs over, and what was computed from them since they changed. */
class Scope {
  constructor() {
    this.items = new Map();
    this.snapshot = undefined;
    this.memo = new Map();
  }

  changed() {
    this.snapshot = undefined;
    this.memo = new Map();
  }

  documents() {
    if (this.snapshot === undefined) {
      this.snapshot = [...this.items.values()].map((item) => item.read());
    }
    return this.snapshot;
  }
}

/** The partitions of one container's documents (an `Items`), created on first use. */
function indexOf(items) {
  if (items.__partitions === undefined) {
    items.__partitions = new Map();
    items.__whole = new Scope();
    for (const item of items._data.values()) {
      partitionScope(items, items._getPartition(item.read())).items.set(item.read()._rid, item);
    }
    items.__whole.items = items._data;
  }
  return items;
}

function partitionScope(items, partition) {
  let scope = items.__partitions.get(partition);
  if (scope === undefined) {
    scope = new Scope();
    items.__partitions.set(partition, scope);
  }
  return scope;
}

function installIndex() {
  const set = Items.prototype._set;
  Items.prototype._set = function indexedSet(data) {
    const stored = set.call(this, data);
    indexOf(this);
    const scope = partitionScope(this, this._getPartition(stored));
    scope.items.set(stored._rid, this._data.get(stored._rid));
    scope.changed();
    this.__whole.changed();
    return stored;
  };
  const remove = Items.prototype.delete;
  Items.prototype.delete = function indexedDelete(idOrRid, partition) {
    const data = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    indexOf(this);
    const scope = partitionScope(this, this._getPartition(data));
    scope.items.delete(data._rid);
    if (scope.items.size === 0) {
      this.__partitions.delete(this._getPartition(data));
    }
    scope.changed();
    this.__whole.changed();
  };
}

/** The memo slot of the query being executed (queries run synchronously, one at a time). */
let running;

/** Runs `compute` (a query's ordered matches) once per slot until its scope changes. */
function memo(compute) {
  const slot = running;
  if (slot === undefined) {
    return compute();
  }
  const { scope, key } = slot;
  if (scope.memo.has(key)) {
    return scope.memo.get(key);
  }
  const value = compute();
  if (scope.memo.size >= MEMO_LIMIT) {
    scope.memo = new Map();
  }
  scope.memo.set(key, value);
  return value;
}

/**
 * The engine compiles a paged query into `$h.paginate(<ordered matches>, …)`: the matches
 * become `$h.memo(() => <ordered matches>)`. Aggregates (no `paginate`) are left as they are.
 */
function memoizeMatches(jsAst) {
  const statement = jsAst && jsAst.body && jsAst.body.body && jsAst.body.body[0];
  const call = statement && statement.type === 'ReturnStatement' ? statement.argument : undefined;
  const callee = call && call.type === 'CallExpression' ? call.callee : undefined;
  if (
    callee &&
    callee.type === 'MemberExpression' &&
    callee.object.name === '$h' &&
    callee.property.name === 'paginate'
  ) {
    call.arguments[0] = methodCall('$h', 'memo', [
      { type: 'ArrowFunctionExpression', params: [], body: call.arguments[0], expression: true },
    ]);
  }
  return jsAst;
}

/**
 * The partition a request names in `x-ms-documentdb-partitionkey` (`["value"]`), or undefined
 * for none, a hierarchical key or the `None` partition (`[{}]`): those run over the container.
 */
function requestPartition(header) {
  if (typeof header !== 'string') {
    return undefined;
  }
  let parsed;
  try {
    parsed = JSON.parse(header);
  } catch {
    return undefined;
  }
  const value = Array.isArray(parsed) ? (parsed.length === 1 ? parsed[0] : undefined) : parsed;
  return value !== null && typeof value === 'object' ? undefined : value;
}

/**
 * `items.query` (the server's), over the partition's documents when `partition` is given, with
 * the ordered matches memoized per scope. Null when the container is gone (the server's 404).
 */
function scopedQuery(items, body, { maxItemCount, continuation, partition }) {
  const container = items._parent.read();
  if (!container) {
    return null;
  }
  indexOf(items);
  const scope =
    partition === undefined ? items.__whole : items.__partitions.get(partition) || new Scope();
  const udf = items._userDefinedFunctions();
  const query = items._getQuery(body.query);
  const deterministic = !udf || Object.keys(udf).length === 0;
  running = deterministic
    ? { scope, key: `${body.query}\u0000${JSON.stringify(body.parameters || [])}` }
    : undefined;
  try {
    return query.exec(scope.documents(), {
      parameters: body.parameters,
      udf,
      maxItemCount,
      continuation,
      compositeIndexes:
        (container.indexingPolicy && container.indexingPolicy.compositeIndexes) || [],
    });
  } catch (error) {
    error.badRequest = true;
    throw error;
  } finally {
    running = undefined;
  }
}

/** The server's POST …/docs query handler, scoped by partition and answering plan requests. */
function queryDocuments(account, req, res, { dbId, collId }) {
  return readItems(req, res, 'Documents', async ({ continuation, maxItemCount }) => {
    const body = await readJson(req);
    if (!body.query) {
      res.statusCode = 400;
      return { message: 'missing query' };
    }
    const collection = account.database(dbId).collection(collId);
    const partition = requestPartition(req.headers['x-ms-documentdb-partitionkey']);
    if (partition === undefined && !trueHeader(req, 'x-ms-documentdb-query-enablecrosspartition')) {
      const { partitionKey } = collection.read() || {};
      const paths = (partitionKey || {}).paths || [];
      if (
        paths.length &&
        !collection.documents._getQuery(body.query).containsPartitionKeys(paths)
      ) {
        res.statusCode = 400;
        return { message: 'missing partition keys' };
      }
    }
    try {
      if (trueHeader(req, 'x-ms-cosmos-is-query-plan-request')) {
        const plan = collection.read()
          ? queryPlan(collection.documents._getQuery(body.query).ast, body.query, body.parameters)
          : null;
        if (plan !== undefined) {
          return plan;
        }
      }
      return scopedQuery(collection.documents, body, { continuation, maxItemCount, partition });
    } catch (error) {
      if (error.badRequest) {
        res.statusCode = 400;
        return { message: error.message };
      }
      throw error;
    }
  });
}

let installed = false;

/** Installs all of the above in this process; must run before `@vercel/cosmosdb-server` loads. */
function indexedQueries() {
  if (installed) {
    return;
  }
  installIndex();
  helpers.memo = memo;
  const transform = transformer.default;
  transformer.default = (sqlAst) => memoizeMatches(transform(sqlAst));
  queryDocumentsModule.default = queryDocuments;
  installed = true;
}

module.exports = { indexedQueries };
