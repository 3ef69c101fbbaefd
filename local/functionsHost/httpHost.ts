import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { HttpRequest, HttpResponse, type Cookie, type HttpResponseInit } from '@azure/functions';
import { answerCors, type CorsSettings } from './cors';
import { isHttpTrigger, type FunctionRegistration, type HttpTriggerBinding } from './functionsCore';
import type { HostLog } from './hostLog';
import { createInvocationContext, invokeFunction, unsupportedBindings } from './invokeFunction';
import {
  compareRoutePrecedence,
  matchRouteTemplate,
  parseRouteTemplate,
  pathBelowPrefix,
  type RouteParams,
  type RouteTemplate,
} from './routeTemplate';
import { requestUrl } from './requestUrl';

export interface HttpHostOptions {
  /** All registrations; non-HTTP ones are ignored. */
  readonly registrations: readonly FunctionRegistration[];
  /** Loopback by default: the local stack must not listen on other interfaces. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** host.json `extensions.http.routePrefix`; "api" by default. */
  readonly routePrefix?: string;
  /** Requests with a larger body get 413 before any handler runs. */
  readonly maxBodyBytes?: number;
  readonly log: HostLog;
  /**
   * Serves the host's own `/admin/...` API (adminEndpoint.ts) ahead of the function routes, as
   * the Functions host reserves that path; resolves true when it answered the request.
   */
  readonly admin?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** `Host.CORS`: origins allowed to call the API from a browser page (none by default). */
  readonly cors?: CorsSettings;
}

export interface HttpHost {
  /** e.g. `http://127.0.0.1:7071`, without the route prefix. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

interface HttpRoute {
  readonly registration: FunctionRegistration;
  readonly template: RouteTemplate;
  readonly methods: ReadonlySet<string>;
}

/** The Functions host's own request size limit (100 MB). */
const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;

class PayloadTooLargeError extends Error {}

function buildRoutes(registrations: readonly FunctionRegistration[]): HttpRoute[] {
  const routes: HttpRoute[] = [];
  for (const registration of registrations) {
    const trigger = registration.trigger;
    if (!isHttpTrigger(trigger)) continue;
    const binding: HttpTriggerBinding = trigger;
    // The host's default route is the function's name.
    const template = parseRouteTemplate(binding.route ?? registration.name);
    const methods = new Set((binding.methods ?? ['GET', 'POST']).map((m) => m.toUpperCase()));
    routes.push({ registration, template, methods });
  }
  return routes.sort((a, b) => compareRoutePrecedence(a.template, b.template));
}

function readBody(request: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      reject(new PayloadTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new PayloadTooLargeError());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function requestHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value;
  }
  return headers;
}

function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
  if (cookie.path) parts.push(`Path=${cookie.path}`);
  if (cookie.expires !== undefined) {
    const expires = cookie.expires instanceof Date ? cookie.expires : new Date(cookie.expires);
    parts.push(`Expires=${expires.toUTCString()}`);
  }
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.secure) parts.push('Secure');
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}

function sendEmpty(
  response: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, { ...headers, 'content-length': 0 });
  response.end();
}

const HOST_PROBLEMS = {
  400: { code: 'BAD_REQUEST', title: 'Bad request' },
  404: { code: 'NOT_FOUND', title: 'Not found' },
  405: { code: 'METHOD_NOT_ALLOWED', title: 'Method not allowed' },
  413: { code: 'PAYLOAD_TOO_LARGE', title: 'Payload too large' },
} as const;

