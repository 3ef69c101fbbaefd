import { ApiProblem, networkProblem, toApiProblem } from './apiProblem';

export interface ApiResult<T> {
  readonly status: number;
  readonly body: T;
  readonly etag: string | undefined;
}

export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly json?: unknown;
  /** A body sent as it is (an uploaded file), with its media type. */
  readonly file?: { readonly body: Blob; readonly type: string };
  /** `blob`: the answer is a file to save (a CSV download), not JSON. */
  readonly responseAs?: 'json' | 'blob';
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | undefined>>;
}

export type ApiCall = <T>(path: string, request?: ApiRequest) => Promise<ApiResult<T>>;

/**
 * The console's one way to call the API: the bearer token, JSON in and out, and every
 * failure as an `ApiProblem`. `onUnauthenticated` runs on a 401 (the token expired).
 */
export function createApiClient(
  baseUrl: string,
  accessToken: () => string,
  onUnauthenticated: () => void,
): ApiCall {
  return async <T>(path: string, request: ApiRequest = {}): Promise<ApiResult<T>> => {
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      Accept: request.responseAs === 'blob' ? '*/*' : 'application/json',
      Authorization: `Bearer ${accessToken()}`,
      ...request.headers,
    };
    if (request.json !== undefined) headers['Content-Type'] = 'application/json';
    if (request.file !== undefined) headers['Content-Type'] = request.file.type;
    const body = request.json !== undefined ? JSON.stringify(request.json) : request.file?.body;
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body }),
      });
    } catch {
      throw networkProblem();
    }
    if (!response.ok) {
      const problem = await toApiProblem(response);
      if (problem.status === 401) onUnauthenticated();
      throw problem;
    }
    const etag = response.headers.get('ETag') ?? undefined;
    if (request.responseAs === 'blob') {
      return { status: response.status, body: (await response.blob()) as T, etag };
    }
    const text = await response.text();
    return {
      status: response.status,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
      etag,
    };
  };
}

export { ApiProblem };
