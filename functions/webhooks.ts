import { app, type HttpRequest } from '@azure/functions';
import { actorOf } from '../shared/auth/actor';
import {
  createWebhookBody,
  partnerEventMessage,
  webhookDeliveryListQuery,
  webhookDeliveryMessage,
  webhookIdParam,
} from '../shared/api/webhookSchemas';
import { decodePageToken, toPageBody } from '../shared/api/views';
import {
  toWebhookDeliveryView,
  toWebhookView,
  toWebhookWithSecretView,
} from '../shared/api/webhookViews';
import { PARTNER_ROLES } from '../shared/auth/tokenValidator';
import { partnerEndpoint } from '../shared/app/entryPoints';
import { notFound } from '../shared/domain/problem';
import { readQuery } from '../shared/http/query';
import { readJsonBody } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import { QUEUES } from '../shared/queue/messageQueue';
import { queueHandler } from '../shared/app/entryPoints';
import {
  abandonDelivery,
  deliverWebhook,
  fanOutEvent,
  pingWebhook,
  redeliverWebhookDelivery,
} from '../shared/services/webhookDelivery';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  rotateWebhookSecret,
} from '../shared/services/webhookSubscriptions';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { PartnerEndpointArgs } from '../shared/http/endpoint';

/** Anyone of the partner may look; only an admin agent changes where its data is sent. */
const READ_ROLES = [PARTNER_ROLES.admin, PARTNER_ROLES.sales];
const ADMIN = [PARTNER_ROLES.admin];

/** Route ids are validated like any input; a malformed id cannot exist, so it is a 404. */
function webhookIdOf(request: HttpRequest): string {
  const parsed = webhookIdParam.safeParse(request.params.id);
  if (!parsed.success) {
    throw notFound('The webhook');
  }
  return parsed.data;
}

app.http('createWebhook', {
  methods: ['POST'],
  route: 'webhooks',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ADMIN, createWebhookHandler),
});

async function createWebhookHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'createWebhook'>> {
  const body = await readJsonBody(request, createWebhookBody);
  const { webhook, secret } = await createWebhook(services, caller.tenantId, actorOf(caller), body);
  const view = toWebhookWithSecretView(webhook, secret, services.now());
  return jsonResponse(201, view, { Location: `/api/webhooks/${view.id}` });
}

app.http('listWebhooks', {
  methods: ['GET'],
  route: 'webhooks',
  authLevel: 'anonymous',
  handler: partnerEndpoint(READ_ROLES, listWebhooksHandler),
});

async function listWebhooksHandler({
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listWebhooks'>> {
  const webhooks = await listWebhooks(services, caller.tenantId);
  const now = services.now();
  return jsonResponse(200, { items: webhooks.map((webhook) => toWebhookView(webhook, now)) });
}

app.http('getWebhook', {
  methods: ['GET'],
  route: 'webhooks/{id}',
  authLevel: 'anonymous',
  handler: partnerEndpoint(READ_ROLES, getWebhookHandler),
});

async function getWebhookHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'getWebhook'>> {
  const webhook = await getWebhook(services, caller.tenantId, webhookIdOf(request));
  return jsonResponse(200, toWebhookView(webhook, services.now()));
}

app.http('deleteWebhook', {
  methods: ['DELETE'],
  route: 'webhooks/{id}',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ADMIN, deleteWebhookHandler),
});

async function deleteWebhookHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'deleteWebhook'>> {
  await deleteWebhook(services, caller.tenantId, webhookIdOf(request), actorOf(caller));
  return { status: 204 };
}

app.http('rotateWebhookSecret', {
  methods: ['POST'],
  route: 'webhooks/{id}/rotate-secret',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ADMIN, rotateWebhookSecretHandler),
});

async function rotateWebhookSecretHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'rotateWebhookSecret'>> {
  const { webhook, secret } = await rotateWebhookSecret(
    services,
    caller.tenantId,
    webhookIdOf(request),
    actorOf(caller),
  );
  return jsonResponse(200, toWebhookWithSecretView(webhook, secret, services.now()));
}

app.http('listWebhookDeliveries', {
  methods: ['GET'],
  route: 'webhooks/{id}/deliveries',
  authLevel: 'anonymous',
  handler: partnerEndpoint(READ_ROLES, listWebhookDeliveriesHandler),
});

async function listWebhookDeliveriesHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'listWebhookDeliveries'>> {
  const id = webhookIdOf(request);
  const query = readQuery(request, webhookDeliveryListQuery);
  const continuationToken = decodePageToken(query.continuationToken);
  const page = await listWebhookDeliveries(services, caller.tenantId, id, {
    limit: query.limit,
    ...(continuationToken === undefined ? {} : { continuationToken }),
  });
  return jsonResponse(200, toPageBody(page, toWebhookDeliveryView));
}

app.http('pingWebhook', {
  methods: ['POST'],
  route: 'webhooks/{id}/ping',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ADMIN, pingWebhookHandler),
});

/** Queues a test event to one of the caller's webhooks and answers 202 with its delivery. */
async function pingWebhookHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'pingWebhook'>> {
  const webhookId = webhookIdOf(request);
  const delivery = await pingWebhook(services, caller.tenantId, webhookId, actorOf(caller));
  return jsonResponse(202, toWebhookDeliveryView(delivery));
}

app.http('redeliverWebhookDelivery', {
  methods: ['POST'],
  route: 'webhooks/{id}/deliveries/{deliveryId}/redeliver',
  authLevel: 'anonymous',
  handler: partnerEndpoint(ADMIN, redeliverWebhookDeliveryHandler),
});

/** Queues one earlier delivery again and answers 202 with the new delivery. */
async function redeliverWebhookDeliveryHandler({
  request,
  services,
  caller,
}: PartnerEndpointArgs): Promise<ResponseOf<'redeliverWebhookDelivery'>> {
  const deliveryId = request.params.deliveryId ?? '';
  const delivery = await redeliverWebhookDelivery(
    services,
    caller.tenantId,
    webhookIdOf(request),
    deliveryId,
  );
  return jsonResponse(202, toWebhookDeliveryView(delivery));
}

app.storageQueue('fanOutPartnerEvent', {
  queueName: QUEUES.partnerEvents,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(partnerEventMessage, (message, services) => fanOutEvent(services, message)),
});

app.storageQueue('deliverWebhook', {
  queueName: QUEUES.webhookDelivery,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(webhookDeliveryMessage, (message, services) =>
    deliverWebhook(services, message),
  ),
});

app.storageQueue('abandonWebhookDelivery', {
  queueName: `${QUEUES.webhookDelivery}-poison`,
  connection: 'AzureWebJobsStorage',
  handler: queueHandler(webhookDeliveryMessage, async (message, services) =>
    (await abandonDelivery(services, message)) ? 'marked failed' : 'nothing to do',
  ),
});
