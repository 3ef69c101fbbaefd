import createClient from 'openapi-fetch';
import type { paths } from '../../../shared/api/openapiTypes';
import { ApiProblem, networkProblem, toApiProblem } from './apiProblem';

/**
 * The API as `openapi.yaml` documents it: every path, parameter, body and answer the console
 * uses is a generated type, so a call the document lacks fails `tsc`.
 */
export type ApiClient = ReturnType<typeof createClient<paths, `${string}/json`>>;

/**
 * The console's one way to call the API: the bearer token on every request, and every failure
 * thrown as an `ApiProblem` (so a call that returns has the documented success body).
 * `onUnauthenticated` runs on a 401 (the token expired).
 */
export function createApiClient(
  baseUrl: string,
  accessToken: () => string,
  onUnauthenticated: () => void,
): ApiClient {
  return createClient<paths, `${string}/json`>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    fetch: async (request: Request): Promise<Response> => {
      request.headers.set('Authorization', `Bearer ${accessToken()}`);
      let response: Response;
      try {
        response = await fetch(request);
      } catch {
        throw networkProblem();
      }
      if (!response.ok) {
        const problem = await toApiProblem(response);
        if (problem.status === 401) onUnauthenticated();
        throw problem;
      }
      return response;
    },
  });
}

/** A successful answer: the documented body, its status and its ETag. */
export interface Answer<T> {
  readonly status: number;
  readonly body: T;
  readonly etag: string | undefined;
}

/**
 * Waits for a call and keeps what the console reads. Failures never get here (the client
 * throws them), so the body is the operation's documented success body.
 */
export async function answered<R extends { readonly data?: unknown; readonly response: Response }>(
  call: Promise<R>,
): Promise<Answer<Exclude<R['data'], undefined>>> {
  const { data, response } = await call;
  return {
    status: response.status,
    body: data as Exclude<R['data'], undefined>,
    etag: response.headers.get('ETag') ?? undefined,
  };
}

/** Query values as the API wants them: an empty text box is no filter, not `?search=`. */
export function filled<T extends Readonly<Record<string, string | number | boolean | undefined>>>(
  query: T,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
  ) as Partial<T>;
}

export { ApiProblem };
