import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../shared/domain/acceptanceEligibility';
import { DEV_SIGNING_ALG, type DevSigningKey } from '../../devSigningKey';
import { userPrincipalName } from './domainDirectory';
import { digest, stableGuid } from './stableIds';

export const DEFAULT_EXPIRES_IN_SECONDS = 3600;

export { GLOBAL_ADMINISTRATOR_ROLE_ID };

export const tenantIdSchema = z.guid({ error: 'tenantId must be a GUID (the partner tenant id).' });

export interface DevTokenOptions {
  /** Stands in for `https://login.microsoftonline.com`; the tenant and `/v2.0` are appended. */
  readonly issuerBaseUrl: string;
  readonly tenantId: string;
  readonly audience: string;
  /** App roles (`roles`). */
  readonly roles: readonly string[];
  /** Directory role template ids (`wids`), e.g. {@link GLOBAL_ADMINISTRATOR_ROLE_ID}. */
  readonly directoryRoles?: readonly string[];
  /** Delegated scope names without their API (`scp`, space-separated as Entra writes it). */
  readonly scopes?: readonly string[];
  readonly subject?: string;
  readonly name?: string;
  readonly preferredUsername?: string;
  /**
   * The `upn` claim (an optional claim in Entra, which the app registration requests). Defaults
   * to what Entra would write for `preferredUsername` in this tenant: the name itself when its
   * domain belongs to the tenant, a guest's `#EXT#` name otherwise.
   */
  readonly upn?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly email?: string;
  /** Echoes the sign-in request's nonce, as an ID token must. */
  readonly nonce?: string;
  readonly expiresInSeconds?: number;
}

/**
 * Entra ID v2 issues per-tenant issuers of this shape; the app validates `iss` against the
 * same pattern in production, so the local issuer must produce it exactly.
 */
export function entraIssuerFor(issuerBaseUrl: string, tenantId: string): string {
  return `${issuerBaseUrl.replace(/\/+$/, '')}/${tenantId}/v2.0`;
}

/**
 * Mints a token with the claims the app reads from Entra ID v2 tokens (tid, oid, roles, wids,
 * scp, name, preferred_username, upn), so local sign-in exercises the production validation path.
 * With the client id as audience and a nonce it is an ID token. The same user name in the same
 * tenant always gets the same oid and sub, as in Entra.
 */
export async function mintDevToken(key: DevSigningKey, options: DevTokenOptions): Promise<string> {
  if (!tenantIdSchema.safeParse(options.tenantId).success) {
    throw new TypeError(`tenantId must be a GUID, got ${JSON.stringify(options.tenantId)}`);
  }
  // Entra writes tenant ids in lower case in both tid and iss.
  const tenantId = options.tenantId.toLowerCase();
  const expiresIn = options.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
    throw new RangeError(`expiresInSeconds must be a positive integer, got ${expiresIn}`);
  }
  const preferredUsername = options.preferredUsername ?? 'dev.user@example.com';
  const userKey = options.subject ?? preferredUsername;
  const subject = options.subject ?? digest('sub', tenantId, userKey).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const optionalClaims = {
    given_name: options.givenName,
    family_name: options.familyName,
    email: options.email,
    nonce: options.nonce,
    wids: options.directoryRoles === undefined ? undefined : [...options.directoryRoles],
    scp: options.scopes?.length ? options.scopes.join(' ') : undefined,
  };
  return new SignJWT({
    tid: tenantId,
    oid: stableGuid(digest('oid', tenantId, userKey)),
    roles: [...options.roles],
    name: options.name ?? 'Dev User',
    preferred_username: preferredUsername,
    upn: options.upn ?? userPrincipalName(preferredUsername, tenantId),
    ...Object.fromEntries(Object.entries(optionalClaims).filter(([, v]) => v !== undefined)),
    ver: '2.0',
    uti: randomBytes(16).toString('base64url'),
  })
    .setProtectedHeader({ alg: DEV_SIGNING_ALG, typ: 'JWT', kid: key.kid })
    .setIssuer(entraIssuerFor(options.issuerBaseUrl, tenantId))
    .setAudience(options.audience)
    .setSubject(subject)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + expiresIn)
    .sign(key.privateKey);
}
