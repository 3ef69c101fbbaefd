/**
 * The error vocabulary of the domain: services and auth throw `ProblemError` with a stable
 * code (e.g. `LINK_REQUIRED`) and the offending fields; `status` classifies the failure
 * (404 not found, 409 conflict, 422 invalid...). Only http/problem turns it into an RFC 9457
 * problem+json response, so nothing below the HTTP layer knows about responses.
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
