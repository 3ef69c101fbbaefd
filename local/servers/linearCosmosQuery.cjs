'use strict';
/**
 * The query engine of the local Cosmos server (`@zeit/cosmosdb-query`, latest 0.7.2) compiles a
 * query's FROM and JOINs into `collection.reduce(($, c) => [...$, { c }], [])`: every document
 * copies the accumulator, so one query over n documents costs n²/2 copies. Measured here: 2.2 s
 * for a query over 20,000 documents, 87 s over 110,000 (longer than the client's 60 s timeout;
 * the housekeeping timer's queries held the server for minutes). Real Cosmos answers the same
 * query from its index in milliseconds.
 *
 * `linearQueries()` makes the engine emit `($.push({ c }), $)` instead: the accumulator is the
 * fresh `[]` each reduce starts from, so pushing onto it gives the same array in linear time.
 * The rewrite is on the engine's JavaScript syntax tree, before code is generated from it, and
 * only touches arrow functions `($, …) => [...$, …]` (or `cond ? [...$, …] : $`), which the
 * engine uses for nothing else; its helper that strips `undefined` from results is replaced by
 * a loop for the same reason. Plain CommonJS: the forked server process requires it as is.
 */
const transformer = require('@zeit/cosmosdb-query/lib/transformer');
const helpers = require('@zeit/cosmosdb-query/lib/helpers');

const isAccumulator = (node) => node && node.type === 'Identifier' && node.name === '$';

/** The syntax tree of `object.method(...args)`. */
function methodCall(object, method, args) {
  return {
    type: 'CallExpression',
    callee: {
      type: 'MemberExpression',
      object: { type: 'Identifier', name: object },
      property: { type: 'Identifier', name: method },
      computed: false,
    },
    arguments: args,
  };
}

/** `[...$, a, ...b]` → `($.push(a, ...b), $)`; anything else unchanged. */
function pushInsteadOfCopy(node) {
  if (
    !node ||
    node.type !== 'ArrayExpression' ||
    node.elements.length < 2 ||
    node.elements[0].type !== 'SpreadElement' ||
    !isAccumulator(node.elements[0].argument)
  ) {
    return node;
  }
  const push = methodCall('$', 'push', node.elements.slice(1));
  return { type: 'SequenceExpression', expressions: [push, { type: 'Identifier', name: '$' }] };
}

function rewrite(node) {
  if (Array.isArray(node)) {
    node.forEach(rewrite);
    return;
  }
  if (!node || typeof node !== 'object') {
    return;
  }
  if (node.type === 'ArrowFunctionExpression' && isAccumulator(node.params[0])) {
    if (node.body.type === 'ConditionalExpression') {
      node.body.consequent = pushInsteadOfCopy(node.body.consequent);
    } else {
      node.body = pushInsteadOfCopy(node.body);
    }
  }
  for (const value of Object.values(node)) {
    rewrite(value);
  }
}

/**
 * The engine's `stripUndefined`, which copies its accumulator per array item too (quadratic in
 * a result's length: an unpaged result such as the query plan request's is every match), as a
 * loop: arrays lose their `undefined` items, objects their `undefined` properties, recursively.
 */
function stripUndefined(value) {
  if (Array.isArray(value)) {
    const kept = [];
    for (const item of value) {
      if (typeof item !== 'undefined') {
        kept.push(stripUndefined(item));
      }
    }
    return kept;
  }
  if (value && typeof value === 'object') {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'undefined') {
        kept[key] = stripUndefined(item);
      }
    }
    return kept;
  }
  return value;
}

let installed = false;

/** Installs the rewrite for every query compiled in this process from now on (once). */
function linearQueries() {
  if (installed) {
    return;
  }
  const transform = transformer.default;
  transformer.default = (sqlAst) => {
    const jsAst = transform(sqlAst);
    rewrite(jsAst);
    return jsAst;
  };
  helpers.stripUndefined = stripUndefined;
  installed = true;
}

module.exports = { linearQueries, methodCall };
