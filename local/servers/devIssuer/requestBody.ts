import type http from 'node:http';
import { readBody } from '../readBody';

/** A body of at most `maxBytes` as text; a larger one is drained and answered with undefined. */
export async function readSmallBody(
  req: http.IncomingMessage,
  maxBytes: number,
): Promise<string | undefined> {
  const raw = await readBody(req, maxBytes);
  return raw === 'too-large' ? undefined : raw.toString('utf8');
}

export type FormBody =
  | { readonly ok: true; readonly form: URLSearchParams }
  | { readonly ok: false; readonly description: string };

/** An `application/x-www-form-urlencoded` body, the only kind OAuth endpoints take. */
export async function readFormBody(req: http.IncomingMessage, maxBytes: number): Promise<FormBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return { ok: false, description: 'The body must be application/x-www-form-urlencoded.' };
  }
  const raw = await readSmallBody(req, maxBytes);
  if (raw === undefined) {
    return { ok: false, description: `The body is larger than ${maxBytes} bytes.` };
  }
  return { ok: true, form: new URLSearchParams(raw) };
}
