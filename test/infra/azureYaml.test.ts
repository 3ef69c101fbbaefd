import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkAzureYaml, type YamlMap } from './support/azureYamlCheck';
import { REPO_ROOT, withBrokenCopy, type Mutation } from './support/brokenCopy';

const API_SERVICE = { name: 'api', host: 'function', language: 'ts', project: '.' };

const azureYamlProblems = (root: string) =>
  checkAzureYaml(
    parseYaml(readFileSync(join(root, 'azure.yaml'), 'utf8')) as YamlMap,
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
