import { app } from '@azure/functions';
import { appServices } from '../shared/app/appServices';
import { PENDING_SIGN_IN_SECONDS, SESSION_SECONDS } from '../shared/auth/customerSession';
import { newCsrfToken } from '../shared/auth/sealedCookie';
import { SIGN_IN_PROBLEMS } from '../shared/auth/customerSignIn';
import { ProblemError } from '../shared/http/problem';
import { openLink } from '../shared/services/acceptance';
import type { InvitationDocument } from '../shared/store/documents';
import { acceptancePath, customerFailure, sessionOf } from '../shared/web/acceptanceResponses';

/**
 * The customer admin's sign-in around the acceptance page: off to Entra (authorization code
 * with PKCE, the customer's own tenant as authority), back through the callback into a short
 * session cookie, and sign-out. None of these change an invitation.
 */

app.http('startCustomerSignIn', {
  methods: ['GET'],
  route: 'accept/{token}/signin',
  authLevel: 'anonymous',
  handler: async (request, context) => {
    const token = request.params.token ?? '';
    let invitation: InvitationDocument | undefined;
    try {
      const services = appServices();
      invitation = await openLink(services, token);
      const session = await sessionOf(services, request);
      const other = request.query.get('account') === 'other';
      const { url, pending } = await services.customerSignIn.begin(invitation.customer.domain, {
        selectAccount: other || session !== undefined,
        ...(other || session?.identity.username === undefined
          ? {}
          : { loginHint: session.identity.username }),
      });
      return {
        status: 302,
        headers: { Location: url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
        cookies: [
          await services.customerCookies.pending.seal(
            { ...pending, acceptToken: token },
            PENDING_SIGN_IN_SECONDS,
          ),
        ],
      };
    } catch (error) {
      return customerFailure(error, request, context, invitation);
    }
  },
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
      return {
        status: 303,
        headers: {
          Location: `${services.config.publicBaseUrl}${acceptancePath(pending.acceptToken)}`,
          'Cache-Control': 'no-store',
          'Referrer-Policy': 'no-referrer',
        },
        cookies: [
          cookies.pending.clear(),
          await cookies.session.seal({ identity, csrf: newCsrfToken() }, SESSION_SECONDS),
        ],
      };
    } catch (error) {
      return customerFailure(error, request, context, invitation);
    }
  },
});

app.http('customerSignOut', {
  methods: ['POST'],
  route: 'accept/{token}/signout',
  authLevel: 'anonymous',
  handler: async (request) => {
    const services = appServices();
    // Signing out only forgets this browser's session; it needs no proof and changes no data.
    return {
      status: 303,
      headers: {
        Location: `${services.config.publicBaseUrl}${acceptancePath(request.params.token ?? '')}`,
        'Cache-Control': 'no-store',
      },
      cookies: [services.customerCookies.session.clear()],
    };
  },
});
