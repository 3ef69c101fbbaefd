import type { HttpResponseInit } from '@azure/functions';

/**
 * HTTP Strict Transport Security for every answer given over HTTPS: a year, subdomains included
 * (the app's host has none of its own), so a browser that has seen the app once never follows
 * a plain-http link to it again (the acceptance link and its session cookie included).
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The request arrived over HTTPS: its URL says so, or the front end that ended TLS does. */
export function servedOverHttps(request: {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}): boolean {
  if (request.url.toLowerCase().startsWith('https:')) {
    return true;
  }
  // App Service's front ends end TLS and say so; over plain http the header means nothing to
  // a browser anyway (RFC 6797 §8.1), so a forged one gains no one anything.
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}

/** The response with the HSTS header added, in whatever form its headers are. */
export function withStrictTransportSecurity(response: HttpResponseInit): HttpResponseInit {
  const name = 'Strict-Transport-Security';
  const { headers } = response;
  if (Array.isArray(headers)) {
    return { ...response, headers: [...headers, [name, STRICT_TRANSPORT_SECURITY]] };
  }
  if (headers !== undefined && typeof (headers as Headers).entries === 'function') {
    // A Headers object, maybe of another undici than the global one: copy it by its entries.
    const copy = new Headers([...(headers as Headers).entries()]);
    copy.set(name, STRICT_TRANSPORT_SECURITY);
    return { ...response, headers: copy };
  }
  return { ...response, headers: { ...headers, [name]: STRICT_TRANSPORT_SECURITY } };
}
