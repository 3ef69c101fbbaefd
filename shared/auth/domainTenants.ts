/**
 * Which Microsoft Entra organization (tenant) owns a domain, asked the way Entra itself answers
 * it: the OpenID configuration of `{authority}/{domain}/v2.0` exists only for a domain some
 * tenant has verified, and its `issuer` names that tenant's id. A domain is verified by one
 * tenant at a time, so this is the one organization whose admins may answer for the domain.
 */
export interface DomainTenants {
  /** The owning tenant's id (lower case); undefined when no tenant has verified the domain. */
  ownerOf(domain: string): Promise<string | undefined>;
}

export interface DomainTenantsOptions {
  /** e.g. `https://login.microsoftonline.com`; the domain and `/v2.0` are appended. */
  readonly authority: string;
  /** How long an answer is reused. Short: a domain can move to another tenant. */
  readonly cacheSeconds?: number;
}

/** The answer did not come (network, 5xx): our outage, not the caller's mistake. */
export class DomainTenantLookupError extends Error {
  override readonly name = 'DomainTenantLookupError';
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

const DEFAULT_CACHE_SECONDS = 5 * 60;
/** An unknown domain is asked again sooner: it may be verified any minute. */
const UNKNOWN_CACHE_SECONDS = 60;
const CACHE_MAX = 1_000;
const LOOKUP_TIMEOUT_MS = 5_000;
const ISSUER_TENANT =
  /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;

/** Looks owners up in Entra's (or the local issuer's) discovery documents, cached briefly. */
export class EntraDomainTenants implements DomainTenants {
  private readonly cache = new Map<
    string,
    { readonly until: number; readonly owner: Promise<string | undefined> }
  >();
  private readonly base: string;
  private readonly cacheMs: number;

  constructor(options: DomainTenantsOptions) {
    const authority = new URL(options.authority);
    const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(authority.hostname);
    if (authority.protocol !== 'https:' && !(authority.protocol === 'http:' && loopback)) {
      throw new TypeError(`The sign-in authority must be https: ${options.authority}`);
    }
    this.base = options.authority.replace(/\/+$/, '');
    this.cacheMs = (options.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000;
  }

  ownerOf(domain: string): Promise<string | undefined> {
    const key = domain.toLowerCase();
    const cached = this.cache.get(key);
    if (cached !== undefined && Date.now() < cached.until) {
      return cached.owner;
    }
    if (this.cache.size >= CACHE_MAX) {
      this.cache.delete(this.cache.keys().next().value!);
    }
    const owner = this.lookUp(key);
    this.cache.set(key, { until: Date.now() + this.cacheMs, owner });
    owner.then(
      (found) => {
        if (found === undefined) {
          this.cache.set(key, { until: Date.now() + UNKNOWN_CACHE_SECONDS * 1000, owner });
        }
      },
      // A failed lookup is not remembered: the next request asks again.
      () => this.cache.delete(key),
    );
    return owner;
  }

  private async lookUp(domain: string): Promise<string | undefined> {
    const url = `${this.base}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
      });
    } catch (error) {
      throw new DomainTenantLookupError(
        `The tenant of ${domain} could not be looked up: ${(error as Error).message}`,
        503,
      );
    }
    // Entra answers 400 (AADSTS90002) for a domain no tenant has verified, some proxies 404.
    if (response.status === 400 || response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DomainTenantLookupError(
        `The tenant of ${domain} could not be looked up: HTTP ${response.status}`,
        503,
      );
    }
    const document = (await response.json()) as { issuer?: unknown };
    const match = typeof document.issuer === 'string' ? ISSUER_TENANT.exec(document.issuer) : null;
    if (match === null) {
      throw new DomainTenantLookupError(
        `The OpenID configuration of ${domain} names no tenant in its issuer`,
        503,
      );
    }
    return match[1]!.toLowerCase();
  }
}
