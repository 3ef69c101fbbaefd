import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { DEV_SIGNING_ALG, type DevSigningKey } from '../devSigningKey';
import { sendJson } from './sendJson';

const TOKEN_REQUEST_MAX_BYTES = 16 * 1024;
const DEFAULT_EXPIRES_IN_SECONDS = 3600;
const MAX_EXPIRES_IN_SECONDS = 24 * 3600;

const tenantIdSchema = z.guid({ error: 'tenantId must be a GUID (the partner tenant id).' });

export interface DevTokenOptions {
  /** Stands in for `https://login.microsoftonline.com`; the tenant and `/v2.0` are appended. */
  readonly issuerBaseUrl: string;
  readonly tenantId: string;
  readonly audience: string;
  readonly roles: readonly string[];
  readonly subject?: string;
  readonly name?: string;
  readonly preferredUsername?: string;
  readonly expiresInSeconds?: number;
}

export interface DevTokenIssuerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly key: DevSigningKey;
  /** Audience of tokens from `POST /token` when the request names none. */
  readonly audience: string;
}

export interface DevTokenIssuer {
  readonly url: string;
  issuerFor(tenantId: string): string;
  readonly jwksUri: string;
  close(): Promise<void>;
}

/**
 * Entra ID v2 issues per-tenant issuers of this shape; the app validates `iss` against the
 * same pattern in production, so the local issuer must produce it exactly.
 */
export function entraIssuerFor(issuerBaseUrl: string, tenantId: string): string {
  return `${issuerBaseUrl.replace(/\/+$/, '')}/${tenantId}/v2.0`;
}

/**
 * Mints an access token with the claims the app reads from Entra ID v2 tokens (tid, oid, roles,
 * name, preferred_username), so local sign-in exercises the production validation path.
 * The same user name in the same tenant always gets the same oid and sub, as in Entra.
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
  const name = options.name ?? 'Dev User';
  const preferredUsername = options.preferredUsername ?? 'dev.user@example.com';
  const userKey = options.subject ?? preferredUsername;
  const subject = options.subject ?? digest('sub', tenantId, userKey).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: tenantId,
    oid: stableGuid(digest('oid', tenantId, userKey)),
    roles: [...options.roles],
    name,
    preferred_username: preferredUsername,
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

const tokenRequestSchema = z.strictObject({
  tenantId: tenantIdSchema,
  roles: z.array(z.string().min(1), { error: 'roles must be an array of role names.' }),
  audience: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  preferredUsername: z.string().min(1).optional(),
  subject: z.string().min(1).optional(),
  expiresInSeconds: z.int().min(1).max(MAX_EXPIRES_IN_SECONDS).optional(),
});

/**
 * Serves the two documents the app fetches from Entra ID (OpenID configuration and JWKS) on
 * loopback, so tokens from `mintDevToken` are verified exactly as production tokens are,
 * plus a convenience `POST /token` for local sign-in.
 */
export async function startDevTokenIssuer(options: DevTokenIssuerOptions): Promise<DevTokenIssuer> {
  const host = options.host ?? '127.0.0.1';
  if (!['127.0.0.1', '::1', 'localhost'].includes(host) && !host.startsWith('127.')) {
    throw new Error(`The dev token issuer listens on loopback only; refusing host ${host}`);
  }
  const { key } = options;
  let url = '';
  const jwksPath = '/discovery/v2.0/keys';

  const handleTokenRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const raw = await readSmallBody(req, TOKEN_REQUEST_MAX_BYTES);
    if (raw === undefined) {
      return sendJson(res, 413, oauthError('invalid_request', 'The body is too large.'));
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, oauthError('invalid_request', 'The body must be JSON.'));
    }
    const parsed = tokenRequestSchema.safeParse(json);
    if (!parsed.success) {
      return sendJson(res, 400, {
        ...oauthError('invalid_request', 'Expected {tenantId, roles, audience?, name?}.'),
        errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      });
    }
    const request = parsed.data;
    const expiresIn = request.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS;
    const accessToken = await mintDevToken(key, {
      ...request,
      issuerBaseUrl: url,
      audience: request.audience ?? options.audience,
      expiresInSeconds: expiresIn,
    });
    sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn });
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://issuer.invalid').pathname;
    const method = req.method ?? 'GET';
    if (path === '/token') {
      return method === 'POST' ? handleTokenRequest(req, res) : methodNotAllowed(res, 'POST');
    }
    // Entra serves the keys both tenant-independent and under each tenant.
    if (path === jwksPath || /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)) {
      return method === 'GET'
        ? sendJson(res, 200, { keys: [key.publicJwk] }, { 'Cache-Control': 'no-store' })
        : methodNotAllowed(res, 'GET');
    }
    const tenant = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path)?.[1];
    if (tenant !== undefined) {
      if (method !== 'GET') {
        return methodNotAllowed(res, 'GET');
      }
      const tenantId = tenantIdSchema.safeParse(decodeURIComponent(tenant));
      if (!tenantId.success) {
        return sendJson(res, 400, oauthError('invalid_tenant', `Not a tenant id: ${tenant}`));
      }
      const issuer = entraIssuerFor(url, tenantId.data.toLowerCase());
      return sendJson(res, 200, {
        issuer,
        jwks_uri: `${url}${jwksPath}`,
        token_endpoint: `${url}/token`,
        id_token_signing_alg_values_supported: [DEV_SIGNING_ALG],
        response_types_supported: ['token'],
        subject_types_supported: ['pairwise'],
        claims_supported: [
          'iss',
          'aud',
          'sub',
          'tid',
          'oid',
          'roles',
          'name',
          'preferred_username',
        ],
      });
    }
    sendJson(res, 404, oauthError('not_found', `Nothing at ${path}.`));
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, oauthError('server_error', (error as Error).message));
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
    jwksUri: `${url}${jwksPath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // jose's remote JWKS keeps connections alive; close() would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\n')).digest();
}

/** Formats hash bytes as a version-5-style GUID, the shape Entra object ids have. */
function stableGuid(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function oauthError(error: string, description: string) {
  return { error, error_description: description };
}

function readSmallBody(req: http.IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function methodNotAllowed(res: http.ServerResponse, allow: string): void {
  sendJson(res, 405, oauthError('invalid_request', `Use ${allow}.`), { Allow: allow });
}
