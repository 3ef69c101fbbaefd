import type { HttpResponseInit } from '@azure/functions';
import type { operations } from './openapiTypes';

/**
 * What a handler may answer, typed from openapi.yaml (`shared/api/openapiTypes.ts`, generated):
 * `ResponseOf<'createWebhook'>` is the union of that operation's documented responses, each a
 * status with its body, so a handler declared to return it fails `tsc` when it answers a status
 * or a JSON body the document does not have. Problems thrown as `ProblemError` are answered by
 * the endpoint wrapper and documented per operation too (the integration tests check them).
 */
export type OperationId = keyof operations;

type Base = Omit<HttpResponseInit, 'status' | 'jsonBody' | 'body'>;

type JsonMedia = 'application/json' | 'application/problem+json';

type ContentAnswer<S, C> = {
  [M in keyof C]: M extends JsonMedia
    ? Base & { status: S; jsonBody: C[M]; body?: never }
    : Base & { status: S; body: HttpResponseInit['body']; jsonBody?: never };
}[keyof C];

type Answer<S, R> = R extends { content: infer C }
  ? ContentAnswer<S, C>
  : Base & { status: S; jsonBody?: never; body?: never };

type ResponsesOf<Op extends OperationId> = operations[Op]['responses'];

export type ResponseOf<Op extends OperationId> = {
  [S in keyof ResponsesOf<Op>]: Answer<S, ResponsesOf<Op>[S]>;
}[keyof ResponsesOf<Op>];

/** A JSON schema of the document by name (`Schema<'Webhook'>`). */
export type Schema<Name extends keyof import('./openapiTypes').components['schemas']> =
  import('./openapiTypes').components['schemas'][Name];
