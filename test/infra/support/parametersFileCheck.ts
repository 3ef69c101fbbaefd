import type { BicepFile } from './bicepModel';

/** The azd `${NAME}` (or `${NAME=default}`) environment references in a parameters file. */
export function environmentReferences(parametersFile: unknown): Map<string, string[]> {
  const byParam = new Map<string, string[]>();
  for (const [name, entry] of Object.entries(parameterEntries(parametersFile))) {
    const text = JSON.stringify(entry);
    byParam.set(
      name,
      [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:=-][^}]*)?\}/g)].map(
        (match) => match[1]!,
      ),
    );
  }
  return byParam;
}

function parameterEntries(parametersFile: unknown): Record<string, unknown> {
  if (typeof parametersFile !== 'object' || parametersFile === null) return {};
  const parameters = (parametersFile as { parameters?: unknown }).parameters;
  return typeof parameters === 'object' && parameters !== null
    ? (parameters as Record<string, unknown>)
    : {};
}

/**
 * Checks an azd parameters file against the template it feeds: every entry names a param of
 * main.bicep and has a `value`, a @secure() param gets only an environment reference (never a
 * literal), and every param of main.bicep is mapped, so `azd env set` can reach it. Returns one
 * message per problem.
 */
export function checkParametersFile(parametersFile: unknown, main: BicepFile): string[] {
  const problems: string[] = [];
  if (
    typeof parametersFile !== 'object' ||
    parametersFile === null ||
    !('parameters' in parametersFile)
  ) {
    return ['parameters file has no "parameters" object'];
  }
  const entries = parameterEntries(parametersFile);
  for (const [name, entry] of Object.entries(entries)) {
    if (!main.params.some((param) => param.name === name)) {
      problems.push(`parameters file sets ${name}, which main.bicep does not declare`);
    }
    if (
      typeof entry !== 'object' ||
      entry === null ||
      !('value' in entry || 'reference' in entry)
    ) {
      problems.push(`parameters file entry ${name} has no value`);
      continue;
    }
    const secure = main.params.find((param) => param.name === name)?.secure ?? false;
    const value = (entry as { value?: unknown }).value;
    if (secure && typeof value === 'string' && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value)) {
      problems.push(
        `parameters file gives @secure() param ${name} a literal; use \${ENV_VAR} or a Key Vault reference`,
      );
    }
  }
  for (const param of main.params) {
    if (!(param.name in entries))
      problems.push(`main.bicep param ${param.name} is not in the parameters file`);
  }
  return problems;
}
