import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { csrfTokenMatches } from '../auth/sealedCookie';
import type { CustomerIdentity } from '../domain/acceptanceEligibility';
import { asProblem } from '../http/endpoint';
import { fieldProblem, ProblemError } from '../domain/problem';
import { mediaTypeOf, parseJson, readBodyBytes } from '../http/requestBody';
import { describeAcceptance } from '../services/acceptance';
import type { AppServices } from '../services/dependencies';
import type { InvitationDocument } from '../store/documents';
import { renderAcceptancePage } from './acceptancePage';
import {
  acceptancePageModel,
  htmlPage,
  identityFromCaller,
  logTenantMismatch,
  sessionOf,
  signedInOf,
  wantsJson,
} from './acceptanceResponses';

/**
 * What the customer's answers (accept, decline) share: who is answering, the body of a browser
 * form or an API client's JSON with the form's anti-forgery field checked, and the page that
 * explains a problem next to the form.
 */

/**
 * Who is answering: an API client's bearer token (the customer admin's own), else the browser's
 * signed-in session, whose forms must carry its anti-forgery token.
 */
export async function requestIdentity(
  services: AppServices,
  request: HttpRequest,
  invitation: InvitationDocument,
): Promise<{ identity: CustomerIdentity | undefined; csrf?: string }> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    return { identity: identityFromCaller(await services.tokens.authenticate(authorization)) };
  }
  const session = await sessionOf(services, request, invitation);
  return session === undefined
    ? { identity: undefined }
    : { identity: session.identity, csrf: session.csrf };
}

const FORM_MAX_BYTES = 8 * 1024;

/**
 * The fields of a browser form or a JSON object (empty means `{}`), with what the person typed
 * kept for the page, and the form's anti-forgery field checked against the session's token
 * (`sessionCsrf` undefined: a bearer-token client, no form).
 */
export async function readCustomerBody(
  request: HttpRequest,
  sessionCsrf: string | undefined,
  keepTyped: (values: Record<string, string>) => void,
): Promise<Record<string, unknown>> {
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
  if (sessionCsrf !== undefined && !csrfTokenMatches(sessionCsrf, csrf)) {
    throw new ProblemError({
      status: 403,
      code: 'CSRF_TOKEN_INVALID',
      title: 'Forbidden',
      detail: 'The form is out of date; open the invitation again and resubmit.',
    });
  }
  return input;
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

/** Problems the page itself explains: sign-in, eligibility, form errors. */
const PAGE_PROBLEMS = [
  'UNAUTHENTICATED',
  'GLOBAL_ADMIN_REQUIRED',
  'SIGN_IN_DOMAIN_MISMATCH',
  'SIGN_IN_TENANT_MISMATCH',
  'CUSTOMER_TENANT_MISMATCH',
  'CSRF_TOKEN_INVALID',
  'MCA_ACCEPTANCE_REQUIRED',
  'VALIDATION_FAILED',
];

/**
 * A browser's answer that did not go through, as the page again: form errors next to their
 * fields, an ineligible admin explained by the sign-in section, the rest as a notice. Anything
 * else (and every JSON client) is rethrown for the usual problem mapping.
 */
export async function answerPageOrThrow(
  error: unknown,
  args: {
    readonly services: AppServices;
    readonly request: HttpRequest;
    readonly context: InvocationContext;
    readonly token: string;
    readonly invitation: InvitationDocument;
    readonly typed: Record<string, string>;
  },
): Promise<HttpResponseInit> {
  logTenantMismatch(error, args.context, args.invitation);
  const problem = asProblem(error);
  if (wantsJson(args.request) || problem === undefined || !PAGE_PROBLEMS.includes(problem.code)) {
    throw error;
  }
  const view = await describeAcceptance(args.services, args.invitation);
  const signedIn = await signedInOf(args.services, args.request, args.invitation);
  const formError =
    problem.code === 'VALIDATION_FAILED' || problem.code === 'MCA_ACCEPTANCE_REQUIRED';
  const eligibility = [
    'GLOBAL_ADMIN_REQUIRED',
    'SIGN_IN_DOMAIN_MISMATCH',
    'SIGN_IN_TENANT_MISMATCH',
  ].includes(problem.code);
  const model = acceptancePageModel(view, args.token, signedIn, {
    ...(Object.keys(args.typed).length > 0 ? { values: args.typed } : {}),
    ...(formError ? { errors: problem.errors } : {}),
    ...(formError || eligibility ? {} : { notice: problem.code }),
  });
  return htmlPage(problem.status, renderAcceptancePage(model), view.portalUrl);
}
