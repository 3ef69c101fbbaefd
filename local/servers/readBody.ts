import type http from 'node:http';

/**
 * Reads a request body of at most `maxBytes` for the local stand-ins. A larger one (declared or
 * actual) is drained rather than the socket cut, so the client still receives the 413, and
 * answers `'too-large'`.
 */
export function readBody(
  req: http.IncomingMessage,
  maxBytes: number,
): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > maxBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
