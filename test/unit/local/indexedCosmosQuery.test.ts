import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CosmosClient, type Container, type FeedOptions, type SqlParameter } from '@azure/cosmos';
import createQuery from '@zeit/cosmosdb-query';
import { LOCAL_COSMOS_KEY } from '../../../local/servers/cosmosServer';

// The patches go in before the server's routes load, as in local/servers/cosmosProcess.cjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { indexedQueries } = require('../../../local/servers/indexedCosmosQuery.cjs') as {
  indexedQueries: () => void;
};
indexedQueries();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createHttpServer } = require('@vercel/cosmosdb-server') as {
  createHttpServer: () => Server;
};

/**
 * The local Cosmos server with its per-partition index, memoized ordered matches and query
 * plans, through the real client: every page must be what the unpatched server answered — the
 * engine over every document of the container, the query filtering on its partition — page by
 * page with the same continuation tokens, also after writes between pages.
 */
type Doc = Record<string, unknown> & { id: string; pk: string };

function fixture(i: number): Doc {
  return {
    id: `doc-${i}`,
    pk: `partner:${i % 3}`,
    type: i % 4 === 0 ? 'invitation' : 'relationship',
    status: i % 5 === 0 ? 'removed' : 'active',
    // Repeated values: ties are broken by _rid, across page boundaries too.
    activatedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 40) * 60_000).toISOString(),
    ...(i % 7 === 0 ? {} : { companyName: `Company ${i % 11}` }),
  };
}

const QUERIES = [
  "SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.status = 'active' ORDER BY c.activatedAt DESC",
  'SELECT * FROM c WHERE c.pk = @pk AND c.type = @type ORDER BY c.companyName',
  'SELECT c.id, c.companyName FROM c WHERE c.pk = @pk AND c.type = @type',
  'SELECT TOP 9 VALUE c.id FROM c WHERE c.pk = @pk AND c.type = @type ORDER BY c.activatedAt',
  'SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk AND c.type = @type',
];

let server: Server;
let endpoint: string;
let container: Container;

