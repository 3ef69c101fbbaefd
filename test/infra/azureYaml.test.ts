import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkAzureYaml } from './support/azureYamlCheck';
import { REPO_ROOT, withBrokenCopy, type Mutation } from './support/brokenCopy';
import { parseSimpleYaml } from './support/simpleYaml';

const API_SERVICE = { name: 'api', host: 'function', language: 'ts', project: '.' };

const azureYamlProblems = (root: string) =>
  checkAzureYaml(
    parseSimpleYaml(readFileSync(join(root, 'azure.yaml'), 'utf8')),
    root,
    API_SERVICE,
  );

const problemsAfter = (mutations: readonly Mutation[]) =>
  withBrokenCopy(mutations, azureYamlProblems);

describe('azure.yaml (f)', () => {
  it('declares the api service as a TypeScript function app built from the repository root', () => {
    expect(azureYamlProblems(REPO_ROOT)).toEqual([]);
  });

  it('reports a service hosted elsewhere', () => {
    expect(
      problemsAfter([{ file: 'azure.yaml', find: 'host: function', replace: 'host: appservice' }]),
    ).toEqual(['service api: host is "appservice", expected "function"']);
  });

  it('reports a renamed service', () => {
    expect(problemsAfter([{ file: 'azure.yaml', find: '  api:', replace: '  web:' }])).toEqual([
      'azure.yaml has no service api',
    ]);
  });

  it('reports a project folder without package.json', () => {
    expect(
      problemsAfter([{ file: 'azure.yaml', find: 'project: .', replace: 'project: ./src' }]),
    ).toEqual([
      'service api: project is "./src", expected "."',
      'service api: project ./src has no package.json',
    ]);
  });
});

describe('parseSimpleYaml', () => {
  it('reads nested maps, quoted scalars and comments', () => {
    const doc = parseSimpleYaml(
      [
        '# top',
        'name: "app" # trailing',
        'services:',
        '  api:',
        "    host: 'function'",
        '    url: a#b',
      ].join('\n'),
    );
    expect(doc).toEqual({ name: 'app', services: { api: { host: 'function', url: 'a#b' } } });
  });

  it.each([
    ['a list', 'services:\n  - api'],
    ['a flow map', 'services: { api: {} }'],
    ['a block scalar', 'hooks: |\n  echo'],
    ['a duplicate key', 'name: a\nname: b'],
  ])('refuses %s rather than misreading it', (_what, text) => {
    expect(() => parseSimpleYaml(text)).toThrow();
  });
});
