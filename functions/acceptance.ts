import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { mcaAcceptanceBody, plainAcceptanceBody } from '../shared/api/schemas';
import type { AppServices } from '../shared/app/appServices';
import { csrfTokenMatches } from '../shared/auth/sealedCookie';
import type { CustomerIdentity } from '../shared/domain/acceptanceEligibility';
import { asProblem } from '../shared/http/endpoint';
import { fieldProblem, ProblemError } from '../shared/http/problem';
import { mediaTypeOf, parseJson, readBodyBytes, validate } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  acceptInvitation,
  describeAcceptance,
  type McaSigner,
} from '../shared/services/acceptance';
import type { InvitationDocument } from '../shared/store/documents';
import { renderAcceptancePage, renderAcceptedPage } from '../shared/web/acceptancePage';
import {
  acceptancePageModel,
  acceptancePath,
  htmlPage,
  identityFromCaller,
  linkHandler,
  sessionOf,
  wantsJson,
} from '../shared/web/acceptanceResponses';

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
    const session = await sessionOf(services, request);
    // The accept form's post ends in a redirect to the portal: the page's CSP must allow it.
    return htmlPage(
      200,
      renderAcceptancePage(acceptancePageModel(view, token, session)),
      view.portalUrl,
    );
  }),
});

app.http('acceptInvitation', {
  methods: ['POST'],
  route: 'accept/{token}',
  authLevel: 'anonymous',
  handler: linkHandler(async ({ request, services, token, invitation }) => {
    const json = wantsJson(request);
    let typed: Record<string, string> = {};
    try {
      const { identity, csrf } = await requestIdentity(services, request);
      const result = await acceptInvitation(services, invitation, identity, async () => {
        const body = await readAcceptanceBody(request, (values) => (typed = values));
        if (csrf !== undefined && !csrfTokenMatches(csrf, body.csrf)) {
          throw new ProblemError({
            status: 403,
            code: 'CSRF_TOKEN_INVALID',
            title: 'Forbidden',
            detail: 'The form is out of date; open the invitation again and resubmit.',
          });
        }
        return body.signer;
      });
      return redirectTo(result.portalUrl, json, invitation);
    } catch (error) {
      const problem = asProblem(error);
      if (!json && problem !== undefined && isPageProblem(problem)) {
        return rerenderPage(services, request, token, invitation, problem, typed);
      }
      throw error;
    }
  }),
});

/**
 * Who is accepting: an API client's bearer token (the customer admin's own), else the browser's
 * signed-in session, whose forms must carry its anti-forgery token.
 */
async function requestIdentity(
  services: AppServices,
  request: HttpRequest,
): Promise<{ identity: CustomerIdentity | undefined; csrf?: string }> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    return { identity: identityFromCaller(await services.tokens.authenticate(authorization)) };
  }
  const session = await sessionOf(services, request);
  return session === undefined
    ? { identity: undefined }
    : { identity: session.identity, csrf: session.csrf };
}

/** Problems the page itself explains: sign-in, eligibility, form errors. */
function isPageProblem(problem: ProblemError): boolean {
  return [
    'UNAUTHENTICATED',
    'GLOBAL_ADMIN_REQUIRED',
    'SIGN_IN_DOMAIN_MISMATCH',
    'CUSTOMER_TENANT_MISMATCH',
    'CSRF_TOKEN_INVALID',
    'MCA_ACCEPTANCE_REQUIRED',
    'VALIDATION_FAILED',
  ].includes(problem.code);
}

async function rerenderPage(
  services: AppServices,
  request: HttpRequest,
  token: string,
  invitation: InvitationDocument,
  problem: ProblemError,
  values: Record<string, string>,
): Promise<HttpResponseInit> {
  const view = await describeAcceptance(services, invitation);
  const session = await sessionOf(services, request);
  // Form errors show next to their fields; an ineligible admin is explained by the sign-in
  // section itself; the rest get a notice above the form.
  const formError =
    problem.code === 'VALIDATION_FAILED' || problem.code === 'MCA_ACCEPTANCE_REQUIRED';
  const eligibility =
    problem.code === 'GLOBAL_ADMIN_REQUIRED' || problem.code === 'SIGN_IN_DOMAIN_MISMATCH';
  const model = acceptancePageModel(view, token, session, {
    ...(Object.keys(values).length > 0 ? { values } : {}),
    ...(formError ? { errors: problem.errors } : {}),
    ...(formError || eligibility ? {} : { notice: problem.code }),
  });
  return htmlPage(problem.status, renderAcceptancePage(model), view.portalUrl);
}

const FORM_MAX_BYTES = 8 * 1024;

/**
 * The acceptance body: a browser form or JSON. Empty means "accept" without an MCA signer,
 * which the service refuses when the customer has not yet accepted the MCA. A form's
 * anti-forgery token is returned beside the signer, never validated as a field of it.
 */
async function readAcceptanceBody(
  request: HttpRequest,
  keepTyped: (values: Record<string, string>) => void,
): Promise<{ signer: McaSigner | undefined; csrf?: string }> {
  const mediaType = mediaTypeOf(request);
  const raw = (await readBodyBytes(request, FORM_MAX_BYTES)).toString('utf8');
  let input: Record<string, unknown>;
  let csrf: string | undefined;
  if (mediaType === 'application/x-www-form-urlencoded') {
    const { csrf: formCsrf, ...values } = Object.fromEntries(new URLSearchParams(raw));
    csrf = formCsrf;
    keepTyped(values);
    input = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, k === 'acceptMca' ? v === 'true' || v === 'on' : v]),
    );
  } else if (mediaType === 'application/json' || (mediaType === '' && raw.trim() === '')) {
    input = parseJsonObject(raw);
  } else {
    throw fieldProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
      'Send a form or application/json.',
      'Unsupported media type',
    );
  }
  const withCsrf = csrf === undefined ? {} : { csrf };
  if (Object.keys(input).length === 0) {
    validate(plainAcceptanceBody, input);
    return { signer: undefined, ...withCsrf };
  }
  const signer = validate(mcaAcceptanceBody, input);
  return {
    signer: {
      firstName: signer.firstName,
      lastName: signer.lastName,
      email: signer.email,
      ...(signer.phoneNumber === undefined ? {} : { phoneNumber: signer.phoneNumber }),
    },
    ...withCsrf,
  };
}

function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === '') {
    return {};
  }
  const value = parseJson(raw);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fieldProblem(400, 'VALIDATION_FAILED', 'body', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
