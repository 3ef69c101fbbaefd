import createQuery from '@zeit/cosmosdb-query';

type Patch = { ignoreCaseStringFunctions: () => void };
const PATCH = '../../../local/servers/ignoreCaseStringFunctions.cjs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ignoreCaseStringFunctions } = require(PATCH) as Patch;
ignoreCaseStringFunctions();

/**
 * The local engine with Cosmos's `ignoreCase` argument on STARTSWITH, ENDSWITH and CONTAINS:
 * the two-argument forms still compare exactly, `true` ignores case, `false` does not.
 */
const docs = [
  { id: '1', name: 'Contoso Ltd', domain: 'contoso.onmicrosoft.com' },
  { id: '2', name: 'contoso gmbh', domain: 'CONTOSO-DE.onmicrosoft.com' },
  { id: '3', name: 'Fabrikam', domain: 'fabrikam.example' },
  { id: '4', name: 42, domain: null },
];
const ids = (query: string, value: string) =>
  createQuery(query)
    .exec(docs, { parameters: [{ name: '@v', value }] })
    .result.map((d: { id: string }) => d.id);

test.each([
  ['SELECT * FROM c WHERE STARTSWITH(c.name, @v)', 'Contoso', ['1']],
  ['SELECT * FROM c WHERE STARTSWITH(c.name, @v, false)', 'Contoso', ['1']],
  ['SELECT * FROM c WHERE STARTSWITH(c.name, @v, true)', 'CONTOSO', ['1', '2']],
  ['SELECT * FROM c WHERE STARTSWITH(c.domain, @v, true)', 'contoso-de', ['2']],
  ['SELECT * FROM c WHERE ENDSWITH(c.domain, @v, true)', '.ONMICROSOFT.COM', ['1', '2']],
  ['SELECT * FROM c WHERE CONTAINS(c.name, @v, true)', 'GMBH', ['2']],
  ['SELECT * FROM c WHERE CONTAINS(c.name, @v)', 'GMBH', []],
])('%s with %s', (query, value, expected) => {
  expect(ids(query, value)).toEqual(expected);
});

test('a wrong number of arguments is a syntax error, as in Cosmos', () => {
  expect(() => ids('SELECT * FROM c WHERE STARTSWITH(c.name)', 'x')).toThrow(/STARTSWITH/);
});
