import { createHash } from 'node:crypto';
import type { DevSigningKey } from '../../devSigningKey';
import type { AuthorizationCodeStore } from './authorizationCodes';
import { authenticateClient, type DevClients } from './clientAuthentication';
import type { DevDomainDirectory } from './domainDirectory';
import {
  DEFAULT_EXPIRES_IN_SECONDS,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  mintDevToken,
  type DevTokenOptions,
} from './devTokens';

export interface TokenEndpointContext {
  readonly key: DevSigningKey;
  readonly issuerBaseUrl: string;
  /** The access token's audience when the request named no API scope. */
  readonly defaultAudience: string;
  readonly clients: DevClients;
  readonly codes: AuthorizationCodeStore;
  /** Who owns which domain: decides whether the account is a member (its `upn`) or a guest. */
  readonly directory: DevDomainDirectory;
}

export interface TokenReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

const TOKEN_PARAMETERS = [
  'grant_type',
  'code',
  'redirect_uri',
  'client_id',
  'client_secret',
  'code_verifier',
];
// RFC 7636 §4.1: 43 to 128 unreserved characters.
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * The authorization code grant of Entra's v2 token endpoint: the client authenticates (or is
 * public), the code is redeemed once by the client and redirect URI it was issued to, and the
 * PKCE verifier must hash to the challenge. Then an ID token (when `openid` was asked for) and
 * an access token for the requested API.
 */
export async function answerTokenRequest(
  form: URLSearchParams,
  authorization: string | undefined,
  context: TokenEndpointContext,
): Promise<TokenReply> {
  const repeated = TOKEN_PARAMETERS.find((name) => form.getAll(name).length > 1);
  if (repeated !== undefined) {
    return oauthError(400, 'invalid_request', `The parameter '${repeated}' is repeated.`);
  }
  const grantType = form.get('grant_type');
  if (grantType === null) {
    return oauthError(
      400,
      'invalid_request',
      "AADSTS900144: The request body must contain the following parameter: 'grant_type'.",
    );
  }
  if (grantType !== 'authorization_code') {
    return oauthError(
      400,
      'unsupported_grant_type',
      `The grant type '${grantType}' is not supported: use authorization_code.`,
    );
  }
  const client = authenticateClient(form, authorization, context.clients);
  if (!client.ok) {
    return oauthError(client.status, client.error, client.description, {
      ...(client.status === 401 && client.basic ? { 'WWW-Authenticate': 'Basic' } : {}),
    });
  }
  const missing = ['code', 'redirect_uri', 'code_verifier'].find((name) => !form.get(name));
  if (missing !== undefined) {
    return oauthError(
      400,
      'invalid_request',
      `AADSTS900144: The request body must contain the following parameter: '${missing}'.`,
    );
  }
  const verifier = form.get('code_verifier')!;
  if (!CODE_VERIFIER.test(verifier)) {
    return oauthError(
      400,
      'invalid_request',
      'code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9 and -._~ (RFC 7636).',
    );
  }
  const redeemed = context.codes.redeem(form.get('code')!);
  if (!redeemed.ok) {
    return oauthError(400, 'invalid_grant', redeemed.description);
  }
  const { grant } = redeemed;
  if (grant.clientId !== client.clientId) {
    return oauthError(400, 'invalid_grant', 'The code was issued to another client.');
  }
  if (grant.redirectUri !== form.get('redirect_uri')) {
    return oauthError(
      400,
      'invalid_grant',
      'The redirect_uri differs from the one in the authorization request.',
    );
  }
  if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
    return oauthError(
      400,
      'invalid_grant',
      'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  }

  const { account, scopes } = grant;
  const user: Omit<DevTokenOptions, 'audience'> = {
    issuerBaseUrl: context.issuerBaseUrl,
    tenantId: account.tenantId,
    roles: account.roles,
    ...(account.globalAdministrator ? { directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID] } : {}),
    name: account.displayName,
    preferredUsername: account.username,
    upn: context.directory.upnOf(account.username, account.tenantId),
    expiresInSeconds: DEFAULT_EXPIRES_IN_SECONDS,
  };
  const accessToken = await mintDevToken(context.key, {
    ...user,
    audience: scopes.resource ?? context.defaultAudience,
    scopes: scopes.apiScopeNames,
  });
  const idToken = scopes.openid
    ? await mintDevToken(context.key, {
        ...user,
        audience: grant.clientId,
        email: account.username,
        ...(account.givenName === '' ? {} : { givenName: account.givenName }),
        ...(account.familyName === '' ? {} : { familyName: account.familyName }),
        ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
      })
    : undefined;
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      scope: scopes.all.join(' '),
      expires_in: DEFAULT_EXPIRES_IN_SECONDS,
      ext_expires_in: DEFAULT_EXPIRES_IN_SECONDS,
      access_token: accessToken,
      ...(idToken === undefined ? {} : { id_token: idToken }),
    },
    headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  };
}

function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Readonly<Record<string, string>> = {},
): TokenReply {
  return { status, body: oauthErrorBody(error, description), headers };
}

/** OAuth 2.0's error answer (RFC 6749 §5.2), which Entra's endpoints also give. */
export function oauthErrorBody(error: string, description: string) {
  return { error, error_description: description };
}
