import {
  app,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
} from '@azure/functions';
import { mcaAcceptanceBody, plainAcceptanceBody } from '../shared/api/schemas';
import { appServices } from '../shared/app/appServices';
import { asProblem, errorResponse } from '../shared/http/endpoint';
import { fieldProblem, type ProblemError } from '../shared/http/problem';
import { mediaTypeOf, parseJson, readBodyBytes, validate } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  acceptInvitation,
  describeAcceptance,
  type McaSigner,
} from '../shared/services/acceptance';
import {
  PAGE_HEADERS,
  renderAcceptancePage,
  renderAcceptedPage,
  renderLinkErrorPage,
} from '../shared/web/acceptancePage';

/** Browsers get HTML; API clients that ask for JSON get JSON (and problem+json errors). */
function wantsJson(request: HttpRequest): boolean {
  return /application\/(problem\+)?json/i.test(request.headers.get('accept') ?? '');
}

function redirectTo(portalUrl: string, json: boolean, locale: 'en-US' | 'de-DE'): HttpResponseInit {
  return json
    ? jsonResponse(303, { status: 'accepted', redirectUrl: portalUrl }, { Location: portalUrl })
    : {
        status: 303,
        headers: { ...PAGE_HEADERS, Location: portalUrl },
        body: renderAcceptedPage(locale, portalUrl),
      };
}

function failure(
  error: unknown,
  request: HttpRequest,
  context: InvocationContext,
): HttpResponseInit {
  const problem = asProblem(error);
  if (wantsJson(request) || problem === undefined) {
    return errorResponse(error, context);
  }
  return {
    status: problem.status,
    headers: PAGE_HEADERS,
    body: renderLinkErrorPage(problem.title, problem.detail ?? problem.title),
  };
}

app.http('showInvitationAcceptance', {
  methods: ['GET'],
  route: 'accept/{token}',
  authLevel: 'anonymous',
  handler: async (request, context) => {
    try {
      const services = appServices();
      const view = await describeAcceptance(services, request.params.token ?? '');
      const { invitation } = view;
      if (view.state === 'accepted') {
        return redirectTo(view.portalUrl, wantsJson(request), invitation.locale);
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
        });
      }
      return {
        status: 200,
        headers: PAGE_HEADERS,
        body: renderAcceptancePage(pageModel(view, request)),
      };
    } catch (error) {
      return failure(error, request, context);
    }
  },
});

app.http('acceptInvitation', {
  methods: ['POST'],
  route: 'accept/{token}',
  authLevel: 'anonymous',
  handler: async (request, context) => {
    const json = wantsJson(request);
    let values: Record<string, string> = {};
    try {
      const services = appServices();
      const result = await acceptInvitation(services, request.params.token ?? '', async () => {
        const body = await readAcceptanceBody(request, (typed) => (values = typed));
        return body.signer;
      });
      return redirectTo(result.portalUrl, json, result.locale);
    } catch (error) {
      const problem = asProblem(error);
      if (!json && problem !== undefined && isFormError(problem)) {
        return rerenderForm(request, problem, values, context);
      }
      return failure(error, request, context);
    }
  },
});

function isFormError(problem: ProblemError): boolean {
  return problem.code === 'MCA_ACCEPTANCE_REQUIRED' || problem.code === 'VALIDATION_FAILED';
}

async function rerenderForm(
  request: HttpRequest,
  problem: ProblemError,
  values: Record<string, string>,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const view = await describeAcceptance(appServices(), request.params.token ?? '');
    return {
      status: problem.status,
      headers: PAGE_HEADERS,
      body: renderAcceptancePage({ ...pageModel(view, request), values, errors: problem.errors }),
    };
  } catch (error) {
    return failure(error, request, context);
  }
}

function pageModel(view: Awaited<ReturnType<typeof describeAcceptance>>, request: HttpRequest) {
  const { invitation } = view;
  return {
    locale: invitation.locale,
    partnerName: invitation.partner.displayName,
    companyName: invitation.customer.companyName,
    includeDelegatedAdmin: invitation.includeDelegatedAdmin,
    expiresAt: invitation.expiresAt,
    mcaRequired: view.mcaRequired,
    formAction: new URL(request.url).pathname,
  };
}

const FORM_MAX_BYTES = 8 * 1024;

/**
 * The acceptance body: a browser form or JSON. Empty means "accept" without an MCA signer,
 * which the service refuses when the customer has not yet accepted the MCA.
 */
async function readAcceptanceBody(
  request: HttpRequest,
  keepTyped: (values: Record<string, string>) => void,
): Promise<{ signer: McaSigner | undefined }> {
  const mediaType = mediaTypeOf(request);
  const raw = (await readBodyBytes(request, FORM_MAX_BYTES)).toString('utf8');
  let input: Record<string, unknown>;
  let values: Record<string, string>;
  if (mediaType === 'application/x-www-form-urlencoded') {
    values = Object.fromEntries(new URLSearchParams(raw));
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
  if (Object.keys(input).length === 0) {
    validate(plainAcceptanceBody, input);
    return { signer: undefined };
  }
  const signer = validate(mcaAcceptanceBody, input);
  return {
    signer: {
      firstName: signer.firstName,
      lastName: signer.lastName,
      email: signer.email,
      ...(signer.phoneNumber === undefined ? {} : { phoneNumber: signer.phoneNumber }),
    },
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
