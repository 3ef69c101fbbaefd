import { classifyCosmosRequest } from '../../../local/servers/cosmosServer';

describe('what a Cosmos REST request does to documents', () => {
  const docs = '/dbs/reseller/colls/items/docs';
  test.each([
    ['GET', `${docs}/inv-1`, {}, 'read'],
    ['POST', docs, {}, 'create'],
    ['POST', docs, { 'x-ms-documentdb-isquery': 'True' }, 'query'],
    // The query plan the client fetches before some queries is one more round trip of the query.
    ['POST', docs, { 'x-ms-cosmos-is-query-plan-request': 'True' }, 'query'],
    ['POST', docs, { 'x-ms-documentdb-is-upsert': 'true' }, 'upsert'],
    // A transactional batch is one round trip, whatever it carries.
    ['POST', docs, { 'x-ms-cosmos-is-batch-request': 'True' }, 'batch'],
    ['PUT', `${docs}/inv-1`, {}, 'replace'],
    ['DELETE', `${docs}/inv-1`, {}, 'delete'],
    ['GET', docs, {}, 'query'],
    ['GET', '/dbs/reseller/colls/items', {}, 'metadata'],
    ['GET', '/dbs/reseller/colls/items/pkranges', {}, 'metadata'],
    ['GET', '/', {}, 'metadata'],
  ] as const)('%s %s %j is a %s', (method, path, headers, expected) => {
    expect(classifyCosmosRequest(method, path, headers)).toBe(expected);
  });
});
