import createQuery from '@zeit/cosmosdb-query';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { linearQueries } = require('../../../local/servers/linearCosmosQuery.cjs') as {
  linearQueries: () => void;
};

/**
 * The local Cosmos server's query engine, rewritten to accumulate in linear time: every query
 * must answer exactly as the engine did before the rewrite, page by page.
 */
const documents = Array.from({ length: 300 }, (_, i) => ({
  _rid: `rid${i}`,
  id: `doc-${i}`,
  pk: `partner:${i % 3}`,
  type: i % 4 === 0 ? 'relationship' : 'invitation',
  status: i % 5 === 0 ? 'expired' : 'active',
  activatedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 300) * 60_000).toISOString(),
  ...(i % 6 === 0 ? {} : { companyName: `Company ${i % 17}` }),
  ...(i % 9 === 0 ? { optional: undefined, nested: { kept: i, dropped: undefined } } : {}),
  ...(i % 2 === 0
    ? { children: [{ name: `a${i}`, pets: [{ kind: 'cat' }, { kind: 'dog' }] }, { name: `b${i}` }] }
    : {}),
}));

const parameters = [
  { name: '@pk', value: 'partner:1' },
  { name: '@type', value: 'relationship' },
];

const QUERIES = [
  "SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.status = 'active' ORDER BY c.activatedAt DESC",
  'SELECT c.id, c.companyName FROM c WHERE c.pk = @pk ORDER BY c.id',
  'SELECT c.id, ch.name FROM c JOIN ch IN c.children WHERE c.pk = @pk',
  'SELECT c.id, ch.name, p.kind FROM c JOIN ch IN c.children JOIN p IN ch.pets',
  'SELECT VALUE c.children[0] FROM c WHERE IS_DEFINED(c.children)',
  'SELECT c.companyName FROM c JOIN c.children',
  'SELECT TOP 7 c.id FROM c WHERE c.status = "expired" ORDER BY c.activatedAt',
  'SELECT VALUE COUNT(1) FROM c WHERE c.type = @type',
  'SELECT c.id, c.nested, [c.optional, c.id] AS pair FROM c WHERE IS_DEFINED(c.nested)',
];

/** `sql`'s whole result, unpaged (as the server answers the client's query plan request). */
function unpaged(sql: string): unknown[] {
  return createQuery(sql).exec(documents, { parameters }).result;
}

/** Every page of `sql` over the documents, following the continuation as the server does. */
function allPages(sql: string): unknown[][] {
  const pages: unknown[][] = [];
  let continuation: { token: string } | undefined;
  do {
    const page = createQuery(sql).exec(documents, { parameters, maxItemCount: 25, continuation });
    pages.push(page.result);
    continuation = page.continuation ?? undefined;
  } while (continuation !== undefined && pages.length < 100);
  return pages;
}

test('the rewritten engine answers every query as the original did, page by page', () => {
  const before = QUERIES.map(allPages);
  const beforeUnpaged = QUERIES.map(unpaged);
  expect(createQuery(QUERIES[0]!).code).toContain('[...$,');

  linearQueries();

  const rewritten = createQuery(QUERIES[0]!).code;
  expect(rewritten).not.toContain('[...$,');
  expect(rewritten).toContain('$.push(');
  const after = QUERIES.map(allPages);
  expect(after).toEqual(before);
  expect(QUERIES.map(unpaged)).toEqual(beforeUnpaged);
  // Every query found something to compare: no join or filter is vacuous.
  expect(before.every((pages) => pages.flat().length > 0)).toBe(true);
});
