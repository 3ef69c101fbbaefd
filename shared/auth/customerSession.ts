import { randomBytes } from 'node:crypto';
import type { CustomerIdentity } from '../domain/acceptanceEligibility';
import type { PendingSignIn } from './customerSignIn';
import { newCsrfToken, SealedCookie, type SealedCookieOptions } from './sealedCookie';

/**
 * A signed-in customer admin: who they are, the invitation the sign-in was for (the session and
 * its anti-forgery token count on that invitation only), and the session's id, by which
 * sign-out revokes it on the server until it would have ended anyway.
 */
export interface CustomerSession {
  readonly id: string;
  readonly partnerTenantId: string;
  readonly invitationId: string;
  readonly identity: CustomerIdentity;
  readonly csrf: string;
  readonly expiresAt: string;
}

/** A sign-in under way, and the invitation to return to. */
export interface PendingCustomerSignIn extends PendingSignIn {
  readonly acceptToken: string;
}

/** Short on purpose: the session exists to accept one invitation, not to browse. */
export const SESSION_SECONDS = 20 * 60;
export const PENDING_SIGN_IN_SECONDS = 10 * 60;

/** A new session of `identity` on one invitation, ending `SESSION_SECONDS` after `now`. */
export function newCustomerSession(
  identity: CustomerIdentity,
  invitation: { readonly partnerTenantId: string; readonly id: string },
  now: Date,
): CustomerSession {
  return {
    id: randomBytes(16).toString('base64url'),
    partnerTenantId: invitation.partnerTenantId,
    invitationId: invitation.id,
    identity,
    csrf: newCsrfToken(),
    expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString(),
  };
}

/** Whether a session (opened from its cookie) was made for this invitation. */
export function isSessionFor(
  session: CustomerSession,
  invitation: { readonly partnerTenantId: string; readonly id: string },
): boolean {
  // A cookie sealed before sessions had ids and invitations counts for none.
  return (
    typeof session.id === 'string' &&
    session.invitationId === invitation.id &&
    session.partnerTenantId === invitation.partnerTenantId
  );
}

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