beforeAll(async () => {
  server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new CosmosClient({
    endpoint,
    key: LOCAL_COSMOS_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const { database } = await client.databases.createIfNotExists({ id: 'db' });
  ({ container } = await database.containers.createIfNotExists({
    id: 'items',
    partitionKey: { paths: ['/pk'] },
  }));
  for (let i = 0; i < 240; i += 1) {
    await container.items.create(fixture(i));
  }
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/**
 * The unpatched server's page: the engine over every stored document, as the server's read
 * feed lists them (a plain GET: the client's `readAll` is a query, served by the patched path).
 */
async function enginePage(
  sql: string,
  parameters: SqlParameter[],
  maxItemCount: number,
  continuation?: string,
): Promise<{ items: unknown[]; continuation?: string }> {
  const feed = await fetch(`${endpoint}/dbs/db/colls/items/docs`);
  const stored = ((await feed.json()) as { Documents: Record<string, unknown>[] }).Documents;
  expect(stored.length).toBeGreaterThanOrEqual(240);
  const page = createQuery(sql).exec(stored, {
    parameters: parameters as { name: string; value: unknown }[],
    maxItemCount,
    ...(continuation === undefined ? {} : { continuation: JSON.parse(continuation) }),
  });
  return {
    items: page.result,
    ...(page.continuation ? { continuation: JSON.stringify(page.continuation) } : {}),
  };
}

async function serverPage(
  sql: string,
  parameters: SqlParameter[],
  options: FeedOptions,
): Promise<{ items: unknown[]; continuation?: string }> {
  const response = await container.items
    .query({ query: sql, parameters }, { maxItemCount: 10, ...options })
    .fetchNext();
  return {
    items: response.resources,
    ...(response.continuationToken ? { continuation: response.continuationToken } : {}),
  };
}

function parametersFor(pk: string, type: string): SqlParameter[] {
  return [
    { name: '@pk', value: pk },
    { name: '@type', value: type },
  ];
}

/** Follows `sql` page by page through the server, comparing each page with the engine's. */
async function comparePages(
  sql: string,
  parameters: SqlParameter[],
  between?: (page: number) => Promise<void>,
): Promise<number> {
  let continuation: string | undefined;
  let pages = 0;
  do {
    const pk = String(parameters.find((p) => p.name === '@pk')?.value);
    const options = continuation === undefined ? {} : { continuationToken: continuation };
    const expected = await enginePage(sql, parameters, 10, continuation);
    const actual = await serverPage(sql, parameters, { partitionKey: pk, ...options });
    expect({ sql, page: pages, ...actual }).toEqual({ sql, page: pages, ...expected });
    continuation = actual.continuation;
    pages += 1;
    await between?.(pages);
  } while (continuation !== undefined);
  return pages;
}

test('every query answers page by page as the unpatched server did, with the same tokens', async () => {
  let pages = 0;
  for (const sql of QUERIES) {
    for (const [pk, type] of [
      ['partner:0', 'relationship'],
      ['partner:1', 'relationship'],
      ['partner:1', 'invitation'],
    ] as const) {
      pages += await comparePages(sql, parametersFor(pk, type));
      // Loaded again (from the memo this time): the same pages.
      pages += await comparePages(sql, parametersFor(pk, type));
    }
  }
  // Paging was exercised, not just single pages.
  expect(pages).toBeGreaterThan(QUERIES.length * 6 * 2);
});

test('writes show on the next page and the next load, in a partition and across partitions', async () => {
  const sql = QUERIES[0]!;
  const parameters = parametersFor('partner:2', 'relationship');
  const acrossPartitions =
    "SELECT * FROM c WHERE c.type = @type AND c.status = 'active' ORDER BY c.activatedAt DESC";
  const listed = async () =>
    (
      await container.items
        .query<Doc>({ query: sql, parameters }, { partitionKey: 'partner:2' })
        .fetchAll()
    ).resources;
  let next = 1000;
  // One write per page, in turn: a new first customer, one removed, one changed, one written
  // in another partition. After each, the next page and a fresh first page must be current.
  const writes = [
    () =>
      container.items.create({
        ...fixture(next++),
        pk: 'partner:2',
        type: 'relationship',
        status: 'active',
        activatedAt: '2027-01-01',
      }),
    async () => {
      const target = (await listed())[3]!;
      await container.item(target.id, target.pk).delete();
    },
    async () => {
      const target = (await listed())[4]!;
      await container.item(target.id, target.pk).replace({ ...target, activatedAt: '2028-06-01' });
    },
    () =>
      container.items.create({
        ...fixture(next++),
        pk: 'partner:0',
        type: 'relationship',
        status: 'active',
        activatedAt: '2029-01-01',
      }),
  ];
  const pages = await comparePages(sql, parameters, async (page) => {
    await writes[(page - 1) % writes.length]!();
    expect(await serverPage(sql, parameters, { partitionKey: 'partner:2' })).toEqual(
      await enginePage(sql, parameters, 10),
    );
    // And across partitions (the housekeeping timer's kind of query).
    expect((await serverPage(acrossPartitions, parameters, {})).items).toEqual(
      (await enginePage(acrossPartitions, parameters, 10)).items,
    );
  });
  expect(pages).toBeGreaterThan(writes.length);
});

test('a query naming its partition sees only that partition, as in Cosmos', async () => {
  const { resources } = await container.items
    .query<Doc>(
      {
        query: 'SELECT * FROM c WHERE c.type = @type',
        parameters: [{ name: '@type', value: 'invitation' }],
      },
      { partitionKey: 'partner:1' },
    )
    .fetchAll();
  expect(resources.length).toBeGreaterThan(0);
  expect(new Set(resources.map((doc) => doc.pk))).toEqual(new Set(['partner:1']));
});

test('the query plan describes the query instead of running it', async () => {
  const { result: plan } = await container.getQueryPlan({
    query: QUERIES[0]!,
    parameters: parametersFor('partner:0', 'relationship'),
  });
  expect(plan).not.toHaveProperty('Documents');
  expect(plan?.queryRanges).toEqual([
    { min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false },
  ]);
  expect(plan?.queryInfo).toMatchObject({
    top: null,
    orderBy: ['Descending'],
    orderByExpressions: ['c.activatedAt'],
    aggregates: [],
    hasSelectValue: false,
  });
  const top = await container.getQueryPlan({ query: QUERIES[3]!, parameters: [] });
  expect(top.result?.queryInfo).toMatchObject({
    top: 9,
    orderBy: ['Ascending'],
    hasSelectValue: true,
  });
});

test('a client that follows the plan gets the same items as one that does not', async () => {
  for (const sql of QUERIES.slice(0, 4)) {
    for (const partitionKey of ['partner:1', undefined]) {
      const parameters = parametersFor('partner:1', 'relationship');
      const options = partitionKey === undefined ? {} : { partitionKey };
      const plain = await container.items.query({ query: sql, parameters }, options).fetchAll();
      const planned = await container.items
        .query({ query: sql, parameters }, { ...options, forceQueryPlan: true })
        .fetchAll();
      expect({ sql, partitionKey, items: planned.resources }).toEqual({
        sql,
        partitionKey,
        items: plain.resources,
      });
      expect(plain.resources.length).toBeGreaterThan(0);
    }
  }
});
