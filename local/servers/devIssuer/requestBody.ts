import type http from 'node:http';

/** Reads a body of at most `maxBytes`; a larger one is drained and answered with undefined. */
export function readSmallBody(
  req: http.IncomingMessage,
  maxBytes: number,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
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
