import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { sendJson } from './sendJson';

/** What the console reads from `/config.json` at start: where the API and sign-in are. */
export interface ConsoleConfig {
  readonly apiBaseUrl: string;
  /** The OpenID Connect authority, e.g. `https://login.microsoftonline.com/organizations/v2.0`. */
  readonly authority: string;
  readonly clientId: string;
  /** The API's scope, e.g. `api://<app id>/access_as_user`; its resource is the token audience. */
  readonly apiScope: string;
}

export interface ConsoleServerOptions {
  readonly host?: string;
  readonly port?: number;
  /** The built console (`vite build`'s output). */
  readonly distDir: string;
  /** Read on each request: the stack knows the API's and issuer's URLs only after they start. */
  readonly config: () => ConsoleConfig | undefined;
}

export interface ConsoleServer {
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built partner console on loopback the way static hosting does in Azure: files by
 * path, `index.html` for every other path (the console's screens are client-side routes), and
 * the runtime `config.json`. Fluent UI writes its styles at run time, hence the inline styles in
 * the CSP; scripts only from this origin.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = options.host ?? '127.0.0.1';
  const securityHeaders = (config: ConsoleConfig | undefined) => ({
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      `connect-src 'self'${config ? ` ${origin(config.apiBaseUrl)} ${origin(config.authority)}` : ''}`,
      "frame-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 });
      res.end();
      return;
    }
    const config = options.config();
    const path = new URL(req.url ?? '/', 'http://console.invalid').pathname;
    if (path === '/config.json') {
      return config === undefined
        ? sendJson(res, 503, { error: 'The API is still starting.' })
        : sendJson(res, 200, config, { 'Cache-Control': 'no-store' });
    }
    const file = fileFor(options.distDir, path);
    const asset = file === undefined ? undefined : await readFile(file).catch(() => undefined);
    const body = asset ?? (await readFile(join(options.distDir, 'index.html')));
    const type = asset === undefined ? '.html' : extname(file!);
    res.writeHead(200, {
      ...securityHeaders(config),
      'Content-Type': CONTENT_TYPES[type] ?? 'application/octet-stream',
      'Content-Length': body.length,
      // Built assets carry a content hash in their names; the page itself must stay fresh.
      'Cache-Control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    serve(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { error: 'The console is not built: npm run build.' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A file under `distDir` for a URL path; never one outside it. */
function fileFor(distDir: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.endsWith('/')) return undefined;
  const file = normalize(join(distDir, decoded));
  return file.startsWith(normalize(distDir) + sep) ? file : undefined;
}

function origin(url: string): string {
  return new URL(url).origin;
}
