/**
 * Errors as RFC 9457 problem details. Domain code throws `ProblemError`; one mapper
 * (`toProblemResponse`) turns it into the HTTP response, so no handler writes its own.
 */
export interface FieldError {
  /** JSON-pointer-like path of the offending field, e.g. `customer.email` or `body`. */
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ProblemInit {
  readonly status: number;
  /** Stable machine code, e.g. `LINK_REQUIRED`. */
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title);
    this.name = 'ProblemError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.headers = init.headers ?? {};
  }
}

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

/** A single-field validation failure, the most common client mistake. */
export function fieldProblem(
  status: number,
  code: string,
  field: string,
  message: string,
  title = 'The request is not valid',
): ProblemError {
  return new ProblemError({
    status,
    code,
    title,
    detail: message,
    errors: [{ field, code, message }],
  });
}

export const notFound = (what: string): ProblemError =>
  new ProblemError({
    status: 404,
    code: 'NOT_FOUND',
    title: 'Not found',
    detail: `${what} was not found.`,
  });
