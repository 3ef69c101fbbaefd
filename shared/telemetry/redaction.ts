/**
 * What never leaves the app in telemetry: a customer's email address or a token (an acceptance
 * link's token, a bearer token, a SendGrid key). Log properties and span attributes are chosen
 * from ids, but free text (an error message, a SendGrid answer) can quote either, so every
 * exported string passes through here.
 */
const EMAIL = /[^\s"'<>@,;:()]+@[^\s"'<>@,;:()]+\.[^\s"'<>@,;:()]+/g;
/** A JWT or JWE (base64url segments starting `eyJ`), a SendGrid key (`SG.`), a bearer value. */
const TOKEN = /\beyJ[\w-]*\.[\w.-]+|\bSG\.[\w-]{8,}\.[\w-]{8,}|(?<=\bBearer\s+)[\w.~+/=-]+/g;
/** The acceptance link's path segment (`/accept/<token>`) and a sign-in `code`/`state`. */
const LINK_TOKEN = /(\/accept\/)[^/?#\s"']+|([?&](?:code|state|token)=)[^&#\s"']+/g;

/** The text with every email address and token replaced by a marker. */
export function redact(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(TOKEN, '[token]')
    .replace(LINK_TOKEN, (_match, path?: string, query?: string) => `${path ?? query}[token]`);
}

/** Attributes with every string value redacted; other values as they are. */
export function redactAttributes<T extends Record<string, unknown>>(attributes: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    result[key] = typeof value === 'string' ? redact(value) : value;
  }
  return result as T;
}
