import type { ApiProblem } from '../api/apiProblem';
import { format } from './i18n';
import type { Messages } from './en';

/** The localized sentence for a problem's `code`; the API's English title never reaches users. */
export function problemText(t: Messages, problem: ApiProblem): string {
  return (
    t.problems[problem.code] ?? format(t.problems.fallback ?? '{code}', { code: problem.code })
  );
}

/**
 * The message next to one field for the problem's `errors[]` entries that name it: by the
 * entry's code, with the field's own hint where a bare "not valid" or "fill this in" would not
 * say what to enter.
 */
export function fieldErrorText(
  t: Messages,
  problem: ApiProblem | undefined,
  field: string,
): string | undefined {
  const [first] = problem?.errorsFor(field) ?? [];
  if (first === undefined) return undefined;
  if (
    (first.code === 'INVALID_VALUE' || first.code === 'REQUIRED') &&
    t.fieldHints[field] !== undefined
  ) {
    return t.fieldHints[field];
  }
  return t.fieldErrors[first.code] ?? t.fieldErrors.INVALID_VALUE;
}
