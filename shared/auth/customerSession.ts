import type { CustomerIdentity } from '../domain/acceptanceEligibility';
import type { PendingSignIn } from './customerSignIn';
import { SealedCookie, type SealedCookieOptions } from './sealedCookie';

/** A signed-in customer admin: who they are, and the anti-forgery token of their forms. */
export interface CustomerSession {
  readonly identity: CustomerIdentity;
  readonly csrf: string;
}

/** A sign-in under way, and the invitation to return to. */
export interface PendingCustomerSignIn extends PendingSignIn {
  readonly acceptToken: string;
}

/** Short on purpose: the session exists to accept one invitation, not to browse. */
export const SESSION_SECONDS = 20 * 60;
export const PENDING_SIGN_IN_SECONDS = 10 * 60;

/** The two cookies of the customer sign-in. */
export interface CustomerSessionCookies {
  readonly session: SealedCookie<CustomerSession>;
  readonly pending: SealedCookie<PendingCustomerSignIn>;
}

export function customerSessionCookies(options: SealedCookieOptions): CustomerSessionCookies {
  return {
    session: new SealedCookie<CustomerSession>('session', options),
    pending: new SealedCookie<PendingCustomerSignIn>('signin', options),
  };
}
