import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { checkAzureYaml, hookCommands, hookProblems, type YamlMap } from './support/azureYamlCheck';
import { REPO_ROOT, withBrokenCopy, type Mutation } from './support/brokenCopy';

const API_SERVICE = { name: 'api', host: 'function', language: 'ts', project: '.' };
const CONSOLE_SERVICE = {
  name: 'console',
  host: 'staticwebapp',
  language: 'ts',
  project: 'console',
  dist: '../dist/console',
};
const CONFIG_WRITER = 'tools/writeConsoleConfig.mjs';

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

describe('azure.yaml: the partner console', () => {
  const text = readFileSync(join(REPO_ROOT, 'azure.yaml'), 'utf8');
  const consoleProblems = (yaml: string) =>
    checkAzureYaml(parseYaml(yaml) as YamlMap, REPO_ROOT, CONSOLE_SERVICE);
  const hookProblemsOf = (yaml: string) =>
    hookProblems(hookCommands(parseYaml(yaml) as YamlMap, REPO_ROOT));

  it('declares the console as a Static Web App uploading the folder vite builds', () => {
    expect(consoleProblems(text)).toEqual([]);
    const viteConfig = readFileSync(join(REPO_ROOT, 'console', 'vite.config.mts'), 'utf8');
    expect(viteConfig).toContain(
      "outDir: fileURLToPath(new URL('../dist/console', import.meta.url))",
    );
    // azd's `npm run build` for the service runs the repository's build, which builds the console.
    const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.build).toContain('npm run -s build:console');
    expect(scripts['build:console']).toContain('vite build --config console/vite.config.mts');
  });

  it('reports an upload folder other than the build output', () => {
    expect(consoleProblems(text.replace('dist: ../dist/console', 'dist: dist'))).toEqual([
      'service console: dist is "dist", expected "../dist/console"',
    ]);
  });

  it("writes the console's config.json after provisioning and before each console upload, on every OS", () => {
    const commands = hookCommands(parseYaml(text) as YamlMap, REPO_ROOT);
    const writers = commands
      .filter((command) => command.run.includes(CONFIG_WRITER.split('/')[1]!))
      .map(({ hook, platform }) => `${hook} ${platform}`)
      .sort();
    expect(writers).toEqual([
      'console.predeploy posix',
      'console.predeploy windows',
      'postprovision posix',
      'postprovision windows',
    ]);
    expect(hookProblems(commands)).toEqual([]);
  });

  it('reports a hook script missing from where azd runs the hook', () => {
    expect(hookProblemsOf(text.replace(/run: node \.\.\/tools\//g, 'run: node tools/'))).toEqual([
      'hook console.predeploy (posix): tools/writeConsoleConfig.mjs does not exist',
      'hook console.predeploy (windows): tools/writeConsoleConfig.mjs does not exist',
    ]);
  });

  it('reports a hook that runs on one kind of machine only', () => {
    const doc = parseYaml(text) as { hooks: { postprovision: Record<string, unknown> } };
    delete doc.hooks.postprovision.windows;
    expect(hookProblems(hookCommands(doc as YamlMap, REPO_ROOT))).toEqual([
      'hook postprovision runs only on posix',
    ]);
  });
});
