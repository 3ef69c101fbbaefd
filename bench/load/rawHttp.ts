import { connect } from 'node:net';

export interface RawResponse {
  readonly status: number;
  /** Lower-cased names; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Sends an HTTP/1.1 request byte for byte over a new connection to 127.0.0.1 (fetch would fix
 * a bad Host header or refuse odd methods and header values) and reads the answer until the
 * server closes. `head` is the request line and header lines, without the blank line; send
 * `Connection: close` in it. Rejects when nothing arrives within `timeoutMs`.
 */
export function sendRawRequest(
  port: number,
  head: string,
  body: Buffer = Buffer.alloc(0),
  timeoutMs = 30_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Written, not ended: a server may close a half-closed connection before it answers. The
    // server closes it after answering (`Connection: close`).
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server that answers early (413) may reset the connection while the body is still going
    // out: what it answered counts.
    socket.on('error', (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.on('close', () => {
      if (chunks.length > 0) resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
      else reject(new Error('the connection closed without an answer'));
    });
  });
}

function parseResponse(text: string): RawResponse {
  const headEnd = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text
    .slice(0, headEnd === -1 ? undefined : headEnd)
    .split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: headEnd === -1 ? '' : text.slice(headEnd + 4),
  };
}
