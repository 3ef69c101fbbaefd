import { isIPv6 } from 'node:net';

/**
 * The URL a handler sees (`request.url`), built from the request line and the `Host` header the
 * way an HTTP/1.1 server must read them (RFC 9112 §3.2): exactly one Host header whose value is
 * a host with an optional port, and a target in origin form (`/path?query`) or absolute form
 * (`http://host/path`). Anything else is the client's mistake and gets a 400 naming the part,
 * instead of a URL parser throwing inside the host. Pure, so it is unit-tested without a server.
 */
export type RequestUrlResult =
  { readonly url: URL } | { readonly field: 'host' | 'request-target'; readonly problem: string };

/** A registered name or IPv4 address: letters, digits, `-`, `.`, `_`, `~` (no escapes). */
const REG_NAME = /^[A-Za-z0-9\-._~]+$/;
const PORT = /^[0-9]{1,5}$/;

/** Checks one Host value (`name`, `name:port`, `[v6]`, `[v6]:port`); undefined when valid. */
export function hostHeaderProblem(value: string): string | undefined {
  let host = value;
  let port: string | undefined;
  const portAt = value.lastIndexOf(':');
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close === -1 || !isIPv6(value.slice(1, close))) {
      return 'The Host header holds an IPv6 literal that is not valid.';
    }
    host = value.slice(0, close + 1);
    const rest = value.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) {
      return 'The Host header must be a host with an optional port.';
    }
    port = rest === '' ? undefined : rest.slice(1);
  } else if (portAt !== -1) {
    host = value.slice(0, portAt);
    port = value.slice(portAt + 1);
  }
  if (!host.startsWith('[') && !REG_NAME.test(host)) {
    return 'The Host header must be a host name or address, with an optional port.';
  }
  if (port !== undefined && !(PORT.test(port) && Number(port) <= 65535)) {
    return 'The port in the Host header must be a number from 0 to 65535.';
  }
  return undefined;
}

/**
 * Builds the request URL from the raw header list (Node keeps only the first of duplicated
 * Host headers in `headers`, so the raw list is what shows a second one).
 */
export function requestUrl(
  target: string,
  rawHeaders: readonly string[],
  httpVersion: string,
  serverHost: string,
): RequestUrlResult {
  const hosts: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'host') hosts.push(rawHeaders[index + 1] ?? '');
  }
  if (hosts.length > 1) {
    return { field: 'host', problem: 'Send exactly one Host header.' };
  }
  const [hostHeader] = hosts;
  if (hostHeader === undefined && httpVersion !== '1.0') {
    return { field: 'host', problem: 'An HTTP/1.1 request needs a Host header.' };
  }
  const host = hostHeader ?? serverHost;
  const problem = hostHeaderProblem(host);
  if (problem !== undefined) {
    return { field: 'host', problem };
  }
  if (target.startsWith('/')) {
    const url = new URL(`http://${host}`);
    const queryAt = target.indexOf('?');
    // Set as a path, never parsed against a base: `//name/x` must not become a host.
    url.pathname = queryAt === -1 ? target : target.slice(0, queryAt);
    url.search = queryAt === -1 ? '' : target.slice(queryAt);
    return { url };
  }
  try {
    const url = new URL(target);
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    if (web && url.username === '' && url.password === '') {
      return { url };
    }
  } catch {
    // Falls through to the problem below.
  }
  return {
    field: 'request-target',
    problem:
      'The request target must be a path (/api/...) or an absolute http(s) URL without credentials.',
  };
}
