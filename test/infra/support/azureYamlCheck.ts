import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  for (const key of ['host', 'language', 'project'] as const) {
    if (service[key] !== expected[key]) {
      problems.push(
        `service ${expected.name}: ${key} is ${JSON.stringify(service[key])}, expected ${JSON.stringify(expected[key])}`,
      );
    }
  }
  if (
    typeof service.project === 'string' &&
    !existsSync(join(resolve(projectRoot, service.project), 'package.json'))
  ) {
    problems.push(`service ${expected.name}: project ${service.project} has no package.json`);
  }
  const infra = mapOf(doc.infra);
  const infraPath = typeof infra?.path === 'string' ? infra.path : 'infra';
  const infraModule = typeof infra?.module === 'string' ? infra.module : 'main';
  if (!existsSync(join(resolve(projectRoot, infraPath), `${infraModule}.bicep`))) {
    problems.push(`azure.yaml infra ${infraPath}/${infraModule}.bicep does not exist`);
  }
  return problems;
}
