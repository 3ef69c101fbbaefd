import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { DevSigningKey } from '../devSigningKey';
import { AuthorizationCodeStore } from './devIssuer/authorizationCodes';
import { handleAuthorize } from './devIssuer/authorizeEndpoint';
import type { DevClients } from './devIssuer/clientAuthentication';
import {
  DEFAULT_EXPIRES_IN_SECONDS,
  entraIssuerFor,
  mintDevToken,
  tenantIdSchema,
} from './devIssuer/devTokens';
import { DevDomainDirectory } from './devIssuer/domainDirectory';
import { CORS_HEADERS, sendHtml, sendPreflight } from './devIssuer/httpReplies';
import { openidConfiguration } from './devIssuer/openidConfiguration';
import { readFormBody, readSmallBody } from './devIssuer/requestBody';
import { pageSecurityHeaders, renderRefusalPage } from './devIssuer/signInPage';
import { parseTenantAuthority, type TenantAuthority } from './devIssuer/tenantAuthority';
import { answerTokenRequest, oauthErrorBody, type TokenReply } from './devIssuer/tokenEndpoint';
import { sendJson } from './sendJson';

export {
  entraIssuerFor,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  mintDevToken,
  type DevTokenOptions,
} from './devIssuer/devTokens';
export type { DevClient, DevClients } from './devIssuer/clientAuthentication';
export { tenantIdForDomain } from './devIssuer/stableIds';
export { DevDomainDirectory, userPrincipalName } from './devIssuer/domainDirectory';

const TOKEN_REQUEST_MAX_BYTES = 16 * 1024;
const MAX_EXPIRES_IN_SECONDS = 24 * 3600;

export interface DevTokenIssuerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly key: DevSigningKey;
  /** Audience of access tokens when the request names no API (`POST /token`, `openid` only). */
  readonly audience: string;
  /**
   * Registered clients by client id. One with a secret is confidential and must authenticate
   * with it (client_secret_post or client_secret_basic); one without is public and sends none.
   * Clients not listed are public too.
   */
  readonly clients?: DevClients;
}

export interface DevTokenIssuer {
  readonly url: string;
  issuerFor(tenantId: string): string;
  /** The discovery document of an authority: a tenant id, a domain, `organizations` or `common`. */
  discoveryUrlFor(tenant: string): string;
  readonly jwksUri: string;
  /** Which tenant owns which domain; tests move a domain to a tenant with `verify`. */
  readonly directory: DevDomainDirectory;
  close(): Promise<void>;
}

const tokenRequestSchema = z.strictObject({
  tenantId: tenantIdSchema,
  roles: z.array(z.string().min(1), { error: 'roles must be an array of role names.' }),
  audience: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  preferredUsername: z.string().min(1).optional(),
  upn: z.string().min(1).optional(),
  directoryRoles: z
    .array(z.guid(), { error: 'directoryRoles must be role template ids.' })
    .optional(),
  subject: z.string().min(1).optional(),
  expiresInSeconds: z.int().min(1).max(MAX_EXPIRES_IN_SECONDS).optional(),
});

const verifiedDomainSchema = z.strictObject({
  domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { error: 'domain must be a DNS name.' }),
  tenantId: tenantIdSchema,
});

const TENANT_ROUTE =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/authorize|oauth2\/v2\.0\/token)$/;

/**
 * Stands in for Microsoft Entra ID on loopback: per-authority OpenID configuration and JWKS,
 * the authorization code flow with PKCE (a page to pick a test account, then the v2 token
 * endpoint), so both the app's customer admin sign-in and a browser app's partner sign-in run
 * locally. Also a convenience `POST /token` that mints an access token from JSON.
 */
