/**
 * CORS as the Functions host answers it when `Host.CORS` (local.settings.json) or the function
 * app's CORS setting lists the allowed origins: only those origins get CORS headers, a
 * preflight allows any method and header they ask for, and `*` allows every origin (without
 * credentials). Like Azure's platform CORS, it sets no `Access-Control-Expose-Headers`: that is
 * the app's to send (shared/http/responses.ts), and a local run must fail where Azure would.
 */
export interface CorsSettings {
  /** Exact origins (`http://127.0.0.1:7074`), or `*`. */
  readonly allowedOrigins: readonly string[];
  /** `Host.CORSCredentials`: allow cookies and `Authorization` to be sent with credentials. */
  readonly supportCredentials: boolean;
}

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Reads `Host.CORS`: a comma-separated list of origins, as Core Tools takes it. */
export function parseCorsSetting(
  value: string | undefined,
  supportCredentials = false,
): CorsSettings {
  const allowedOrigins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  if (supportCredentials && allowedOrigins.includes('*')) {
    throw new Error('Host.CORS "*" cannot be combined with CORSCredentials (browsers refuse it).');
  }
  for (const origin of allowedOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/i.test(origin)) {
      throw new Error(`Host.CORS: "${origin}" is not an origin such as http://127.0.0.1:7074`);
    }
  }
  return { allowedOrigins, supportCredentials };
}

export interface CorsRequest {
  readonly method: string;
  readonly origin: string | undefined;
  readonly requestMethod: string | undefined;
  readonly requestHeaders: string | undefined;
}

export interface CorsAnswer {
  /** A preflight is answered by the host (204) and never reaches a function. */
  readonly preflight: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the host adds to (or answers instead of) a request from a browser page. */
export function answerCors(settings: CorsSettings, request: CorsRequest): CorsAnswer {
  const preflight = request.method === 'OPTIONS' && request.requestMethod !== undefined;
  const origin = request.origin;
  if (origin === undefined || !isAllowed(settings, origin)) {
    return { preflight, headers: origin === undefined ? {} : { Vary: 'Origin' } };
  }
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin':
      settings.allowedOrigins.includes('*') && !settings.supportCredentials ? '*' : origin,
    Vary: 'Origin',
  };
  if (settings.supportCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = request.requestMethod!.toUpperCase();
    if (request.requestHeaders !== undefined && request.requestHeaders.trim() !== '') {
      headers['Access-Control-Allow-Headers'] = request.requestHeaders.trim();
    }
    headers['Access-Control-Max-Age'] = String(PREFLIGHT_MAX_AGE_SECONDS);
  }
  return { preflight, headers };
}

function isAllowed(settings: CorsSettings, origin: string): boolean {
  return settings.allowedOrigins.some(
    (allowed) => allowed === '*' || allowed.toLowerCase() === origin.toLowerCase(),
  );
}
