'use strict';
/**
 * The answer to the client's query plan request (`x-ms-cosmos-is-query-plan-request`), which
 * @azure/cosmos 4.x sends beside every query page. Cosmos answers it from the query text alone
 * (a `PartitionedQueryExecutionInfo`: what the client must do across partitions — TOP, ORDER
 * BY and its rewritten query — and the ranges to ask); the local server used to run the query
 * for it. The client only uses the plan when it forces one (`forceQueryPlan`) or when the
 * gateway refuses a cross-partition query it cannot finish alone; the local server never
 * refuses, so the plan mostly goes unread — but what it says must be right.
 *
 * Written for what the local engine parses (`@zeit/cosmosdb-query`: no DISTINCT, GROUP BY or
 * OFFSET): TOP (a number or parameter), ORDER BY over property paths, `SELECT *` or `SELECT
 * VALUE`. A query it cannot describe (aggregates, a projection list under ORDER BY, ORDER BY
 * over computed expressions) gets `undefined`: the server then answers as before.
 */

const AGGREGATES = new Set(['COUNT', 'SUM', 'MIN', 'MAX', 'AVG']);

/** The query's single range: the local server has one partition key range, "" to "FF". */
const WHOLE_RANGE = { min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false };

/** A property path as SQL (`c.a`, `c["a b"]`, `c.list[0]`), or undefined for anything else. */
function pathText(node) {
  if (node.type === 'identifier') {
    return node.name;
  }
  if (node.type !== 'scalar_member_expression') {
    return undefined;
  }
  const object = pathText(node.object);
  if (object === undefined) {
    return undefined;
  }
  if (!node.computed && node.property.type === 'identifier') {
    return `${object}.${node.property.name}`;
  }
  if (node.property.type === 'string_constant') {
    return `${object}[${JSON.stringify(node.property.value)}]`;
  }
  if (node.property.type === 'number_constant') {
    return `${object}[${node.property.value}]`;
  }
  return undefined;
}

function containsAggregate(node) {
  if (!node || typeof node !== 'object') {
    return false;
  }
  if (
    node.type === 'scalar_function_expression' &&
    AGGREGATES.has(String(node.name && node.name.name).toUpperCase())
  ) {
    return true;
  }
  return Object.values(node).some(containsAggregate);
}

/**
 * Top-level keyword positions in `sql` (outside strings, brackets and parentheses), so the
 * rewritten query keeps the FROM, WHERE and ORDER BY clauses exactly as written.
 */
function clauses(sql) {
  const found = {};
  let depth = 0;
  for (let i = 0; i < sql.length; i += 1) {
    const ch = sql[i];
    if (ch === '"' || ch === "'") {
      for (i += 1; i < sql.length && sql[i] !== ch; i += 1) {
        if (sql[i] === '\\') {
          i += 1;
        }
      }
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth += 1;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth -= 1;
    } else if (depth === 0 && /[A-Za-z]/.test(ch) && !/[\w@$]/.test(sql[i - 1] || ' ')) {
      const word = /^[A-Za-z_]\w*/.exec(sql.slice(i))[0];
      const key = word.toUpperCase();
      if (['FROM', 'WHERE', 'ORDER'].includes(key) && found[key] === undefined) {
        found[key] = i;
      }
      i += word.length - 1;
    }
  }
  return found;
}

function topValue(top, parameters) {
  if (!top) {
    return null;
  }
  if (top.value.type === 'number_constant') {
    return top.value.value;
  }
  const parameter = (parameters || []).find((p) => p.name === top.value.name);
  return parameter && typeof parameter.value === 'number' ? parameter.value : undefined;
}

/**
 * The ORDER BY query as Cosmos rewrites it for the client: each row's sort values
 * (`orderByItems`) and the row itself (`payload`), with the placeholder the client replaces by
 * its continuation filter.
 */
function rewriteOrderBy(query, sql, orderByExpressions) {
  const at = clauses(sql);
  if (at.FROM === undefined || at.ORDER === undefined) {
    return undefined;
  }
  const source = query.from.source;
  const alias = (source.alias || source.expression.expression || {}).name;
  let payload;
  if (query.select['*']) {
    payload = alias;
  } else if (query.select.value) {
    payload = sql
      .slice(0, at.FROM)
      .replace(/^\s*SELECT\s+(TOP\s+\S+\s+)?VALUE\s+/i, '')
      .trim();
  }
  if (!payload || !alias) {
    return undefined;
  }
  const top = query.top ? /^\s*SELECT\s+(TOP\s+\S+)\s/i.exec(sql) : null;
  const items = orderByExpressions.map((e) => `{"item": ${e}}`).join(', ');
  const from = sql.slice(at.FROM, at.WHERE ?? at.ORDER).trim();
  const where =
    at.WHERE === undefined
      ? '{documentdb-formattableorderbyquery-filter}'
      : `(${sql.slice(at.WHERE + 'WHERE'.length, at.ORDER).trim()}) AND ({documentdb-formattableorderbyquery-filter})`;
  return (
    `SELECT ${top ? `${top[1]} ` : ''}${alias}._rid, [${items}] AS orderByItems, ${payload} AS payload\n` +
    `${from}\nWHERE ${where}\n${sql.slice(at.ORDER).trim()}`
  );
}

/**
 * The plan for `sql` (parsed as `ast`, run with `parameters`), or undefined when this module
 * cannot describe it.
 */
function queryPlan(ast, sql, parameters) {
  const query = ast && ast.body;
  if (!query || query.type !== 'select_query' || containsAggregate(query.select)) {
    return undefined;
  }
  const top = topValue(query.top, parameters);
  if (top === undefined) {
    return undefined;
  }
  const sorts = query.orderBy ? query.orderBy.expressions : [];
  const orderByExpressions = sorts.map((sort) => pathText(sort.expression));
  if (orderByExpressions.includes(undefined)) {
    return undefined;
  }
  const rewrittenQuery = sorts.length ? rewriteOrderBy(query, sql, orderByExpressions) : '';
  if (rewrittenQuery === undefined) {
    return undefined;
  }
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: 'None',
      top,
      offset: null,
      limit: null,
      orderBy: sorts.map((sort) =>
        String(sort.order).toUpperCase() === 'DESC' ? 'Descending' : 'Ascending',
      ),
      orderByExpressions,
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery,
      hasSelectValue: Boolean(query.select.value),
      dCountInfo: null,
      hasNonStreamingOrderBy: false,
    },
    queryRanges: [WHOLE_RANGE],
  };
}

module.exports = { queryPlan };
