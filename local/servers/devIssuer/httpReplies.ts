import type http from 'node:http';

/**
 * Discovery, keys and the token endpoint are called from browser apps on other loopback
 * ports (the partner console is a single-page app), as Entra allows.
 */
export const CORS_HEADERS: http.OutgoingHttpHeaders = { 'Access-Control-Allow-Origin': '*' };

const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?:\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/**
 * Answers a CORS preflight for POST. The headers asked for are allowed when they are a plain
 * list of header names: MSAL adds its own telemetry headers to token requests.
 */
export function sendPreflight(req: http.IncomingMessage, res: http.ServerResponse): void {
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    ...CORS_HEADERS,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers':
      typeof requested === 'string' && HEADER_LIST.test(requested.trim())
        ? requested.trim()
        : 'Content-Type',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}

export function sendHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  headers: http.OutgoingHttpHeaders,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

export function sendRedirect(res: http.ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}
