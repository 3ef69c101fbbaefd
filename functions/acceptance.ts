import { app } from '@azure/functions';
import { declineBody, mcaAcceptanceBody, plainAcceptanceBody } from '../shared/api/schemas';
import { validate } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  acceptInvitation,
  declineInvitation,
  describeAcceptance,
  type McaSigner,
} from '../shared/services/acceptance';
import type { InvitationDocument } from '../shared/store/documents';
import { renderAcceptancePage, renderAcceptedPage } from '../shared/web/acceptancePage';
import { linkHandler } from '../shared/app/entryPoints';
import {
  acceptancePageModel,
  acceptancePath,
  htmlPage,
  signedInOf,
  wantsJson,
} from '../shared/web/acceptanceResponses';
import { answerPageOrThrow, readCustomerBody, requestIdentity } from '../shared/web/customerForms';

function redirectTo(portalUrl: string, json: boolean, invitation: InvitationDocument) {
  if (json) {
    return jsonResponse(
      303,
      { status: 'accepted', redirectUrl: portalUrl },
      { Location: portalUrl },
    );
  }
  const page = htmlPage(303, renderAcceptedPage(invitation.locale, portalUrl), portalUrl);
  return { ...page, headers: { ...page.headers, Location: portalUrl } };
}

app.http('showInvitationAcceptance', {
  methods: ['GET'],
  route: 'accept/{token}',
  authLevel: 'anonymous',
  handler: linkHandler(async ({ request, services, token, invitation }) => {
    const view = await describeAcceptance(services, invitation);
    if (view.state === 'accepted') {
      return redirectTo(view.portalUrl, wantsJson(request), invitation);
    }
    if (wantsJson(request)) {
      return jsonResponse(200, {
        state: view.state,
        partner: {
          displayName: invitation.partner.displayName,
          tenantId: invitation.partnerTenantId,
        },
        customer: {
          companyName: invitation.customer.companyName,
          domain: invitation.customer.domain,
        },
        includeDelegatedAdmin: invitation.includeDelegatedAdmin,
        delegatedAdmin: view.delegatedAdmin,
        expiresAt: invitation.expiresAt,
        mcaRequired: view.mcaRequired,
        agreement: view.agreement,
        signIn: {
          required: true,
          who: `A Global Administrator of ${invitation.customer.domain}`,
          url: `${services.config.publicBaseUrl}${acceptancePath(token)}/signin`,
        },
      });
    }
    const signedIn = await signedInOf(services, request, invitation);
    // The accept form's post ends in a redirect to the portal: the page's CSP must allow it.
    return htmlPage(
      200,
      renderAcceptancePage(acceptancePageModel(view, token, signedIn)),
      view.portalUrl,
    );
  }),
});

app.http('acceptInvitation', {
  methods: ['POST'],
  route: 'accept/{token}',
  authLevel: 'anonymous',
  handler: linkHandler(async ({ request, context, services, token, invitation }) => {
    let typed: Record<string, string> = {};
    try {
      const { identity, csrf } = await requestIdentity(services, request, invitation);
      const result = await acceptInvitation(services, invitation, identity, async () => {
        const input = await readCustomerBody(request, csrf, (values) => (typed = values));
        return signerOf(input);
      });
      return redirectTo(result.portalUrl, wantsJson(request), invitation);
    } catch (error) {
      return answerPageOrThrow(error, { services, request, context, token, invitation, typed });
    }
  }),
});

app.http('declineInvitation', {
  methods: ['POST'],
  route: 'accept/{token}/decline',
  authLevel: 'anonymous',
  handler: linkHandler(async ({ request, context, services, token, invitation }) => {
    let typed: Record<string, string> = {};
    try {
      const { identity, csrf } = await requestIdentity(services, request, invitation);
      const declined = await declineInvitation(services, invitation, identity, async () =>
        validate(declineBody, await readCustomerBody(request, csrf, (values) => (typed = values))),
      );
      // Back to the link, which now says the invitation was declined (410).
      const location = `${services.config.publicBaseUrl}${acceptancePath(token)}`;
      return wantsJson(request)
        ? jsonResponse(200, {
            status: declined.status,
            declinedAt: declined.declinedAt,
            reason: declined.decline?.reason,
          })
        : { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } };
    } catch (error) {
      return answerPageOrThrow(error, { services, request, context, token, invitation, typed });
    }
  }),
});

/**
 * The MCA signer of an acceptance body. Empty means "accept" without a signer, which the service
 * refuses when the customer has not yet accepted the MCA.
 */
function signerOf(input: Record<string, unknown>): McaSigner | undefined {
  if (Object.keys(input).length === 0) {
    validate(plainAcceptanceBody, input);
    return undefined;
  }
  const signer = validate(mcaAcceptanceBody, input);
  return {
    firstName: signer.firstName,
    lastName: signer.lastName,
    email: signer.email,
    ...(signer.phoneNumber === undefined ? {} : { phoneNumber: signer.phoneNumber }),
  };
}
