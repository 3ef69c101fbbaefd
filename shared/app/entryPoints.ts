/**
 * The wrappers the function files register their handlers with, bound to the composition root:
 * http/, queue/ and web/ take the services as a parameter, and only this module (with
 * appServices, the entry layer's) knows where the process-wide services come from.
 */
import type { HttpHandler, HttpResponseInit } from '@azure/functions';
import type * as z from 'zod';
import * as http from '../http/endpoint';
import * as queue from '../queue/queueMessages';
import type { AppServices } from '../services/dependencies';
import * as web from '../web/acceptanceResponses';
import { appServices } from './appServices';

type Handler<A> = (args: A) => Promise<HttpResponseInit>;

/** Any endpoint: error mapping only. */
export const endpoint = (handler: Handler<http.EndpointArgs>): HttpHandler =>
  http.endpoint(appServices, handler);

/** An endpoint for partner users with one of `roles`. */
export const partnerEndpoint = (
  roles: readonly string[],
  handler: Handler<http.PartnerEndpointArgs>,
): HttpHandler => http.partnerEndpoint(appServices, roles, handler);

/** An endpoint for a customer's Global Administrator. */
export const customerAdminEndpoint = (handler: Handler<http.PartnerEndpointArgs>): HttpHandler =>
  http.customerAdminEndpoint(appServices, handler);

/** A queue-triggered handler of messages that `schema` validates. */
export const queueHandler = <S extends z.ZodType>(
  schema: S,
  handler: Parameters<typeof queue.queueHandler<S, AppServices>>[2],
) => queue.queueHandler(appServices, schema, handler);

/** A handler behind an invitation link (`/api/accept/{token}`). */
export const linkHandler = (handle: Handler<web.LinkRequest>): HttpHandler =>
  web.linkHandler(appServices, handle);
