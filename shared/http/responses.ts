import type { HttpResponseInit } from '@azure/functions';
import { ProblemError } from '../domain/problem';
import { toProblemBody } from './problem';

/**
 * A JSON answer with its status and body types kept, for `ResponseOf` to check; distributes
 * over a union of statuses (`created ? 201 : 200`) so each status is checked on its own.
 */
export type JsonResponse<S extends number, B> = S extends number
  ? Omit<HttpResponseInit, 'status' | 'jsonBody' | 'body'> & {
      status: S;
      jsonBody: B;
      headers: Record<string, string>;
    }
  : never;

/** A JSON response; every API answer goes through here so headers stay consistent. */
export function jsonResponse<S extends number, const B>(
  status: S,
  body: B,
  headers: Record<string, string> = {},
): JsonResponse<S, B> {
  return {
    status,
    jsonBody: body,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  } as unknown as JsonResponse<S, B>; // the object is that type for the one S it is called with
}

/** The one place a `ProblemError` becomes an HTTP response. */
export function problemResponse(problem: ProblemError, instance?: string): HttpResponseInit {
  return {
    status: problem.status,
    jsonBody: toProblemBody(problem, instance),
    headers: {
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...problem.headers,
    },
  };
}

/** Quotes a Cosmos `_etag` as an HTTP entity tag. */
export function httpEtag(etag: string | undefined): string {
  return `"${etag ?? ''}"`;
}

/** Reads an If-Match header back to the stored `_etag` (weak or strong, quoted or not). */
export function etagFromIfMatch(ifMatch: string | null): string | undefined {
  if (ifMatch === null || ifMatch.trim() === '') {
    return undefined;
  }
  return ifMatch
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/**
 * Response headers a page on another origin (the partner console) may read: the ETag for draft
 * edits, Retry-After for the resend wait, Location after a create. Azure's platform CORS
 * (`siteConfig.cors`) adds only Access-Control-Allow-Origin and has no setting for this header,
 * so the app sends it on every answer; without an allowed origin browsers ignore it.
 */
export const EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After'] as const;

/** The response with `Access-Control-Expose-Headers` added, in whatever form its headers are. */
export function withExposedHeaders(response: HttpResponseInit): HttpResponseInit {
  const value = EXPOSED_HEADERS.join(', ');
  const { headers } = response;
  if (headers instanceof Headers) {
    const copy = new Headers(headers);
    copy.set('Access-Control-Expose-Headers', value);
    return { ...response, headers: copy };
  }
  if (Array.isArray(headers)) {
    return { ...response, headers: [...headers, ['Access-Control-Expose-Headers', value]] };
  }
  return { ...response, headers: { ...headers, 'Access-Control-Expose-Headers': value } };
}
