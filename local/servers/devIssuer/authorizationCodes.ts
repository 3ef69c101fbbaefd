import { randomBytes } from 'node:crypto';
import type { RequestedScopes } from './requestedScopes';
import type { TestAccount } from './testAccount';

/** What a code stands for: the request it answers and who signed in. */
export interface AuthorizationGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly scopes: RequestedScopes;
  readonly account: TestAccount;
}

export type RedeemResult =
  | { readonly ok: true; readonly grant: AuthorizationGrant }
  | { readonly ok: false; readonly description: string };

export interface AuthorizationCodeStoreOptions {
  /** Five minutes unless said otherwise; Entra's codes live up to ten. */
  readonly lifetimeMs?: number;
  /** Outstanding codes kept at most; the oldest is dropped first. */
  readonly maxCodes?: number;
  readonly now?: () => number;
}

interface StoredCode {
  readonly grant: AuthorizationGrant;
  readonly expiresAt: number;
  redeemed: boolean;
}

/**
 * One-time authorization codes, in memory and bounded: a code is 256 random bits, lives a few
 * minutes and is redeemed once. A redeemed code is remembered until it expires, so a second
 * use is answered as Entra answers it ("already redeemed") rather than as unknown.
 */
export class AuthorizationCodeStore {
  private readonly codes = new Map<string, StoredCode>();
  private readonly lifetimeMs: number;
  private readonly maxCodes: number;
  private readonly now: () => number;

  constructor(options: AuthorizationCodeStoreOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? 5 * 60 * 1000;
    this.maxCodes = options.maxCodes ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.codes.size;
  }

  issue(grant: AuthorizationGrant): string {
    this.dropExpired();
    // Map iteration follows insertion order: the first key is the oldest code.
    for (const oldest of this.codes.keys()) {
      if (this.codes.size < this.maxCodes) {
        break;
      }
      this.codes.delete(oldest);
    }
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { grant, expiresAt: this.now() + this.lifetimeMs, redeemed: false });
    return code;
  }

  /** Marks the code used whatever follows: a code that failed a check is not tried again. */
  redeem(code: string): RedeemResult {
    const stored = this.codes.get(code);
    if (stored === undefined) {
      return { ok: false, description: 'AADSTS70000: The authorization code is not valid.' };
    }
    if (this.now() >= stored.expiresAt) {
      this.codes.delete(code);
      return {
        ok: false,
        description: 'AADSTS70008: The provided authorization code has expired.',
      };
    }
    if (stored.redeemed) {
      return {
        ok: false,
        description: 'AADSTS54005: OAuth2 Authorization code was already redeemed.',
      };
    }
    stored.redeemed = true;
    return { ok: true, grant: stored.grant };
  }

  private dropExpired(): void {
    const now = this.now();
    // Every code gets the same lifetime, so they expire in insertion order.
    for (const [code, stored] of this.codes) {
      if (stored.expiresAt > now) {
        break;
      }
      this.codes.delete(code);
    }
  }
}
