import { app } from '@azure/functions';
import { appServices } from '../shared/app/appServices';
import {
  newCustomerSession,
  PENDING_SIGN_IN_SECONDS,
  SESSION_SECONDS,
} from '../shared/auth/customerSession';
import { SIGN_IN_PROBLEMS } from '../shared/auth/customerSignIn';
import { ProblemError } from '../shared/domain/problem';
import { openLink } from '../shared/services/acceptance';
import type { InvitationDocument } from '../shared/store/documents';
import type { ResponseCookie } from '../shared/auth/sealedCookie';
import { linkHandler } from '../shared/app/entryPoints';
import { acceptancePath, customerFailure, sessionOf } from '../shared/web/acceptanceResponses';
import { answerPageOrThrow, readCustomerBody } from '../shared/web/customerForms';

/** A redirect that sets cookies; the URL may hold an invitation token, so no referrer. */
function redirect(status: 302 | 303, location: string, cookies: ResponseCookie[]) {
  return {
    status,
    headers: { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    cookies,
  };
}

/**
 * The customer admin's sign-in around the acceptance page: off to Entra (authorization code
 * with PKCE, the customer's own tenant as authority), back through the callback into a short
 * session cookie bound to the invitation, and sign-out (anti-forgery checked, revoked on the
 * server). None of these change an invitation.
 */

app.http('startCustomerSignIn', {
  methods: ['GET'],
  route: 'accept/{token}/signin',
  authLevel: 'anonymous',
  handler: linkHandler(async ({ request, services, token, invitation }) => {
    const session = await sessionOf(services, request, invitation);
    const other = request.query.get('account') === 'other';
    const { url, pending } = await services.customerSignIn.begin(invitation.customer.domain, {
      selectAccount: other || session !== undefined,
      ...(other || session?.identity.username === undefined
        ? {}
        : { loginHint: session.identity.username }),
    });
    const cookie = await services.customerCookies.pending.seal(
      { ...pending, acceptToken: token },
      PENDING_SIGN_IN_SECONDS,
    );
    return redirect(302, url, [cookie]);
  }),
});

app.http('completeCustomerSignIn', {
  methods: ['GET'],
  route: 'auth/callback',
  authLevel: 'anonymous',
  handler: async (request, context) => {
    let invitation: InvitationDocument | undefined;
    try {
      const services = appServices();
      const cookies = services.customerCookies;
      const pending = await cookies.pending.open(request.headers.get('cookie'));
      if (pending === undefined) {
        throw new ProblemError({
          status: 400,
          code: SIGN_IN_PROBLEMS.expired,
          title: 'Sign-in did not complete',
          detail: 'The sign-in took too long, or the browser did not keep its cookie. Try again.',
        });
      }
      invitation = await openLink(services, pending.acceptToken);
      const identity = await services.customerSignIn.complete(request.query, pending);
      return redirect(
        303,
        `${services.config.publicBaseUrl}${acceptancePath(pending.acceptToken)}`,
        [
          cookies.pending.clear(),
          await cookies.session.seal(
            newCustomerSession(identity, invitation, services.now()),
            SESSION_SECONDS,
          ),
        ],
      );
    } catch (error) {
      return customerFailure(error, request, context, invitation);
    }
  },
});

app.http('customerSignOut', {
  methods: ['POST'],
  route: 'accept/{token}/signout',
  authLevel: 'anonymous',
  handler: linkHandler(async ({ request, context, services, token, invitation }) => {
    const back = `${services.config.publicBaseUrl}${acceptancePath(token)}`;
    const session = await sessionOf(services, request, invitation);
    if (session === undefined) {
      // Nothing to end here, and nothing is changed: not even this browser's cookie.
      return redirect(303, back, []);
    }
    try {
      // The form's anti-forgery field proves the page asked: another site cannot sign anyone out.
      await readCustomerBody(request, session.csrf, () => undefined);
    } catch (error) {
      return answerPageOrThrow(error, { services, request, context, token, invitation, typed: {} });
    }
    // Revoked on the server first: a copy of the cookie stops working, not only this one.
    await services.sessionRevocations.revoke(session.id, new Date(session.expiresAt));
    return redirect(303, back, [services.customerCookies.session.clear()]);
  }),
});
