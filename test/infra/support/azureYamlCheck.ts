import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A parsed YAML mapping (from the `yaml` package): values are whatever the file holds. */
export interface YamlMap {
  readonly [key: string]: unknown;
}

function mapOf(value: unknown): YamlMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as YamlMap)
    : undefined;
}

export interface ExpectedService {
  readonly name: string;
  readonly host: string;
  readonly language: string;
  readonly project: string;
  /** The built files azd uploads (`dist`, relative to the project); none for a zip of the project. */
  readonly dist?: string;
}

/**
 * Checks the azd project file: a `name`, the expected service with its host, language and project
 * folder (which must hold a package.json), and an `infra` section, if any, that points at an
 * existing module.
 */
export function checkAzureYaml(
  doc: YamlMap,
  projectRoot: string,
  expected: ExpectedService,
): string[] {
  const problems: string[] = [];
  if (typeof doc.name !== 'string' || doc.name === '') problems.push('azure.yaml has no name');
  const services = mapOf(doc.services);
  if (services === undefined) return [...problems, 'azure.yaml has no services'];
  const service = mapOf(services[expected.name]);
  if (service === undefined) return [...problems, `azure.yaml has no service ${expected.name}`];
  for (const key of ['host', 'language', 'project', 'dist'] as const) {
    if (service[key] !== expected[key]) {
      problems.push(
        `service ${expected.name}: ${key} is ${JSON.stringify(service[key])}, expected ${JSON.stringify(expected[key])}`,
      );
    }
  }
  // A service deployed as built files may use the repository's package.json (npm finds it from
  // the project folder); one deployed as a zip of its folder needs its own.
  const packageJsonFolder =
    expected.dist === undefined || typeof service.project !== 'string'
      ? service.project
      : dirname(resolve(projectRoot, service.project));
  if (
    typeof packageJsonFolder === 'string' &&
    !existsSync(join(resolve(projectRoot, packageJsonFolder), 'package.json'))
  ) {
    problems.push(
      `service ${expected.name}: project ${String(service.project)} has no package.json`,
    );
  }
  const infra = mapOf(doc.infra);
  const infraPath = typeof infra?.path === 'string' ? infra.path : 'infra';
  const infraModule = typeof infra?.module === 'string' ? infra.module : 'main';
  if (!existsSync(join(resolve(projectRoot, infraPath), `${infraModule}.bicep`))) {
    problems.push(`azure.yaml infra ${infraPath}/${infraModule}.bicep does not exist`);
  }
  return problems;
}

/** One hook command as azd runs it: where (project root or a service's folder) and for which OS. */
export interface HookCommand {
  readonly hook: string;
  readonly platform: 'posix' | 'windows' | 'any';
  readonly run: string;
  readonly cwd: string;
}

/** Every hook command of the project and of its services, with the folder azd runs it in. */
export function hookCommands(doc: YamlMap, projectRoot: string): HookCommand[] {
  const commands: HookCommand[] = [];
  const collect = (hooks: YamlMap | undefined, cwd: string, owner: string) => {
    for (const [name, entry] of Object.entries(hooks ?? {})) {
      const hook = mapOf(entry);
      if (hook === undefined) continue;
      const hookName = `${owner}${name}`;
      if (typeof hook.run === 'string')
        commands.push({ hook: hookName, platform: 'any', run: hook.run, cwd });
      for (const platform of ['posix', 'windows'] as const) {
        const run = mapOf(hook[platform])?.run;
        if (typeof run === 'string') commands.push({ hook: hookName, platform, run, cwd });
      }
    }
  };
  collect(mapOf(doc.hooks), projectRoot, '');
  for (const [name, entry] of Object.entries(mapOf(doc.services) ?? {})) {
    const service = mapOf(entry);
    const project = typeof service?.project === 'string' ? service.project : '.';
    collect(mapOf(service?.hooks), resolve(projectRoot, project), `${name}.`);
  }
  return commands;
}

/**
 * Hooks that would fail on some machine: one defined for POSIX shells only or for Windows only,
 * and `node <script>` commands whose script is not where azd's working directory puts it.
 */
export function hookProblems(commands: readonly HookCommand[]): string[] {
  const problems: string[] = [];
  for (const hook of new Set(commands.map((command) => command.hook))) {
    const platforms = new Set(commands.filter((c) => c.hook === hook).map((c) => c.platform));
    if (!platforms.has('any') && !(platforms.has('posix') && platforms.has('windows'))) {
      problems.push(`hook ${hook} runs only on ${[...platforms].join(', ')}`);
    }
  }
  for (const { hook, platform, run, cwd } of commands) {
    const script = /^node\s+(\S+)/.exec(run)?.[1];
    if (script !== undefined && !existsSync(resolve(cwd, script))) {
      problems.push(`hook ${hook} (${platform}): ${script} does not exist`);
    }
  }
  return problems;
}
