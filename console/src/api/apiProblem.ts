/** A field the API named in `errors[]`. */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** An `application/problem+json` answer (RFC 9457) with the API's stable `code`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly errors: readonly FieldError[],
    /** Seconds from `Retry-After`, when the API sent one. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(title);
    this.name = 'ApiProblem';
  }

  /** The errors[] entries of one field (`customer.email`), for the message next to it. */
  errorsFor(field: string): FieldError[] {
    return this.errors.filter((error) => error.field === field);
  }
}

/** Reads a failed response: problem+json when the API answered, a stand-in otherwise. */
export async function toApiProblem(response: Response): Promise<ApiProblem> {
  const retryAfter = Number(response.headers.get('Retry-After') ?? Number.NaN);
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a gateway's page, an empty 500): the status says what is known.
  }
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is FieldError =>
          typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string',
      )
    : [];
  return new ApiProblem(
    response.status,
    typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
    typeof body.title === 'string' ? body.title : response.statusText,
    errors,
    retryAfterSeconds,
  );
}

/** A network failure (API down, CORS refused) as a problem, so screens show one kind of error. */
export function networkProblem(): ApiProblem {
  return new ApiProblem(0, 'NETWORK_ERROR', 'The API could not be reached', [], undefined);
}
