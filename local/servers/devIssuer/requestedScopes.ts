/** What a `scope` parameter asks for: OpenID Connect scopes and scopes of at most one API. */
export interface RequestedScopes {
  /** Every scope as requested, without repeats, in order: the token response's `scope`. */
  readonly all: readonly string[];
  readonly openid: boolean;
  /** The API the access token is for (`api://reseller-invitations-local`), if one was named. */
  readonly resource: string | undefined;
  /** The API's scope names without the resource (`access_as_user`): the access token's `scp`. */
  readonly apiScopeNames: readonly string[];
}

export type RequestedScopesResult =
  | { readonly ok: true; readonly scopes: RequestedScopes }
  | { readonly ok: false; readonly description: string };

export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

// Entra names an API's scope as the API's identifier URI, a slash and the scope's name.
const API_SCOPE = /^([a-z][a-z0-9+.-]*:\/\/[^\s/]+(?:\/[^\s]*)?)\/([A-Za-z0-9._-]+)$/i;

/**
 * Reads a space-separated `scope` as Entra ID v2 does: one resource per request (its error
 * AADSTS28000 otherwise), and something to sign in for — `openid` or an API scope.
 */
export function parseRequestedScopes(scope: string): RequestedScopesResult {
  const all = [...new Set(scope.split(' ').filter((s) => s !== ''))];
  if (all.length === 0) {
    return {
      ok: false,
      description: "AADSTS900144: The request body must contain the following parameter: 'scope'.",
    };
  }
  const resources = new Set<string>();
  const apiScopeNames: string[] = [];
  for (const item of all) {
    if (OIDC_SCOPES.includes(item)) {
      continue;
    }
    const match = API_SCOPE.exec(item);
    if (match === null) {
      return {
        ok: false,
        description: `AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope '${item}' is neither an OpenID Connect scope nor an API scope such as api://<api>/access_as_user.`,
      };
    }
    resources.add(match[1]!);
    if (match[2] !== '.default') {
      apiScopeNames.push(match[2]!);
    }
  }
  if (resources.size > 1) {
    return {
      ok: false,
      description: `AADSTS28000: Provided value for the input parameter scope is not valid because it contains more than one resource: ${[...resources].join(', ')}.`,
    };
  }
  const openid = all.includes('openid');
  const [resource] = resources;
  if (!openid && resource === undefined) {
    return {
      ok: false,
      description:
        "AADSTS70011: The provided value for the input parameter 'scope' is not valid. Ask for 'openid' or an API scope such as api://<api>/access_as_user.",
    };
  }
  return { ok: true, scopes: { all, openid, resource, apiScopeNames } };
}
