import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { jwtVerify, SignJWT, type KeyLike } from 'jose';
import { escapeHtml } from '../../shared/domain/escapeHtml';
import { sendJson } from '../servers/sendJson';
import { CONTRACTS_PERMISSION, GRAPH_PERMISSION, type GraphState } from './graphState';

/*
 * Microsoft Entra as far as the app's app-only Graph calls need it: the managed identity
 * endpoint (App Service's shape) that gives the function app a token for the federated
 * credential exchange, the v2.0 token endpoint that redeems it (client credentials with a
 * client assertion, no secret), its discovery document, and the admin consent page.
 */

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
const TOKEN_LIFETIME_SECONDS = 3600;

export interface FederatedApp {
  /** The multi-tenant app registration's client id. */
  readonly clientId: string;
  /** The federated credential on it: the managed identity's issuer and subject. */
  readonly issuer: string;
  readonly subject: string;
}

export interface LoginKeys {
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
}

/** The managed identity's token for `api://AzureADTokenExchange` (App Service's endpoint). */
export async function answerManagedIdentity(
  url: URL,
  headers: http.IncomingHttpHeaders,
  identityHeader: string,
  app: FederatedApp,
  keys: LoginKeys,
  res: http.ServerResponse,
): Promise<void> {
  if (headers['x-identity-header'] !== identityHeader) {
    sendJson(res, 401, { error: 'unauthorized', error_description: 'X-IDENTITY-HEADER is wrong.' });
    return;
  }
  const resource = url.searchParams.get('resource') ?? '';
  if (resource.replace(/\/\.default$/, '') !== TOKEN_EXCHANGE_AUDIENCE) {
    sendJson(res, 400, {
      error: 'invalid_resource',
      error_description: `This local managed identity only issues tokens for ${TOKEN_EXCHANGE_AUDIENCE}.`,
    });
    return;
  }
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(app.issuer)
    .setSubject(app.subject)
    .setAudience(TOKEN_EXCHANGE_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
    .sign(keys.privateKey);
  sendJson(res, 200, {
    access_token: token,
    expires_on: String(now + TOKEN_LIFETIME_SECONDS),
    resource: TOKEN_EXCHANGE_AUDIENCE,
    token_type: 'Bearer',
    client_id: app.subject,
  });
}

/** `/{tenant}/v2.0/.well-known/openid-configuration`, as MSAL reads it before a token request. */
export function openidConfigurationFor(baseUrl: string, tenant: string): Record<string, unknown> {
  return {
    issuer: `${baseUrl}/${tenant}/v2.0`,
    authorization_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/authorize`,
    token_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/token`,
    end_session_endpoint: `${baseUrl}/${tenant}/oauth2/v2.0/logout`,
    jwks_uri: `${baseUrl}/${tenant}/discovery/v2.0/keys`,
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    tenant_region_scope: 'EU',
  };
}

/**
 * The token endpoint for the client credentials grant with a federated client assertion: the
 * assertion must be the managed identity's token that the app's federated credential names. The
 * token's `roles` are what the tenant's admin consented to (none after consent was withdrawn);
 * a tenant that never consented does not know the app.
 */
export async function answerClientCredentials(
  state: GraphState,
  tenantId: string,
  form: URLSearchParams,
  app: FederatedApp,
  keys: LoginKeys,
  res: http.ServerResponse,
): Promise<void> {
  const fail = (status: number, error: string, description: string) =>
    sendJson(res, status, {
      error,
      error_description: description,
      error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
      timestamp: new Date().toISOString(),
    });
  if (form.get('grant_type') !== 'client_credentials') {
    fail(400, 'unsupported_grant_type', 'AADSTS70003: Only client_credentials is served here.');
    return;
  }
  if (form.get('client_id') !== app.clientId) {
    fail(
      400,
      'unauthorized_client',
      `AADSTS700016: Application with identifier '${form.get('client_id') ?? ''}' was not found.`,
    );
    return;
  }
  if (form.has('client_secret')) {
    fail(
      401,
      'invalid_client',
      'AADSTS7000215: This app has no client secret; use its federated credential.',
    );
    return;
  }
  const assertion = form.get('client_assertion');
  if (
    form.get('client_assertion_type') !==
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
    assertion === null
  ) {
    fail(401, 'invalid_client', 'AADSTS7000216: client_assertion is required.');
    return;
  }
  try {
    await jwtVerify(assertion, keys.publicKey, {
      issuer: app.issuer,
      subject: app.subject,
      audience: TOKEN_EXCHANGE_AUDIENCE,
    });
  } catch {
    fail(
      401,
      'invalid_client',
      'AADSTS70021: No matching federated identity record found for presented assertion.',
    );
    return;
  }
  const scope = form.get('scope') ?? '';
  if (!scope.endsWith('/.default')) {
    fail(
      400,
      'invalid_scope',
      'AADSTS1002012: The scope must be a resource followed by /.default.',
    );
    return;
  }
  const consent = state.consentOf(tenantId);
  if (consent === 'none') {
    fail(
      400,
      'unauthorized_client',
      `AADSTS700016: Application with identifier '${app.clientId}' was not found in the directory '${tenantId}'. The tenant's administrator has not consented to it.`,
    );
    return;
  }
  const accessToken = randomBytes(24).toString('base64url');
  state.tokens.set(accessToken, {
    tenantId: tenantId.toLowerCase(),
    roles: consent === 'granted' ? [GRAPH_PERMISSION, CONTRACTS_PERMISSION] : [],
    expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000,
  });
  sendJson(res, 200, {
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: accessToken,
  });
}

/** The admin consent page: an administrator of `tenantId` grants the app its permission. */
export function renderConsentPage(url: URL, tenantId: string, app: FederatedApp): string {
  const hidden = ['client_id', 'redirect_uri', 'state']
    .map(
      (name) =>
        `<input type="hidden" name="${name}" value="${escapeHtml(url.searchParams.get(name) ?? '')}">`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Permissions requested</title></head><body>
<main><h1>Permissions requested</h1>
<p>The app <strong>${escapeHtml(app.clientId)}</strong> asks an administrator of the tenant
<code>${escapeHtml(tenantId)}</code> to grant, for the whole organization:</p>
<ul><li>${GRAPH_PERMISSION} (application): read and write the partner's delegated admin relationships with customers</li>
<li>${CONTRACTS_PERMISSION} (application): read the directory, for the partner's contracts with customers (reseller relationships)</li>
<li>Partner Customer Delegated Administration: its service principal is added to the tenant</li></ul>
<form method="post">${hidden}
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="cancel">Cancel</button></form></main></body></html>`;
}

/** After the administrator's choice: back to the app's redirect URI, as Entra answers it. */
export function consentRedirect(
  state: GraphState,
  tenantId: string,
  form: URLSearchParams,
): string | undefined {
  const redirectUri = form.get('redirect_uri');
  if (redirectUri === null || !/^https?:\/\//.test(redirectUri)) return undefined;
  const target = new URL(redirectUri);
  const stateParam = form.get('state');
  if (form.get('decision') === 'accept') {
    state.setConsent(tenantId, 'granted');
    target.searchParams.set('admin_consent', 'True');
    target.searchParams.set('tenant', tenantId);
  } else {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set(
      'error_description',
      'AADSTS65004: The administrator declined to consent.',
    );
  }
  if (stateParam !== null) target.searchParams.set('state', stateParam);
  return target.toString();
}
