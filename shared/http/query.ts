import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { validate } from './requestBody';

/** Validates the query string like a body: unknown parameters are refused by name. */
export function readQuery<S extends z.ZodType>(request: HttpRequest, schema: S): z.output<S> {
  const values: Record<string, string> = {};
  request.query.forEach((value, key) => {
    values[key] = value;
  });
  return validate(schema, values);
}
