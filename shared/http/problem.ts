/**
 * Errors as RFC 9457 problem details. Domain code throws `ProblemError` (shared/domain/problem);
 * this mapper turns it into the HTTP body, so no handler writes its own.
 */
import type { FieldError, ProblemError } from '../domain/problem';

/** The problem `type` URI: stable per code so clients can switch on either. */
export function problemType(code: string): string {
  return `urn:problem:reseller-invitations:${code.toLowerCase().replace(/_/g, '-')}`;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors: FieldError[];
}

/** Renders the JSON body of a problem; `instance` ties a 500 to the invocation in the logs. */
export function toProblemBody(problem: ProblemError, instance?: string): ProblemBody {
  return {
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(instance === undefined ? {} : { instance }),
    errors: [...problem.errors],
  };
}
