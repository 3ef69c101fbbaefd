import { contract } from './contract';

/**
 * A minimal browser for HTTP-level tests of the sign-in: keeps cookies per host (what
 * `Set-Cookie` sets, `Max-Age=0` removes) and follows redirects one hop at a time, so a test
 * can look at every hop of the OpenID Connect round trip. Every answer of the app's API
 * (`/api/...`; the Microsoft stand-in's hops are not the app's) is held to openapi.yaml, as the
 * stack's `api` helper holds its answers.
 */
export interface Hop {
  readonly url: string;
  readonly status: number;
  readonly location: string | null;
  readonly text: string;
  readonly headers: Headers;
}

export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(private readonly acceptLanguage = 'en-US') {}

  /** One request, no redirect followed. */
  async request(
    url: string,
    init: { method?: string; form?: URLSearchParams; headers?: Record<string, string> } = {},
  ): Promise<Hop> {
    const target = new URL(url);
    const headers: Record<string, string> = {
      'Accept-Language': this.acceptLanguage,
      ...init.headers,
    };
    const cookies = this.jar.get(target.hostname);
    if (cookies !== undefined && cookies.size > 0) {
      headers.Cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (init.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(target, {
      method: init.method ?? (init.form === undefined ? 'GET' : 'POST'),
      headers,
      redirect: 'manual',
      ...(init.form === undefined ? {} : { body: init.form.toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      this.keep(target.hostname, line);
    }
    const location = response.headers.get('location');
    const text = await response.text();
    const method = init.method ?? (init.form === undefined ? 'GET' : 'POST');
    if (target.pathname.startsWith('/api/')) {
      contract().assert({
        method,
        path: target.pathname,
        status: response.status,
        contentType: response.headers.get('content-type'),
        text,
        headers: response.headers,
      });
    }
    return {
      url: target.href,
      status: response.status,
      location: location === null ? null : new URL(location, target).href,
      text,
      headers: response.headers,
    };
  }

  /** Follows redirects until a page answers (or `stopAt` matches the next URL). */
  async follow(
    url: string,
    init: { method?: string; form?: URLSearchParams } = {},
    stopAt?: RegExp,
  ): Promise<Hop[]> {
    const hops: Hop[] = [await this.request(url, init)];
    for (let i = 0; i < 10; i++) {
      const last = hops.at(-1)!;
      if (last.location === null || (stopAt !== undefined && stopAt.test(last.location))) {
        return hops;
      }
      hops.push(await this.request(last.location));
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  cookieNames(host: string): string[] {
    return [...(this.jar.get(host)?.keys() ?? [])];
  }

  /** A cookie's value as kept, e.g. to replay it later as an attacker who copied it would. */
  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /** Puts a cookie in the jar, as a copied cookie is pasted into another browser. */
  plant(host: string, name: string, value: string): void {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    cookies.set(name, value);
  }

  forget(host: string, name: string): void {
    this.jar.get(host)?.delete(name);
  }

  private keep(host: string, setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at);
    const value = pair!.slice(at + 1);
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
    if (expired) {
      cookies.delete(name);
    } else {
      cookies.set(name, value);
    }
  }
}