export async function startDevTokenIssuer(options: DevTokenIssuerOptions): Promise<DevTokenIssuer> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host) && !host.startsWith('127.')) {
    throw new Error(`The dev token issuer listens on loopback only; refusing host ${host}`);
  }
  const { key } = options;
  const codes = new AuthorizationCodeStore();
  const directory = new DevDomainDirectory();
  let url = '';
  const jwksPath = '/discovery/v2.0/keys';
  const sendKeys = (res: http.ServerResponse) =>
    sendJson(res, 200, { keys: [key.publicJwk] }, { ...CORS_HEADERS, 'Cache-Control': 'no-store' });

  const handleJsonTokenRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const raw = await readSmallBody(req, TOKEN_REQUEST_MAX_BYTES);
    if (raw === undefined) {
      return sendJson(res, 413, oauthErrorBody('invalid_request', 'The body is too large.'));
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, oauthErrorBody('invalid_request', 'The body must be JSON.'));
    }
    const parsed = tokenRequestSchema.safeParse(json);
    if (!parsed.success) {
      return sendJson(res, 400, {
        ...oauthErrorBody(
          'invalid_request',
          'Expected {tenantId, roles, audience?, name?, preferredUsername?, directoryRoles?}.',
        ),
        errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      });
    }
    const request = parsed.data;
    const expiresIn = request.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
    const accessToken = await mintDevToken(key, {
      ...request,
      ...(request.preferredUsername === undefined || request.upn !== undefined
        ? {}
        : { upn: directory.upnOf(request.preferredUsername, request.tenantId) }),
      issuerBaseUrl: url,
      audience: request.audience ?? options.audience,
      expiresInSeconds: expiresIn,
    });
    sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
  };

  // A tenant verifies a domain (a test's "this tenant owns several domains"), by HTTP so it works
  // whether the issuer runs in the test's process or in `npm start`'s.
  const handleVerifyDomain = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const raw = await readSmallBody(req, TOKEN_REQUEST_MAX_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(raw ?? '');
    } catch {
      return sendJson(res, 400, oauthErrorBody('invalid_request', 'The body must be JSON.'));
    }
    const parsed = verifiedDomainSchema.safeParse(json);
    if (!parsed.success) {
      return sendJson(res, 400, oauthErrorBody('invalid_request', 'Expected {domain, tenantId}.'));
    }
    directory.verify(parsed.data.domain, parsed.data.tenantId);
    sendJson(res, 200, {
      domain: parsed.data.domain.toLowerCase(),
      tenantId: parsed.data.tenantId,
    });
  };

  const handleOAuthTokenRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = await readFormBody(req, TOKEN_REQUEST_MAX_BYTES);
    const reply: TokenReply = body.ok
      ? await answerTokenRequest(body.form, req.headers.authorization, {
          key,
          issuerBaseUrl: url,
          defaultAudience: options.audience,
          clients: options.clients ?? {},
          codes,
          directory,
        })
      : { status: 400, body: oauthErrorBody('invalid_request', body.description) };
    sendJson(res, reply.status, reply.body, { ...CORS_HEADERS, ...reply.headers });
  };

  const routeTenant = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    requestUrl: URL,
    authority: TenantAuthority,
    endpoint: string,
  ) => {
    const method = req.method ?? 'GET';
    if (endpoint.endsWith('openid-configuration') || endpoint.endsWith('keys')) {
      if (method !== 'GET') {
        return methodNotAllowed(res, 'GET');
      }
      return endpoint.endsWith('keys')
        ? sendKeys(res)
        : sendJson(res, 200, openidConfiguration(url, authority), CORS_HEADERS);
    }
    if (endpoint.endsWith('authorize')) {
      if (method !== 'GET' && method !== 'POST') {
        return methodNotAllowed(res, 'GET, POST');
      }
      const target = { path: requestUrl.pathname, query: requestUrl.searchParams, authority };
      return handleAuthorize(req, res, target, codes);
    }
    if (method === 'OPTIONS') {
      return sendPreflight(req, res);
    }
    return method === 'POST' ? handleOAuthTokenRequest(req, res) : methodNotAllowed(res, 'POST');
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestUrl = new URL(req.url ?? '/', 'http://issuer.invalid');
    const path = requestUrl.pathname;
    const method = req.method ?? 'GET';
    if (path === '/token') {
      return method === 'POST' ? handleJsonTokenRequest(req, res) : methodNotAllowed(res, 'POST');
    }
    if (path === '/__control/domains') {
      return method === 'POST' ? handleVerifyDomain(req, res) : methodNotAllowed(res, 'POST');
    }
    // Entra serves the keys both tenant-independent and under each tenant.
    if (path === jwksPath) {
      return method === 'GET' ? sendKeys(res) : methodNotAllowed(res, 'GET');
    }
    const match = TENANT_ROUTE.exec(path);
    if (match === null) {
      return sendJson(res, 404, oauthErrorBody('not_found', `Nothing at ${path}.`));
    }
    const [, segment, endpoint] = match as unknown as [string, string, string];
    const tenant = parseTenantAuthority(safeDecode(segment), (domain) =>
      directory.tenantOf(domain),
    );
    if (tenant.ok) {
      return routeTenant(req, res, requestUrl, tenant.authority, endpoint);
    }
    if (endpoint.endsWith('authorize')) {
      return sendHtml(res, 400, renderRefusalPage(tenant.description), pageSecurityHeaders());
    }
    const error = endpoint.endsWith('token') ? 'invalid_request' : 'invalid_tenant';
    sendJson(res, 400, oauthErrorBody(error, tenant.description), CORS_HEADERS);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, oauthErrorBody('server_error', (error as Error).message));
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    issuerFor: (tenantId) => entraIssuerFor(url, tenantId),
    discoveryUrlFor: (tenant) => `${url}/${tenant}/v2.0/.well-known/openid-configuration`,
    jwksUri: `${url}${jwksPath}`,
    directory,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // jose's remote JWKS keeps connections alive; close() would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}

/** A malformed escape is no tenant; `%` is not in any valid one, so it stays as it is. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function methodNotAllowed(res: http.ServerResponse, allow: string): void {
  sendJson(res, 405, oauthErrorBody('invalid_request', `Use ${allow}.`), { Allow: allow });
}
