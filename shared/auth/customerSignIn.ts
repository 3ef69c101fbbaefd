import type * as oidc from 'openid-client';
import type { CustomerIdentity } from '../domain/acceptanceEligibility';
import { ProblemError } from '../domain/problem';

// openid-client is required on the first sign-in, not when the function files load (every
// worker loads them all before its first request; most never sign a customer in).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading, see above
const openid = () => require('openid-client') as typeof oidc;

/**
 * The customer admin's sign-in: OpenID Connect authorization code flow with PKCE against the
 * app's multi-tenant Entra registration, done by `openid-client`.
 *
 * The authority is the customer's own tenant, named by the invitation's domain
 * (`{authority}/{domain}/v2.0`): Entra resolves a verified domain to its tenant, so only that
 * tenant's accounts can sign in, and the tenant's discovery document names its concrete issuer,
 * against which the ID token's `iss` is checked exactly (no `{tenantid}` template to trust).
 */
export interface CustomerSignInOptions {
  /** e.g. `https://login.microsoftonline.com`; the tenant and `/v2.0` are appended. */
  readonly authority: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The registered redirect URI: `{PUBLIC_BASE_URL}/api/auth/callback`. */
  readonly redirectUri: string;
}

/** What the browser keeps (sealed) between the redirect to Entra and the callback. */
export interface PendingSignIn {
  readonly domain: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

const DISCOVERY_CACHE_MS = 60 * 60_000;
const DISCOVERY_CACHE_MAX = 1_000;

/** Problem codes of a sign-in that did not complete; pages explain each in their language. */
export const SIGN_IN_PROBLEMS = {
  tenantNotFound: 'CUSTOMER_TENANT_NOT_FOUND',
  failed: 'SIGN_IN_FAILED',
  expired: 'SIGN_IN_EXPIRED',
} as const;

function signInProblem(status: number, code: string, detail: string): ProblemError {
  return new ProblemError({ status, code, title: 'Sign-in did not complete', detail });
}

export class CustomerSignIn {
  private readonly configs = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
  private readonly insecure: boolean;

  constructor(private readonly options: CustomerSignInOptions) {
    const authority = new URL(options.authority);
    // Plain http only for the local dev issuer on loopback; Entra is always https.
    this.insecure = authority.protocol === 'http:' && isLoopback(authority.hostname);
    if (authority.protocol !== 'https:' && !this.insecure) {
      throw new TypeError(`The sign-in authority must be https: ${options.authority}`);
    }
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async begin(
    domain: string,
    hints: { readonly loginHint?: string; readonly selectAccount?: boolean } = {},
  ): Promise<{ url: string; pending: PendingSignIn }> {
    const config = await this.configFor(domain);
    const pending: PendingSignIn = {
      domain,
      state: openid().randomState(),
      nonce: openid().randomNonce(),
      codeVerifier: openid().randomPKCECodeVerifier(),
    };
    const url = openid().buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid profile email',
      response_mode: 'query',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await openid().calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ...(hints.selectAccount ? { prompt: 'select_account' } : {}),
      ...(hints.loginHint === undefined ? {} : { login_hint: hints.loginHint }),
    });
    return { url: url.href, pending };
  }

  /**
   * Redeems the authorization code of the callback (state, PKCE and nonce checked, the ID
   * token's issuer, audience and lifetime validated by openid-client) into the identity.
   */
  async complete(
    callbackQuery: URLSearchParams,
    pending: PendingSignIn,
  ): Promise<CustomerIdentity> {
    const config = await this.configFor(pending.domain);
    const callbackUrl = new URL(this.options.redirectUri);
    callbackUrl.search = callbackQuery.toString();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await openid().authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      if (
        error instanceof openid().AuthorizationResponseError ||
        error instanceof openid().ResponseBodyError ||
        error instanceof openid().ClientError
      ) {
        const description =
          (error as { error_description?: string }).error_description ?? error.message;
        throw signInProblem(401, SIGN_IN_PROBLEMS.failed, description);
      }
      throw error;
    }
    if (claims === undefined) {
      throw signInProblem(401, SIGN_IN_PROBLEMS.failed, 'The sign-in returned no ID token.');
    }
    return identityFromClaims(claims);
  }

  private configFor(domain: string): Promise<oidc.Configuration> {
    const cached = this.configs.get(domain);
    if (cached !== undefined && Date.now() - cached.at < DISCOVERY_CACHE_MS) {
      return cached.config;
    }
    if (this.configs.size >= DISCOVERY_CACHE_MAX) {
      this.configs.delete(this.configs.keys().next().value!);
    }
    const config = this.discover(domain);
    this.configs.set(domain, { at: Date.now(), config });
    config.catch(() => this.configs.delete(domain));
    return config;
  }

  private async discover(domain: string): Promise<oidc.Configuration> {
    const base = this.options.authority.replace(/\/+$/, '');
    // The full document URL: the tenant is named by domain, the document by its GUID issuer.
    const url = new URL(
      `${base}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`,
    );
    try {
      return await openid().discovery(
        url,
        this.options.clientId,
        undefined,
        openid().ClientSecretPost(this.options.clientSecret),
        this.insecure ? { execute: [openid().allowInsecureRequests] } : {},
      );
    } catch (error) {
      const status = (error as { cause?: { status?: unknown } }).cause?.status;
      if (error instanceof openid().ResponseBodyError || status === 400 || status === 404) {
        throw signInProblem(
          422,
          SIGN_IN_PROBLEMS.tenantNotFound,
          `No Microsoft Entra organization uses the domain ${domain}.`,
        );
      }
      throw error;
    }
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function stringClaim(claims: oidc.IDToken, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The identity an Entra v2 ID token describes. */
export function identityFromClaims(claims: oidc.IDToken): CustomerIdentity {
  const tenantId = stringClaim(claims, 'tid');
  const objectId = stringClaim(claims, 'oid') ?? claims.sub;
  if (tenantId === undefined) {
    throw signInProblem(401, SIGN_IN_PROBLEMS.failed, 'The ID token names no tenant (tid).');
  }
  const wids = Array.isArray(claims.wids)
    ? claims.wids.filter((r): r is string => typeof r === 'string')
    : [];
  return {
    tenantId: tenantId.toLowerCase(),
    objectId,
    username: stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'upn'),
    upn: stringClaim(claims, 'upn'),
    name: stringClaim(claims, 'name'),
    givenName: stringClaim(claims, 'given_name'),
    familyName: stringClaim(claims, 'family_name'),
    email: stringClaim(claims, 'email'),
    directoryRoles: wids,
  };
}
