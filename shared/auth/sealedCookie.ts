import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { JWTPayload } from 'jose';

// jose is required on the first seal or open, not when the function files load (see
// tokenValidator.ts): the CSRF helpers here are plain node:crypto.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading, see above
const jose = () => require('jose') as typeof import('jose');

/**
 * Short-lived browser state of the customer sign-in, kept in encrypted cookies (JWE, `dir` +
 * A256GCM) so the app stays stateless: the pending sign-in (PKCE verifier, state, nonce) and
 * the signed-in session. The cookie content is unreadable and tamper-proof for the browser.
 */
export type CookiePurpose = 'signin' | 'session';

export interface SealedCookieOptions {
  /** At least 32 bytes of secret material (base64 or text); each purpose derives its own key. */
  readonly secret: string;
  /** `Secure` and the `__Host-` prefix everywhere but plain-http loopback. */
  readonly secure: boolean;
}

const COOKIE_NAMES: Record<CookiePurpose, string> = {
  signin: 'ri_signin',
  session: 'ri_session',
};

/** A cookie to set, in the shape of the Functions response's `cookies`. */
export interface ResponseCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
  readonly maxAge: number;
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: 'Lax';
}

/** Seals and opens the sign-in cookies of one purpose. */
export class SealedCookie<T extends object> {
  private readonly key: Uint8Array;
  readonly name: string;

  constructor(
    private readonly purpose: CookiePurpose,
    private readonly options: SealedCookieOptions,
  ) {
    this.key = new Uint8Array(
      hkdfSync('sha256', options.secret, 'reseller-invitations', `cookie:${purpose}`, 32),
    );
    this.name = options.secure ? `__Host-${COOKIE_NAMES[purpose]}` : COOKIE_NAMES[purpose];
  }

  /** The cookie (for the response's `cookies`) carrying `value` for `maxAgeSeconds`. */
  async seal(value: T, maxAgeSeconds: number): Promise<ResponseCookie> {
    const jwe = await new (jose().EncryptJWT)({ v: value } as unknown as JWTPayload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setAudience(this.purpose)
      .setIssuedAt()
      .setExpirationTime(`${maxAgeSeconds}s`)
      .encrypt(this.key);
    return this.cookie(jwe, maxAgeSeconds);
  }

  /** The cookie that removes this one. */
  clear(): ResponseCookie {
    return this.cookie('', 0);
  }

  /** The value of this cookie in a `Cookie` header; undefined when absent, expired or forged. */
  async open(cookieHeader: string | null): Promise<T | undefined> {
    const raw = parseCookies(cookieHeader ?? '')[this.name];
    if (raw === undefined || raw === '') {
      return undefined;
    }
    try {
      const { payload } = await jose().jwtDecrypt(raw, this.key, {
        audience: this.purpose,
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return (payload as { v?: T }).v;
    } catch {
      return undefined;
    }
  }

  private cookie(value: string, maxAge: number): ResponseCookie {
    return {
      name: this.name,
      value,
      path: '/',
      maxAge,
      httpOnly: true,
      secure: this.options.secure,
      // Lax: sent when the customer follows the emailed link or returns from Entra, never
      // with a cross-site form post.
      sameSite: 'Lax',
    };
  }
}

/** A fresh anti-forgery token for a session. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a submitted anti-forgery token with the session's, in constant time. */
export function csrfTokenMatches(expected: string, submitted: string | undefined): boolean {
  if (submitted === undefined) {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}
