import type {
  HttpHandler,
  HttpRequest,
  HttpResponseInit,
  InvocationContext,
} from '@azure/functions';
import Negotiator from 'negotiator';
import { isSessionFor, type CustomerSession } from '../auth/customerSession';
import type { Caller } from '../auth/tokenValidator';
import {
  decideAcceptanceEligibility,
  prefilledSigner,
  type CustomerIdentity,
} from '../domain/acceptanceEligibility';
import { LOCALES, type Locale } from '../domain/cloud';
import { asProblem, errorResponse } from '../http/endpoint';
import type { ProblemError } from '../domain/problem';
import { LinkProblem, openLink, type AcceptanceView } from '../services/acceptance';
import type { AppServices } from '../services/dependencies';
import { TenantMismatchProblem } from '../auth/tenantMismatch';
import type { InvitationDocument } from '../store/documents';
import {
  pageHeaders,
  renderLinkErrorPage,
  renderSignInProblemPage,
  type AcceptancePageModel,
  type PageSignIn,
} from './acceptancePage';

/**
 * What the acceptance trigger and the customer sign-in share: content negotiation, the
 * signed-in session, and turning problems into pages in the invitation's language.
 */

/** Browsers get HTML; API clients that ask for JSON get JSON (and problem+json errors). */
export function wantsJson(request: HttpRequest): boolean {
  return /application\/(problem\+)?json/i.test(request.headers.get('accept') ?? '');
}

/** The page language when no invitation names one: the browser's, else English. */
export function browserLocale(request: HttpRequest): Locale {
  const negotiator = new Negotiator({
    headers: { 'accept-language': request.headers.get('accept-language') ?? '' },
  });
  return (negotiator.language([...LOCALES]) as Locale | undefined) ?? 'en-US';
}

/** The acceptance path of a token, relative to the app (no Host header is trusted). */
export function acceptancePath(token: string): string {
  return `/api/accept/${encodeURIComponent(token)}`;
}

/**
 * The signed-in customer admin of this browser on `invitation`'s page, if any: a session made
 * for another invitation, or signed out since (revoked on the server), does not count.
 */
export async function sessionOf(
  services: AppServices,
  request: HttpRequest,
  invitation: InvitationDocument,
): Promise<CustomerSession | undefined> {
  const session = await services.customerCookies.session.open(request.headers.get('cookie'));
  if (session === undefined || !isSessionFor(session, invitation)) {
    return undefined;
  }
  return (await services.sessionRevocations.isRevoked(session.id)) ? undefined : session;
}

/** The identity a validated bearer token describes (API clients instead of a browser). */
export function identityFromCaller(caller: Caller): CustomerIdentity {
  return {
    tenantId: caller.tenantId,
    objectId: caller.userId,
    username: caller.username,
    upn: caller.upn,
    name: caller.name,
    givenName: undefined,
    familyName: undefined,
    email: undefined,
    directoryRoles: caller.directoryRoles,
  };
}

/** This browser's session on an invitation's page, with the owner of the invited domain. */
export interface SignedIn {
  readonly session: CustomerSession;
  /** The tenant that owns the invitation's domain; undefined when none does. */
  readonly domainOwner: string | undefined;
}

/** The signed-in session of this browser for `invitation`'s page, if any. */
export async function signedInOf(
  services: AppServices,
  request: HttpRequest,
  invitation: InvitationDocument,
): Promise<SignedIn | undefined> {
  const session = await sessionOf(services, request, invitation);
  if (session === undefined) {
    return undefined;
  }
  return {
    session,
    domainOwner: await services.domainTenants.ownerOf(invitation.customer.domain),
  };
}

function pageSignIn(signedIn: SignedIn | undefined, domain: string): PageSignIn {
  if (signedIn === undefined) {
    return { kind: 'signed-out' };
  }
  const { session, domainOwner } = signedIn;
  return {
    kind: 'signed-in',
    username: session.identity.username ?? session.identity.objectId,
    tenantId: session.identity.tenantId,
    eligibility: decideAcceptanceEligibility(session.identity, domain, domainOwner),
    csrf: session.csrf,
  };
}

