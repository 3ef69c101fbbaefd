import type {
  HttpHandler,
  HttpRequest,
  HttpResponseInit,
  InvocationContext,
} from '@azure/functions';
import { requireCustomerAdmin, requireRole, type Caller } from '../auth/tokenValidator';
import { ConfigurationError } from '../config/appConfig';
import { TenantMismatchProblem } from '../auth/tenantMismatch';
import { DocumentChangedError, InvalidContinuationTokenError } from '../store/documentStore';
import { fieldProblem, ProblemError } from '../domain/problem';
import type { AppServices } from '../services/dependencies';
import { problemResponse, withExposedHeaders } from './responses';

/** What a handler gets: the request, the services, and the invocation for logging. */
export interface EndpointArgs {
  readonly request: HttpRequest;
  readonly services: AppServices;
  readonly context: InvocationContext;
}

export interface PartnerEndpointArgs extends EndpointArgs {
  readonly caller: Caller;
}

/**
 * Wraps a handler with the error mapping every endpoint shares: a `ProblemError` becomes its
 * problem+json; anything else is logged and answered with a 500 (or 503) carrying the
 * invocation id, never a stack trace. Every answer names the headers the console may read.
 * `services` comes from the entry layer (shared/app/entryPoints binds the composition root).
 */
export function endpoint(
  services: () => AppServices,
  handler: (args: EndpointArgs) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    try {
      return withExposedHeaders(await handler({ request, services: services(), context }));
    } catch (error) {
      return withExposedHeaders(errorResponse(error, context));
    }
  };
}

/** An endpoint for partner users: a validated token with one of `roles`. */
export function partnerEndpoint(
  services: () => AppServices,
  roles: readonly string[],
  handler: (args: PartnerEndpointArgs) => Promise<HttpResponseInit>,
): HttpHandler {
  return endpoint(services, async (args) => {
    const caller = await args.services.tokens.authenticate(
      args.request.headers.get('authorization'),
    );
    requireRole(caller, roles);
    return handler({ ...args, caller });
  });
}

/**
 * An endpoint for a customer's administrator: a validated token of the customer's own tenant
 * with the Global Administrator role. The tenant comes from the token, never from the request.
 */
export function customerAdminEndpoint(
  services: () => AppServices,
  handler: (args: PartnerEndpointArgs) => Promise<HttpResponseInit>,
): HttpHandler {
  return endpoint(services, async (args) => {
    const caller = await args.services.tokens.authenticate(
      args.request.headers.get('authorization'),
    );
    requireCustomerAdmin(caller);
    try {
      return await handler({ ...args, caller });
    } catch (error) {
      if (error instanceof TenantMismatchProblem) {
        // Tenant ids only: who the person is stays out of the logs.
        args.context.warn(
          `${args.context.functionName}: refused, signed in to another organization`,
          {
            ...error.logProperties(),
          },
        );
      }
      throw error;
    }
  });
}

/** Maps any error to a response; exported for handlers that render HTML themselves. */
export function errorResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  const problem = asProblem(error);
  if (problem !== undefined) {
    return problemResponse(problem);
  }
  context.error(`Unhandled error in ${context.functionName}:`, error);
  const [status, code, title] =
    error instanceof ConfigurationError
      ? [500, 'SERVICE_MISCONFIGURED', 'The service is misconfigured']
      : isDependencyOutage(error)
        ? [503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable']
        : [500, 'INTERNAL_ERROR', 'Internal error'];
  return problemResponse(
    new ProblemError({
      status,
      code,
      title,
      detail: `Try again later; quote invocation ${context.invocationId} when reporting this.`,
      ...(status === 503 ? { headers: { 'Retry-After': '5' } } : {}),
    }),
    `urn:invocation:${context.invocationId}`,
  );
}

/** A storage, Cosmos or network failure: ours and temporary, so 503 rather than 500. */
function isDependencyOutage(error: unknown): boolean {
  const e = error as { code?: unknown; statusCode?: unknown; name?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : e.code;
  return (
    (typeof status === 'number' && (status >= 500 || status === 429 || status === 408)) ||
    (typeof e.code === 'string' && /^(ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR)/.test(e.code)) ||
    e.name === 'RestError' ||
    (e.name === 'TypeError' && String((error as Error).message).includes('fetch failed'))
  );
}

/** The known errors that are the client's business, as problems. */
export function asProblem(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) {
    return error;
  }
  if (error instanceof DocumentChangedError) {
    // Optimistic concurrency gave up after its retries: the caller can simply try again.
    return new ProblemError({
      status: 409,
      code: 'CONCURRENT_UPDATE',
      title: 'The resource is being changed by another request',
      detail: 'Retry the request.',
      headers: { 'Retry-After': '1' },
    });
  }
  if (error instanceof InvalidContinuationTokenError) {
    return fieldProblem(400, 'INVALID_CONTINUATION_TOKEN', 'continuationToken', error.message);
  }
  return undefined;
}
