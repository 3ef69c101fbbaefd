'use strict';
/**
 * Cosmos DB's `STARTSWITH`, `ENDSWITH` and `CONTAINS` take an optional third argument,
 * `ignoreCase` (a boolean); the local server's query engine (`@zeit/cosmosdb-query` 0.7.2)
 * knows only the two-argument forms and answers every call with three arguments with a syntax
 * error. `ignoreCaseStringFunctions()` replaces the three built-ins with the forms Cosmos
 * documents: without the flag (or with `false`) they compare exactly, as before; with `true`
 * both strings are lower-cased first. A non-string argument gives `undefined` (no match), as
 * the engine's own built-ins do. Plain CommonJS (the forked server process requires it).
 */
const builtins = require('@zeit/cosmosdb-query/lib/builtin-functions');
const { SyntaxError: QuerySyntaxError } = require('@zeit/cosmosdb-query/lib/parser');

function withIgnoreCase(name, compare) {
  return function stringFunction(...args) {
    if (args.length < 2 || args.length > 3) {
      throw new QuerySyntaxError(`The ${name} function requires 2 or 3 argument(s)`);
    }
    const [value, part, ignoreCase = false] = args;
    if (typeof value !== 'string' || typeof part !== 'string' || typeof ignoreCase !== 'boolean') {
      return undefined;
    }
    return ignoreCase ? compare(value.toLowerCase(), part.toLowerCase()) : compare(value, part);
  };
}

/** Installs the three-argument forms; call before the server (and its engine) runs a query. */
function ignoreCaseStringFunctions() {
  builtins.STARTSWITH = withIgnoreCase('STARTSWITH', (a, b) => a.startsWith(b));
  builtins.ENDSWITH = withIgnoreCase('ENDSWITH', (a, b) => a.endsWith(b));
  builtins.CONTAINS = withIgnoreCase('CONTAINS', (a, b) => a.includes(b));
}

module.exports = { ignoreCaseStringFunctions };
