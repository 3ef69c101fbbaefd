import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { ConsoleConfig } from '../app/consoleConfig';

/** The signed-in partner user, as the console needs it. */
export interface PartnerUser {
  /** The user's object id (`oid`, else `sub`): the id the audit log names them by. */
  readonly userId: string;
  readonly name: string;
  readonly username: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
  readonly accessToken: string;
}

export const CALLBACK_PATH = '/signin-callback';

/**
 * Authorization code with PKCE against the multi-tenant authority (`organizations`), as a
 * public client. Entra's discovery document for `organizations` names the issuer as the
 * template `…/{tenantid}/v2.0`; oidc-client-ts does not compare the ID token's `iss` with it
 * (it takes the ID token straight from the token endpoint), so no metadata override is
 * needed. Trust is decided by the API, which validates the access token's issuer per tenant.
 */
export function createUserManager(config: ConsoleConfig): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: origin,
    response_type: 'code',
    scope: `openid profile ${config.apiScope}`,
    // Tokens live as long as the tab: nothing is kept after the browser closes. The sign-in
    // state (state, nonce, PKCE verifier) too: oidc-client-ts keeps it in localStorage unless
    // told, where it would outlive the tab and be shared with every other tab.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

/** What the console reads from the sign-in: the partner tenant and the user's app roles. */
export function toPartnerUser(user: User): PartnerUser {
  const profile = user.profile as Record<string, unknown>;
  const roles = Array.isArray(profile.roles) ? profile.roles.filter(isString) : [];
  return {
    userId: stringClaim(profile.oid) ?? stringClaim(profile.sub) ?? '',
    name: stringClaim(profile.name) ?? stringClaim(profile.preferred_username) ?? '',
    username: stringClaim(profile.preferred_username) ?? '',
    tenantId: stringClaim(profile.tid) ?? '',
    roles,
    accessToken: user.access_token,
  };
}

export const isAdminAgent = (user: PartnerUser): boolean => user.roles.includes('AdminAgent');

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
