import type { HttpRequest } from '@azure/functions';
import * as z from 'zod';
import { fieldProblem } from '../domain/problem';

export const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8 to 128 characters of A-Z a-z 0-9 . _ : -');

/** The request's `Idempotency-Key`, validated; undefined when it sends none. */
export function readIdempotencyKey(request: HttpRequest): string | undefined {
  const key = request.headers.get('idempotency-key');
  if (key === null) {
    return undefined;
  }
  const parsed = idempotencyKey.safeParse(key);
  if (!parsed.success) {
    throw fieldProblem(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key',
      parsed.error.issues[0]!.message,
    );
  }
  return parsed.data;
}