/** The page model of an invitation for this browser's session. */
export function acceptancePageModel(
  view: AcceptanceView,
  token: string,
  signedIn: SignedIn | undefined,
  extra: Pick<AcceptancePageModel, 'values' | 'errors' | 'notice'> = {},
): AcceptancePageModel {
  const { invitation } = view;
  const prefill = signedIn === undefined ? {} : prefilledSigner(signedIn.session.identity);
  return {
    locale: invitation.locale,
    partnerName: invitation.partner.displayName,
    companyName: invitation.customer.companyName,
    domain: invitation.customer.domain,
    includeDelegatedAdmin: invitation.includeDelegatedAdmin,
    delegatedAdmin: view.delegatedAdmin,
    expiresAt: invitation.expiresAt,
    mcaRequired: view.mcaRequired,
    agreementUrl: view.agreement.url,
    path: acceptancePath(token),
    signIn: pageSignIn(signedIn, invitation.customer.domain),
    // What was typed wins; the other form keeps what the sign-in prefilled.
    values: { ...prefill, ...extra.values },
    ...(extra.errors === undefined ? {} : { errors: extra.errors }),
    ...(extra.notice === undefined ? {} : { notice: extra.notice }),
  };
}

/** An HTML page response with the acceptance pages' headers. */
export function htmlPage(status: number, body: string, portalUrl?: string): HttpResponseInit {
  return {
    status,
    headers: pageHeaders(portalUrl === undefined ? undefined : new URL(portalUrl).origin),
    body,
  };
}

/**
 * A problem as the customer sees it: problem+json for API clients; for browsers, a link
 * problem as a page in the invitation's language (the browser's when the link is unknown), a
 * sign-in problem as a page with the way back. Anything else is the API's error mapping.
 */
export function customerFailure(
  error: unknown,
  request: HttpRequest,
  context: InvocationContext,
  invitation?: InvitationDocument,
): HttpResponseInit {
  const problem = asProblem(error);
  if (wantsJson(request) || problem === undefined) {
    return errorResponse(error, context);
  }
  const locale =
    problem instanceof LinkProblem
      ? (problem.locale ?? browserLocale(request))
      : (invitation?.locale ?? browserLocale(request));
  if (problem instanceof LinkProblem) {
    return htmlPage(problem.status, renderLinkErrorPage(locale, problem.code));
  }
  if (isSignInProblem(problem)) {
    return htmlPage(
      problem.status,
      renderSignInProblemPage(locale, problem.code, {
        domain: invitation?.customer.domain ?? '',
        partnerName: invitation?.partner.displayName ?? '',
        ...(invitation === undefined ? {} : { backPath: acceptancePath(invitation.token) }),
      }),
    );
  }
  return errorResponse(error, context);
}

/**
 * Logs a caller refused for being signed in to another organization than the domain's owner:
 * the invitation and the tenant ids, never a name or an address.
 */
export function logTenantMismatch(
  error: unknown,
  context: InvocationContext,
  invitation: InvitationDocument,
): void {
  if (error instanceof TenantMismatchProblem) {
    context.warn(`${context.functionName}: refused, signed in to another organization`, {
      invitationId: invitation.id,
      partnerTenantId: invitation.partnerTenantId,
      ...error.logProperties(),
    });
  }
}

/** What a handler behind an invitation link gets: the link already known to work. */
export interface LinkRequest {
  readonly request: HttpRequest;
  readonly context: InvocationContext;
  readonly services: AppServices;
  readonly token: string;
  readonly invitation: InvitationDocument;
}

/**
 * A handler for a route under `/api/accept/{token}`: the link is opened first (404/410 pages in
 * the right language), and whatever the handler throws becomes the customer's page or problem.
 * `servicesOf` comes from the entry layer (shared/app/entryPoints binds the composition root).
 */
export function linkHandler(
  servicesOf: () => AppServices,
  handle: (args: LinkRequest) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    const token = request.params.token ?? '';
    let invitation: InvitationDocument | undefined;
    try {
      const services = servicesOf();
      invitation = await openLink(services, token);
      return await handle({ request, context, services, token, invitation });
    } catch (error) {
      return customerFailure(error, request, context, invitation);
    }
  };
}

function isSignInProblem(problem: ProblemError): boolean {
  return ['SIGN_IN_FAILED', 'SIGN_IN_EXPIRED', 'CUSTOMER_TENANT_NOT_FOUND'].includes(problem.code);
}