/** The body of a problem the host answers itself, before (or instead of) any function. */
export function hostProblemBody(
  status: keyof typeof HOST_PROBLEMS,
  detail: string,
  field?: string,
): string {
  const { code, title } = HOST_PROBLEMS[status];
  return JSON.stringify({
    type: `urn:problem:functions-host:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    detail,
    errors: field === undefined ? [] : [{ field, code: 'INVALID_VALUE', message: detail }],
  });
}

/**
 * A request no function answers — a malformed request line or Host header (as Kestrel answers
 * it in Azure), no route, a method the route does not take, an oversize body — as a problem
 * naming what is wrong, like every 4xx of the app.
 */
function sendHostProblem(
  response: ServerResponse,
  status: keyof typeof HOST_PROBLEMS,
  detail: string,
  options: { field?: string; headers?: OutgoingHttpHeaders } = {},
): void {
  const body = hostProblemBody(status, detail, options.field);
  response.writeHead(status, {
    ...options.headers,
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/**
 * Converts what a handler returned the way the worker does (toRpcHttp): nothing means 204,
 * a plain object is an HttpResponseInit, anything else is an error (the host answers 500).
 */
async function writeResult(
  response: ServerResponse,
  result: unknown,
  isHead: boolean,
): Promise<void> {
  if (result === undefined || result === null) {
    sendEmpty(response, 204);
    return;
  }
  if (typeof result !== 'object') {
    throw new Error(
      'The HTTP response must be an object with optional properties "body", "status", "headers", and "cookies".',
    );
  }
  const httpResponse =
    result instanceof HttpResponse ? result : new HttpResponse(result as HttpResponseInit);
  const body = Buffer.from(await httpResponse.arrayBuffer());
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of httpResponse.headers.entries()) {
    if (name !== 'set-cookie') headers[name] = value;
  }
  const setCookies = [
    ...httpResponse.headers.getSetCookie(),
    ...httpResponse.cookies.map(serializeCookie),
  ];
  if (setCookies.length > 0) headers['set-cookie'] = setCookies;
  headers['content-length'] = body.length;
  response.writeHead(httpResponse.status, headers);
  response.end(isHead ? undefined : body);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : format(error);
}

/** How long closing waits for running invocations before it cuts their connections. */
const CLOSE_DRAIN_MS = 10_000;

/**
 * Serves the app's `app.http` registrations on a local port the way the Functions host does:
 * `/{routePrefix}/{route}`, method filtering, route parameters in `request.params`, the raw
 * body, and the handler's response (status, headers, every Set-Cookie) written back. A handler
 * that throws gets a bare 500, as in Azure, with the error in the log rather than the response.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const { log } = options;
  const routes = buildRoutes(options.registrations);
  for (const { registration } of routes) {
    const ignored = unsupportedBindings(registration);
    if (ignored.length > 0) {
      log('warning', `[${registration.name}] the local host ignores: ${ignored.join(', ')}`);
    }
  }
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  // The Host of an HTTP/1.0 request without one: the address this host listens on.
  let listenHost = urlHost;
  const routePrefix = (options.routePrefix ?? 'api').replace(/^\/+|\/+$/g, '');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const parsed = requestUrl(
      request.url ?? '/',
      request.rawHeaders,
      request.httpVersion,
      listenHost,
    );
    if (!('url' in parsed)) {
      sendHostProblem(response, 400, parsed.problem, {
        field: parsed.field,
        headers: { connection: 'close' },
      });
      return;
    }
    const { url } = parsed;
    if (options.cors) {
      const cors = answerCors(options.cors, {
        method,
        origin: request.headers.origin,
        requestMethod: request.headers['access-control-request-method'],
        requestHeaders: request.headers['access-control-request-headers'],
      });
      for (const [name, value] of Object.entries(cors.headers)) response.setHeader(name, value);
      if (cors.preflight) {
        sendEmpty(response, 204);
        return;
      }
    }
    if (options.admin && /^\/admin(\/|$)/i.test(url.pathname)) {
      if (await options.admin(request, response)) return;
    }

    let candidates: { route: HttpRoute; params: RouteParams }[];
    try {
      const path = pathBelowPrefix(url.pathname, routePrefix);
      candidates =
        path === undefined
          ? []
          : routes.flatMap((route) => {
              const params = matchRouteTemplate(route.template, path);
              return params ? [{ route, params }] : [];
            });
    } catch {
      sendHostProblem(response, 400, 'The path is not validly percent-encoded.', {
        field: 'request-target',
      });
      return;
    }
    if (candidates.length === 0) {
      sendHostProblem(response, 404, 'No function answers this path; see /api/openapi.yaml.');
      return;
    }
    // HEAD is answered as GET would be, without the body (RFC 9110 §9.3.2), where GET exists.
    const chosen =
      candidates.find(({ route }) => route.methods.has(method)) ??
      (method === 'HEAD' ? candidates.find(({ route }) => route.methods.has('GET')) : undefined);
    if (!chosen) {
      const allowed = new Set(candidates.flatMap(({ route }) => [...route.methods]));
      if (allowed.has('GET')) allowed.add('HEAD');
      const allow = [...allowed].sort().join(', ');
      sendHostProblem(response, 405, `This path takes ${allow}.`, { headers: { allow } });
      return;
    }

    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendHostProblem(response, 413, `The body exceeds ${maxBodyBytes} bytes.`, {
          field: 'body',
          headers: { connection: 'close' },
        });
      } else {
        sendHostProblem(response, 400, 'The body could not be read.', { field: 'body' });
      }
      return;
    }

    const { registration } = chosen.route;
    const context = createInvocationContext(registration, log);
    const httpRequest = new HttpRequest({
      method,
      url: url.toString(),
      headers: requestHeaders(request),
      params: chosen.params,
      body: { bytes: body },
    });
    const started = Date.now();
    log('information', `Executing 'Functions.${registration.name}' (Id=${context.invocationId})`);
    try {
      const result = await invokeFunction(registration, httpRequest, context);
      await writeResult(response, result, method === 'HEAD');
      log(
        'information',
        `Executed 'Functions.${registration.name}' (Succeeded, Id=${context.invocationId}, Duration=${Date.now() - started}ms)`,
      );
    } catch (error) {
      log(
        'error',
        `Executed 'Functions.${registration.name}' (Failed, Id=${context.invocationId}, Duration=${Date.now() - started}ms)\n${describe(error)}`,
      );
      if (!response.headersSent) sendEmpty(response, 500);
      else response.destroy();
    }
  }

  // Invocations still running: closing waits for them, as the Functions host drains on shutdown,
  // so none is cut off from the emulators stopped after it.
  const running = new Set<Promise<void>>();
  let closing = false;
  const server = createServer((request, response) => {
    // A request that came on a kept-alive connection while closing runs, on its last request.
    if (closing) response.setHeader('connection', 'close');
    const invocation = handle(request, response)
      .catch((error: unknown) => {
        log('error', `HTTP host failed on ${request.method} ${request.url}: ${describe(error)}`);
        if (!response.headersSent) sendEmpty(response, 500);
        else response.destroy();
      })
      .finally(() => running.delete(invocation));
    running.add(invocation);
  });
  // What Node's parser refuses (two Content-Length headers, a broken request line) never
  // reaches `handle`; it still gets a problem rather than Node's bare 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = hostProblemBody(
      400,
      `The request could not be parsed (${error.code ?? 'bad request'}).`,
    );
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  listenHost = `${urlHost}:${port}`;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      });
      closing = true;
      const deadline = Date.now() + CLOSE_DRAIN_MS;
      server.closeIdleConnections();
      while (running.size > 0 && Date.now() < deadline) {
        await Promise.race([
          Promise.allSettled([...running]),
          new Promise((resolve) => setTimeout(resolve, deadline - Date.now()).unref()),
        ]);
        server.closeIdleConnections();
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
