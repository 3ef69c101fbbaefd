import { parseRequestedScopes, type RequestedScopes } from './requestedScopes';

/** The parameters of Entra's v2 authorize endpoint that the sign-in page carries along. */
export const AUTHORIZE_PARAMETERS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'login_hint',
  'domain_hint',
] as const;

export interface AuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: RequestedScopes;
  readonly state: string | undefined;
  readonly nonce: string | undefined;
  readonly codeChallenge: string;
  readonly loginHint: string | undefined;
  /** The parameters as received, to send back through the page's hidden fields. */
  readonly parameters: ReadonlyArray<readonly [string, string]>;
}

export type AuthorizeRequestResult =
  | { readonly kind: 'valid'; readonly request: AuthorizeRequest }
  /** The client or where to return is not trustworthy: say so on a page, never redirect. */
  | { readonly kind: 'refused'; readonly description: string }
  /** Anything else goes back to the client, as OAuth 2.0 (RFC 6749 §4.1.2.1) says. */
  | {
      readonly kind: 'redirect-error';
      readonly redirectUri: string;
      readonly state: string | undefined;
      readonly error: string;
      readonly description: string;
    };

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
// S256 challenges are the base64url SHA-256 of the verifier: always 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const MAX_PARAMETER_LENGTH = 2048;
const PROMPTS = ['login', 'select_account', 'consent', 'create', 'none'];

/**
 * Validates an authorization request the way Entra ID v2 does, for both the GET that shows the
 * sign-in page and the POST of its form: the hidden fields come back from the browser and are
 * trusted no more than the query they were copied from.
 */
export function parseAuthorizeRequest(params: URLSearchParams): AuthorizeRequestResult {
  const repeated = AUTHORIZE_PARAMETERS.filter((name) => params.getAll(name).length > 1);
  const clientId = params.get('client_id');
  if (clientId === null || clientId === '' || repeated.includes('client_id')) {
    return refused("AADSTS900144: The request must contain the parameter 'client_id' once.");
  }
  if (!CLIENT_ID.test(clientId)) {
    return refused(`The client_id '${clientId}' is not an application (client) id.`);
  }
  const redirectUri = params.get('redirect_uri');
  if (redirectUri === null || redirectUri === '' || repeated.includes('redirect_uri')) {
    return refused("AADSTS900144: The request must contain the parameter 'redirect_uri' once.");
  }
  if (!isLoopbackRedirectUri(redirectUri)) {
    return refused(
      `AADSTS50011: The redirect URI '${redirectUri}' specified in the request is not allowed. The local issuer returns only to http(s) addresses on loopback (127.0.0.0/8, localhost, [::1]), without a fragment.`,
    );
  }
  const state = repeated.includes('state') ? undefined : (params.get('state') ?? undefined);
  const fail = (description: string, error = 'invalid_request'): AuthorizeRequestResult => ({
    kind: 'redirect-error',
    redirectUri,
    state,
    error,
    description,
  });
  if (repeated.length > 0) {
    return fail(`The parameter '${repeated[0]}' is repeated.`);
  }
  const tooLong = AUTHORIZE_PARAMETERS.find(
    (name) => (params.get(name)?.length ?? 0) > MAX_PARAMETER_LENGTH,
  );
  if (tooLong !== undefined) {
    return fail(`The parameter '${tooLong}' is longer than ${MAX_PARAMETER_LENGTH} characters.`);
  }
  if (params.get('response_type') !== 'code') {
    return fail(
      `response_type '${params.get('response_type') ?? ''}' is not supported: use 'code' (authorization code with PKCE).`,
    );
  }
  const responseMode = params.get('response_mode');
  if (responseMode !== null && responseMode !== 'query') {
    return fail(`response_mode '${responseMode}' is not supported: use 'query'.`);
  }
  const scopes = parseRequestedScopes(params.get('scope') ?? '');
  if (!scopes.ok) {
    return fail(scopes.description);
  }
  const codeChallenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (codeChallenge === null || method === null) {
    return fail(
      'AADSTS9002325: Proof Key for Code Exchange (PKCE) is required: send code_challenge and code_challenge_method=S256.',
    );
  }
  if (method !== 'S256' || !S256_CHALLENGE.test(codeChallenge)) {
    return fail(
      'code_challenge_method must be S256 and code_challenge the 43-character base64url SHA-256 of the verifier.',
    );
  }
  const prompt = params.get('prompt');
  if (prompt !== null && !PROMPTS.includes(prompt)) {
    return fail(`prompt '${prompt}' is not one of ${PROMPTS.join(', ')}.`);
  }
  if (prompt === 'none') {
    // There is no session to sign in silently with: every sign-in goes through the page.
    return fail(
      'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
      'login_required',
    );
  }
  return {
    kind: 'valid',
    request: {
      clientId,
      redirectUri,
      scopes: scopes.scopes,
      state,
      nonce: params.get('nonce') ?? undefined,
      codeChallenge,
      loginHint: params.get('login_hint') ?? undefined,
      parameters: AUTHORIZE_PARAMETERS.flatMap((name) => {
        const value = params.get(name);
        return value === null ? [] : [[name, value] as const];
      }),
    },
  };
}

/**
 * Only loopback: the issuer hands codes to whatever redirect URI it is given (it has no app
 * registrations), so it must never be usable to send one off the machine.
 */
export function isLoopbackRedirectUri(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    !value.includes('#') &&
    (url.hostname === 'localhost' ||
      url.hostname === '[::1]' ||
      /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname))
  );
}

/** Where the browser goes with an error for the client: the redirect URI plus error and state. */
export function errorRedirectLocation(
  redirectUri: string,
  state: string | undefined,
  error: string,
  description: string,
): string {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== undefined) {
    url.searchParams.set('state', state);
  }
  return url.href;
}

function refused(description: string): AuthorizeRequestResult {
  return { kind: 'refused', description };
}
