import type * as http from 'node:http';

/**
 * Answers a local stand-in's request with JSON. Indented, because people read these answers
 * (captured mail, tokens) in a browser or with curl.
 */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  value: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
