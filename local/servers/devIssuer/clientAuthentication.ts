import { timingSafeEqual, createHash } from 'node:crypto';

/** A registered client; one with a secret is confidential and must authenticate with it. */
export interface DevClient {
  readonly secret?: string;
}

export type DevClients = Readonly<Record<string, DevClient>>;

export type ClientAuthenticationResult =
  | { readonly ok: true; readonly clientId: string }
  | {
      readonly ok: false;
      readonly status: 400 | 401;
      readonly error: 'invalid_request' | 'invalid_client';
      readonly description: string;
      /** Set when the client tried HTTP Basic: a 401 then names the scheme (RFC 6749 §5.2). */
      readonly basic: boolean;
    };

/**
 * Client authentication at the token endpoint: client_secret_basic, client_secret_post, or
 * none. Clients listed without a secret are public and must not send one (Entra's
 * AADSTS700025); clients not listed at all are taken as public and whatever secret they
 * send is not checked, so an app works against the issuer before anyone lists it.
 */
export function authenticateClient(
  form: URLSearchParams,
  authorization: string | undefined,
  clients: DevClients,
): ClientAuthenticationResult {
  const basic = authorization !== undefined && /^basic /i.test(authorization);
  const fail = (
    status: 400 | 401,
    error: 'invalid_request' | 'invalid_client',
    description: string,
  ) => ({ ok: false, status, error, description, basic }) as const;
  let clientId = form.get('client_id') ?? undefined;
  let secret = form.get('client_secret') ?? undefined;
  if (basic) {
    const credentials = parseBasicCredentials(authorization.slice(6).trim());
    if (credentials === undefined) {
      return fail(401, 'invalid_client', 'The Authorization header is not valid HTTP Basic.');
    }
    if (secret !== undefined) {
      return fail(
        400,
        'invalid_request',
        'Authenticate with one method: client_secret_basic or client_secret_post.',
      );
    }
    if (clientId !== undefined && clientId !== credentials.clientId) {
      return fail(
        400,
        'invalid_request',
        'client_id differs from the one in the Authorization header.',
      );
    }
    ({ clientId, secret } = credentials);
  }
  if (clientId === undefined || clientId === '') {
    return fail(
      400,
      'invalid_request',
      "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
    );
  }
  const registered = Object.hasOwn(clients, clientId) ? clients[clientId] : undefined;
  if (registered?.secret !== undefined) {
    if (secret === undefined || !sameSecret(secret, registered.secret)) {
      return fail(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    }
  } else if (registered !== undefined && secret !== undefined) {
    return fail(
      401,
      'invalid_client',
      "AADSTS700025: Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    );
  }
  return { ok: true, clientId };
}

/** `Basic base64(urlencode(id) ":" urlencode(secret))`, as RFC 6749 §2.3.1 writes it. */
function parseBasicCredentials(encoded: string): { clientId: string; secret: string } | undefined {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    return undefined;
  }
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return {
      clientId: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual needs.
  const hash = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(hash(given), hash(expected));
}
