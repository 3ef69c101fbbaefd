/**
 * Typecheck-only fixture (`npm run typecheck`, part of `npm test`): a handler typed with
 * `ResponseOf<operationId>` cannot answer what openapi.yaml does not document. Each
 * `@ts-expect-error` below is a deliberate mistake; if `tsc` stopped refusing it, the directive
 * would be unused and `tsc` would fail on that line instead.
 */
import type { ResponseOf, Schema } from '../../../shared/api/contractResponses';
import { jsonResponse } from '../../../shared/http/responses';

declare const webhook: Schema<'Webhook'>;
const secret = 'whsec_x';

export async function documented(): Promise<ResponseOf<'createWebhook'>> {
  return jsonResponse(201, { ...webhook, secret }, { Location: `/api/webhooks/${webhook.id}` });
}

export async function undocumentedStatus(): Promise<ResponseOf<'createWebhook'>> {
  // @ts-expect-error 200 is not a documented answer of createWebhook (201 is).
  return jsonResponse(200, { ...webhook, secret });
}

export async function bodyMissingAField(): Promise<ResponseOf<'createWebhook'>> {
  // @ts-expect-error the 201 body is WebhookWithSecret: the secret is required.
  return jsonResponse(201, { ...webhook });
}

export async function wrongFieldType(): Promise<ResponseOf<'getWebhook'>> {
  // @ts-expect-error `events` is an array of event types, not a string.
  return jsonResponse(200, { ...webhook, events: 'all' });
}

export async function undocumentedEnumValue(): Promise<ResponseOf<'getWebhook'>> {
  // @ts-expect-error a webhook's status is only ever `active`.
  return jsonResponse(200, { ...webhook, status: 'deleted' });
}

export async function bodyWhereNoneIsDocumented(): Promise<ResponseOf<'deleteWebhook'>> {
  // @ts-expect-error deleteWebhook answers 204 without a body.
  return jsonResponse(204, { deleted: true });
}
