import { NOTFOUND } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isNonPublicAddress } from '../domain/webhookUrl';
import { withDependencySpan } from '../telemetry/spans';

/**
 * The one POST of a webhook attempt, connected only to addresses that were checked: the host
 * name is resolved through `lookupHost` when the connection is made and refused when any
 * address it gives is non-public, so a name that resolved to a public address when it was
 * checked cannot be turned to an internal one for the connection (DNS rebinding).
 */

/** Resolves a host name to its addresses: the system's resolver, or a stand-in in tests. */
export type HostLookup = (
  host: string,
) => Promise<ReadonlyArray<{ readonly address: string; readonly family: number }>>;

export const systemLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The connection was refused because the name resolved to a non-public address. */
export class NonPublicAddressError extends Error {
  readonly code = 'ENONPUBLIC';

  constructor(readonly host: string) {
    super(`Not delivered: ${host} resolves to a non-public address.`);
    this.name = 'NonPublicAddressError';
  }
}

export interface WebhookPostOptions {
  readonly lookupHost: HostLookup;
  /** Names allowed to resolve to non-public addresses (`localhost` for local receivers). */
  readonly mayBeNonPublic: (host: string) => boolean;
  readonly timeoutMs: number;
}

export interface WebhookAnswer {
  readonly status: number;
  readonly retryAfter: string | undefined;
}

/** The lookup Node's connection uses, in the shape `net.connect` calls it. */
function checkedLookup(options: WebhookPostOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    options
      .lookupHost(hostname)
      .then((addresses) => {
        if (addresses.length === 0) {
          throw Object.assign(new Error(`No address for ${hostname}`), { code: NOTFOUND });
        }
        if (
          !options.mayBeNonPublic(hostname) &&
          addresses.some((entry) => isNonPublicAddress(entry.address))
        ) {
          throw new NonPublicAddressError(hostname);
        }
        if (lookupOptions.all === true) {
          callback(null, [...addresses]);
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

/** One webhook POST: what delivery needs from the outbound side, injected as Dependencies.postWebhook. */
export type WebhookPost = (
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: WebhookPostOptions,
) => Promise<WebhookAnswer>;

/**
 * POSTs `body` to `url` and resolves with the answer's status once its headers arrive; the
 * answer's body is not read. Rejects on a refused address, a network error or the timeout.
 * Redirects are not followed. The call is a dependency span named for the method and host only
 * (a receiver's path may carry its own secrets).
 */
export const postWebhook: WebhookPost = (url, headers, body, options) => {
  const target = new URL(url);
  return withDependencySpan(
    `POST ${target.host}`,
    { 'http.request.method': 'POST', 'server.address': target.host },
    () => postOnce(target, headers, body, options),
    (answer) => ({ statusCode: answer.status, failed: answer.status >= 400 }),
  );
};

function postOnce(
  target: URL,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: WebhookPostOptions,
): Promise<WebhookAnswer> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: checkedLookup(options),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, retryAfter });
        response.destroy();
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}
