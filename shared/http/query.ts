import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { validate } from './requestBody';

/** Validates the query string like a body: unknown parameters are refused by name. */
export function readQuery<S extends z.ZodType>(request: HttpRequest, schema: S): z.output<S> {
  // Own properties only: `?__proto__=1` must be an unknown parameter, not a prototype.
  return validate(schema, Object.fromEntries(request.query.entries()));
}
