import type { errors as joseErrors, JWTPayload, JWTVerifyGetKey } from 'jose';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../domain/acceptanceEligibility';
import { ProblemError } from '../domain/problem';

/*
 * jose is required when the first validator is built (the first request), not when the function
 * files load: every worker loads them all before its first request, and timers, queues, health
 * and the OpenAPI document never validate a token. The roles and role checks below are plain.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading, see above
const jose = () => require('jose') as typeof import('jose');

/** Who is calling: the tenant is the partner (or customer) organisation, never taken from the URL. */
export interface Caller {
  readonly tenantId: string;
  readonly userId: string;
  readonly name: string | undefined;
  /** The sign-in name to show (`preferred_username`, else `upn`); never decides anything. */
  readonly username: string | undefined;
  /**
   * The user principal name (`upn`). Only the tenant's admins set it, with a suffix the tenant
   * has verified (a guest's is `…#EXT#@<tenant>`), so it is the name a domain rule may read;
   * `preferred_username` is not (Microsoft documents it as mutable).
   */
  readonly upn: string | undefined;
  readonly roles: readonly string[];
  /** Entra directory role template ids (`wids`), e.g. Global Administrator. */
  readonly directoryRoles: readonly string[];
}

export interface TokenValidatorOptions {
  /** Expected issuer; `{tid}` is replaced by the token's tenant id (Entra multi-tenant shape). */
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unauthenticated(detail: string, error = 'invalid_token'): ProblemError {
  return new ProblemError({
    status: 401,
    code: 'UNAUTHENTICATED',
    title: 'Authentication required',
    detail,
    headers: { 'WWW-Authenticate': `Bearer error="${error}"` },
  });
}

/**
 * Validates bearer tokens fully (signature against the JWKS, issuer for the token's own
 * tenant, audience, expiry and not-before, algorithm) before trusting any claim.
 */
export class TokenValidator {
  private readonly jwks: JWTVerifyGetKey;

  constructor(private readonly options: TokenValidatorOptions) {
    this.jwks = jose().createRemoteJWKSet(new URL(options.jwksUri), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }

  /** Returns the caller of a request, from its `Authorization: Bearer` header. */
  async authenticate(authorization: string | null): Promise<Caller> {
    const match = /^Bearer\s+([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)\s*$/i.exec(
      authorization ?? '',
    );
    if (match === null) {
      throw unauthenticated(
        authorization
          ? 'The Authorization header is not a bearer JWT.'
          : 'A bearer token is required.',
        authorization ? 'invalid_token' : 'invalid_request',
      );
    }
    const token = match[1]!;
    const tenantId = unverifiedTenant(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jose().jwtVerify(token, this.jwks, {
        issuer: this.options.issuer.replace('{tid}', tenantId),
        audience: this.options.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'tid'],
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof jose().errors.JOSEError && !isKeySetUnavailable(error)) {
        throw unauthenticated(`The token is not valid: ${error.message}`);
      }
      throw error;
    }
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === 'string')
      : [];
    const userId = stringClaim(payload, 'oid') ?? payload.sub;
    if (userId === undefined) {
      throw unauthenticated('The token names no user (oid or sub).');
    }
    const directoryRoles = Array.isArray(payload.wids)
      ? payload.wids.filter((r): r is string => typeof r === 'string')
      : [];
    return {
      tenantId,
      userId,
      name: stringClaim(payload, 'name'),
      username: stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'upn'),
      upn: stringClaim(payload, 'upn'),
      roles,
      directoryRoles,
    };
  }
}

function isKeySetUnavailable(error: joseErrors.JOSEError): boolean {
  // An unreachable JWKS endpoint is our outage, not the caller's bad token.
  return error.code === 'ERR_JWKS_TIMEOUT';
}

function unverifiedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = jose().decodeJwt(token);
  } catch {
    throw unauthenticated('The token cannot be decoded.');
  }
  const tid = claims.tid;
  if (typeof tid !== 'string' || !GUID.test(tid)) {
    throw unauthenticated('The token has no valid tenant id (tid).');
  }
  return tid.toLowerCase();
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

/** Partner Center roles allowed to work with invitations and customers. */
export const PARTNER_ROLES = {
  admin: 'AdminAgent',
  sales: 'SalesAgent',
} as const;

/** Refuses a caller without one of the roles: 403, since it is the caller's own tenant. */
export function requireRole(caller: Caller, allowed: readonly string[]): void {
  if (!caller.roles.some((role) => allowed.includes(role))) {
    throw new ProblemError({
      status: 403,
      code: 'ROLE_REQUIRED',
      title: 'Forbidden',
      detail: `This operation needs one of the roles: ${allowed.join(', ')}.`,
    });
  }
}

/** The app role a customer tenant can grant its admins instead of relying on `wids`. */
export const CUSTOMER_ADMIN_ROLE = 'CustomerAdmin';

/**
 * Refuses a caller who is not an administrator of their own (customer) tenant: only a Global
 * Administrator may take delegated admin privileges away from, or give them back to, a partner.
 */
export function requireCustomerAdmin(caller: Caller): void {
  if (
    !caller.roles.includes(CUSTOMER_ADMIN_ROLE) &&
    !caller.directoryRoles.includes(GLOBAL_ADMINISTRATOR_ROLE_ID)
  ) {
    throw new ProblemError({
      status: 403,
      code: 'CUSTOMER_ADMIN_REQUIRED',
      title: 'Forbidden',
      detail: 'This operation needs a Global Administrator of the customer tenant.',
    });
  }
}
