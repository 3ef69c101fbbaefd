import type { HttpRequest } from '@azure/functions';
import { idempotencyKey } from '../api/schemas';
import { fieldProblem } from '../domain/problem';

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
