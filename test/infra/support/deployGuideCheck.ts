import type { BicepFile } from './bicepModel';
import { toPlain } from './bicepModel';

/**
 * The azd environment variables of the parameters file that the deploy guide does not mention
 * (as `NAME`), and those whose row in the guide's tables does not show the template default.
 */
export function undocumentedVariables(
  guide: string,
  references: ReadonlyMap<string, readonly string[]>,
  main: BicepFile,
): string[] {
  const problems: string[] = [];
  const rows = guide.split('\n').filter((line) => line.startsWith('| `'));
  for (const [param, variables] of references) {
    for (const variable of variables) {
      if (!guide.includes(`\`${variable}\``)) {
        problems.push(`${variable} is not documented`);
        continue;
      }
      const defaultValue = toPlain(main.params.find((p) => p.name === param)?.defaultValue);
      if (typeof defaultValue !== 'string' && typeof defaultValue !== 'number') continue;
      if (defaultValue === '') continue;
      const row = rows.find((line) => line.startsWith(`| \`${variable}\` |`));
      if (!row?.includes(`\`${defaultValue}\``)) {
        problems.push(`${variable}: the guide does not show the default ${defaultValue}`);
      }
    }
  }
  return problems;
}
