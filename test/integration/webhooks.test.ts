import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { appServices } from '../../shared/app/appServices';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret } from '../../shared/domain/webhookSignature';
import {
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  type CustomerIdentity,
} from '../../shared/domain/acceptanceEligibility';
import { tenantIdForDomain } from '../../local/servers/devTokenIssuer';
import { QUEUES, type QueueName } from '../../shared/queue/messageQueue';
import { acceptInvitation } from '../../shared/services/acceptance';
import { activateRelationship } from '../../shared/services/activation';
import type { Dependencies } from '../../shared/services/dependencies';
import { recordEvent, writeWithEvent, type WebhookEventType } from '../../shared/services/events';
import {
  postWebhook,
  type HostLookup,
  type WebhookPost,
  type WebhookPostOptions,
} from '../../shared/outbound/webhookPost';
import { deliverWebhook, fanOutEvent } from '../../shared/services/webhookDelivery';
import { partitionKeys, type InvitationDocument } from '../../shared/store/documents';
import {
  customerBody,
  MCA_SIGNER,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

let stack: TestStack;
const receivers: Receiver[] = [];
/**
 * A second copy of a delivery message (a redelivered fan-out) may find the first one's lease
 * held: it goes back on the queue until the lease lapses, logged as information. Were it to fail
 * the invocation instead (as it once did), the host's error would be captured here.
 */
let leaseHeldErrors: readonly string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ WEBHOOK_MAX_ATTEMPTS: '3' });
  leaseHeldErrors = stack.expectHostErrors(
    /^Executed 'Functions\.deliverWebhook' \(Failed[^]*WebhookLeaseHeldError/,
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.stop()));
  await stack?.close();
});

interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A partner's webhook endpoint on loopback: records what arrives, answers `status`, can go down. */
class Receiver {
  readonly requests: ReceivedRequest[] = [];
  status = 200;
  /** Answers used up one per request before falling back to `status`. */
  readonly nextAnswers: Array<{ status: number; headers?: Record<string, string> }> = [];
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/reseller`;
  }

  /** Listens on a free port the first time, and on the same port after a stop. */
  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = this.nextAnswers.shift() ?? { status: this.status };
        response
          .writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers })
          .end('ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** The endpoint goes down: connections are refused until it starts again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function newReceiver(): Promise<Receiver> {
  const receiver = await new Receiver().start();
  receivers.push(receiver);
  return receiver;
}

async function registerWebhook(
  partner: Partner,
  url: string,
  events: readonly WebhookEventType[] = ['relationship.removed'],
): Promise<{ id: string; secret: string }> {
  const created = await partner.api('/api/webhooks', { method: 'POST', json: { url, events } });
  expect(created.status).toBe(201);
  return { id: created.body.id, secret: created.body.secret };
}

/** Records a webhook event through the real audit service, as the other services do. */
async function recordWebhookEvent(
  partner: Partner,
  action: WebhookEventType = 'relationship.removed',
): Promise<string> {
  const customerId = randomUUID();
  const event = await recordEvent(appServices(), {
    partnerTenantId: partner.tenantId,
    at: new Date().toISOString(),
    actor: `partner:${randomUUID()}`,
    action,
    subject: { kind: 'customer', id: customerId },
    before: { status: 'active' },
    after: { status: 'removed' },
    dedupeKey: `test:${customerId}:${action}`,
  });
  return event.id;
}

async function deliveriesOf(partner: Partner, webhookId: string) {
  const response = await partner.api(`/api/webhooks/${webhookId}/deliveries`);
  expect(response.status).toBe(200);
  return response.body.items as Array<{
    id: string;
    eventId: string;
    eventType: string;
    status: string;
    attempts: Array<{ at: string; status?: number; error?: string; durationMs: number }>;
    nextAttemptAt?: string;
    failureReason?: string;
  }>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A receiver's check, with the Standard Webhooks library: true when `secret` verifies it. */
function verifies(secret: string, request: ReceivedRequest): boolean {
  try {
    new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return false;
    }
    throw error;
  }
}

describe('registering a webhook', () => {
  test('refuses URLs that are not public https, and unknown events, naming the field', async () => {
    const partner = await stack.newPartner();
    const cases = [
      [{ url: 'http://hooks.contoso.example/x', events: ['relationship.removed'] }, 422],
      [{ url: 'https://10.0.0.7/x', events: ['relationship.removed'] }, 422],
      [
        { url: 'https://user:secret@hooks.contoso.example/', events: ['relationship.removed'] },
        422,
      ],
      [{ url: 'https://169.254.169.254/metadata', events: ['relationship.removed'] }, 422],
      // 169.254.169.254 again, spelled as NAT64, 6to4 and IPv4-compatible IPv6 addresses.
      [{ url: 'https://[64:ff9b::a9fe:a9fe]/', events: ['relationship.removed'] }, 422],
      [{ url: 'https://[2002:a9fe:a9fe::]/', events: ['relationship.removed'] }, 422],
      [{ url: 'https://[::a9fe:a9fe]/', events: ['relationship.removed'] }, 422],
      [{ url: 'https://hooks.contoso.example/x', events: ['invitation.created'] }, 400],
      [{ url: 'https://hooks.contoso.example/x', events: [] }, 400],
      [{ url: 'https://hooks.contoso.example/x' }, 400],
      [
        { url: 'https://hooks.contoso.example/x', events: ['invitation.expired'], secret: 'x' },
        400,
      ],
    ] as const;
    for (const [json, status] of cases) {
      const response = await partner.api('/api/webhooks', { method: 'POST', json });
      expect({ json, status: response.status }).toEqual({ json, status });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (status === 422) {
        expect(response.body.code).toBe('WEBHOOK_URL_NOT_ALLOWED');
        expect(response.body.errors[0].field).toBe('url');
      } else {
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    }
    const unknownEvent = await partner.api('/api/webhooks', {
      method: 'POST',
      json: { url: 'https://hooks.contoso.example/x', events: ['relationship.removed', 'nope'] },
    });
    expect(unknownEvent.body.errors).toEqual([
      expect.objectContaining({ field: 'events.1', code: 'INVALID_VALUE' }),
    ]);
    expect((await partner.api('/api/webhooks')).body.items).toEqual([]);
  });

  test('only an admin agent registers; the secret is shown once and never again', async () => {
    const admin = await stack.newPartner(['AdminAgent']);
    const sales = await stack.newPartner(['SalesAgent']);
    const json = { url: 'https://hooks.contoso.example/reseller', events: ['invitation.expired'] };
    const refused = await sales.api('/api/webhooks', { method: 'POST', json });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_REQUIRED');

    const created = await admin.api('/api/webhooks', { method: 'POST', json });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/webhooks/${created.body.id}`);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: json.url,
      events: json.events,
      status: 'active',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      secrets: [{ createdAt: created.body.createdAt }],
    });

    const one = await admin.api(`/api/webhooks/${created.body.id}`);
    const list = await admin.api('/api/webhooks');
    expect(one.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    for (const response of [one, list]) {
      expect(response.text).not.toContain(created.body.secret);
      expect(response.text).not.toContain('"secret"');
      expect(response.text).not.toContain('"value"');
    }
    const { secret: _secret, ...withoutSecret } = created.body;
    expect(one.body).toEqual(withoutSecret);

    const audit = await admin.api('/api/audit-events');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('webhook.created');
    expect(audit.text).not.toContain(created.body.secret);
  });

  test('twenty registrations at once make ten webhooks; deleting one frees its place', async () => {
    const partner = await stack.newPartner();
    const json = { url: 'https://hooks.contoso.example/reseller', events: ['invitation.expired'] };
    const register = () => partner.api('/api/webhooks', { method: 'POST', json });
    const answers = await Promise.all(Array.from({ length: 20 }, register));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.code])).toEqual(
      Array(10).fill([409, 'WEBHOOK_LIMIT_REACHED']),
    );
    expect((await partner.api('/api/webhooks')).body.items).toHaveLength(10);

    const [first] = answers.filter((a) => a.status === 201);
    await partner.api(`/api/webhooks/${first!.body.id}`, { method: 'DELETE' });
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(409);
  });

  test('a place claimed by a registration that died before writing its webhook is taken over', async () => {
    const partner = await stack.newPartner();
    const json = { url: 'https://hooks.contoso.example/reseller', events: ['invitation.expired'] };
    const register = () => partner.api('/api/webhooks', { method: 'POST', json });
    for (let n = 0; n < 9; n++) expect((await register()).status).toBe(201);
    // What a registration leaves when it dies between claiming the place and writing the webhook.
    await addIndexEntry(partner, {
      webhookId: randomUUID(),
      events: ['invitation.expired'],
      claimedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    });
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(409);
    expect((await partner.api('/api/webhooks')).body.items).toHaveLength(10);
    expect((await webhookIndexOf(partner)).entries).toHaveLength(10);
  });
});

/** The partner's webhook index document, as stored. */
async function webhookIndexOf(partner: Partner) {
  const { resource } = await stack.container
    .item('webhookIndex', `partner:${partner.tenantId}`)
    .read();
  return resource as { entries: Array<{ webhookId: string; events: string[]; claimedAt: string }> };
}

async function addIndexEntry(
  partner: Partner,
  entry: { webhookId: string; events: string[]; claimedAt: string },
) {
  const index = await webhookIndexOf(partner);
  await stack.container
    .item('webhookIndex', `partner:${partner.tenantId}`)
    .replace({ ...index, entries: [...index.entries, entry] });
}

/** Every delivery document of the partner, whichever webhook it is for. */
async function allDeliveriesOf(partner: Partner) {
  const { resources } = await stack.container.items
    .query({
      query: "SELECT c.webhookId FROM c WHERE c.pk = @pk AND c.type = 'webhookDelivery'",
      parameters: [{ name: '@pk', value: `partner:${partner.tenantId}` }],
    })
    .fetchAll();
  return resources as Array<{ webhookId: string }>;
}

describe('the webhook index', () => {
  test('entries left by a crashed registration or a crashed delete get no deliveries; the active webhook does', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const active = await registerWebhook(partner, receiver.url);
    const deleted = await registerWebhook(partner, receiver.url);
    // A delete that died after marking the webhook deleted, before clearing its entry.
    const { resource: webhook } = await stack.container
      .item(`webhook:${deleted.id}`, `partner:${partner.tenantId}`)
      .read();
    await stack.container
      .item(`webhook:${deleted.id}`, `partner:${partner.tenantId}`)
      .replace({ ...webhook, status: 'deleted', secrets: [] });
    // A registration that died after its claim, before writing the webhook.
    const neverWritten = randomUUID();
    await addIndexEntry(partner, {
      webhookId: neverWritten,
      events: ['relationship.removed'],
      claimedAt: new Date().toISOString(),
    });

    await recordWebhookEvent(partner);
    await stack.waitForIdle(15_000);

    expect((await allDeliveriesOf(partner)).map((d) => d.webhookId)).toEqual([active.id]);
    expect(receiver.requests).toHaveLength(1);
  });

  test('a partner whose index is missing (webhooks older than the index) gets it rebuilt and its events delivered', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);
    await stack.container.item('webhookIndex', `partner:${partner.tenantId}`).delete();

    await recordWebhookEvent(partner);
    await stack.waitForIdle(15_000);

    expect(receiver.requests).toHaveLength(1);
    expect((await webhookIndexOf(partner)).entries.map((e) => e.webhookId)).toEqual([webhook.id]);
  });

  test('a change written with its event (one batch that also reads the index) reaches the webhook, with or without an index, once', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const pk = `partner:${partner.tenantId}`;
    await registerWebhook(partner, receiver.url);
    const change = (dedupeKey: string, action: WebhookEventType = 'relationship.removed') =>
      writeWithEvent(
        appServices(),
        { kind: 'create', document: { id: `note:${randomUUID()}`, pk, type: 'testNote' } },
        {
          partnerTenantId: partner.tenantId,
          at: new Date().toISOString(),
          actor: 'system',
          action,
          subject: { kind: 'customer', id: dedupeKey },
          before: null,
          after: { status: 'removed' },
          dedupeKey,
        },
      );
    const notes = async () =>
      (
        await stack.container.items
          .query({
            query: "SELECT c.id FROM c WHERE c.pk = @pk AND c.type = 'testNote'",
            parameters: [{ name: '@pk', value: pk }],
          })
          .fetchAll()
      ).resources;

    await change('first');
    // An event no webhook subscribes to: written, nothing delivered.
    await change('unsubscribed', 'relationship.activated');
    await stack.waitForIdle(15_000);
    expect(receiver.requests).toHaveLength(1);

    await stack.container.item('webhookIndex', pk).delete();
    await change('without an index');
    await stack.waitForIdle(15_000);
    expect(receiver.requests).toHaveLength(2);

    // The same event again (its change retried after a crash): the write stands, one delivery.
    await change('first');
    await stack.waitForIdle(15_000);
    expect(await notes()).toHaveLength(4);
    expect(receiver.requests).toHaveLength(2);
  });

  test('deleting a webhook takes it out of the index', async () => {
    const partner = await stack.newPartner();
    const kept = await registerWebhook(partner, 'https://hooks.contoso.example/a');
    const gone = await registerWebhook(partner, 'https://hooks.contoso.example/b');
    expect((await partner.api(`/api/webhooks/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await webhookIndexOf(partner)).entries.map((e) => e.webhookId)).toEqual([kept.id]);
  });
});

/**
 * The services of a process that stops right after the write that stored a change with its
 * event: the message it would then send to `queue` is never sent.
 */
function stopsBeforeQueuing(queue: QueueName): Dependencies {
  const services = appServices();
  return {
    ...services,
    queue: {
      ping: () => services.queue.ping(),
      send: async (name, message, options) => {
        if (name === queue) {
          throw new Error('the process stopped');
        }
        await services.queue.send(name, message, options);
      },
    },
  };
}

/** A signed-in Global Administrator of the tenant the local issuer gives `domain`. */
function globalAdminOf(domain: string): CustomerIdentity {
  return {
    tenantId: tenantIdForDomain(domain),
    objectId: randomUUID(),
    username: `admin@${domain}`,
    upn: `admin@${domain}`,
    name: undefined,
    givenName: undefined,
    familyName: undefined,
    email: undefined,
    directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
  };
}

describe('delivering events', () => {
  test('a change stored by a process that stopped before queuing its webhooks reaches them when it is tried again, once', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
    await registerWebhook(partner, receiver.url, [
      'relationship.accepted',
      'relationship.activated',
    ]);
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    await stack.waitForIdle(15_000);

    const services = appServices();
    const readInvitation = () =>
      services.store.read<InvitationDocument>(
        partitionKeys.partner(partner.tenantId),
        created.body.id,
      );
    const domain = body.customer.domain;
    await expect(
      acceptInvitation(
        stopsBeforeQueuing(QUEUES.partnerEvents),
        (await readInvitation())!,
        globalAdminOf(domain),
        async () => MCA_SIGNER,
      ),
    ).rejects.toThrow('the process stopped');
    const activation = { partnerTenantId: partner.tenantId, invitationId: created.body.id };
    await expect(
      activateRelationship(stopsBeforeQueuing(QUEUES.partnerEvents), activation),
    ).rejects.toThrow('the process stopped');
    expect((await readInvitation())!.status).toBe('active');
    await stack.waitForIdle(15_000);
    expect(receiver.requests).toEqual([]);

    // The activation message comes again (its lease ran out) and the customer clicks again.
    const admin = await stack.customerAdmin(domain);
    for (let round = 0; round < 2; round++) {
      await services.queue.send(QUEUES.relationshipActivation, activation);
      expect((await admin.accept(created.body.acceptUrl, MCA_SIGNER)).status).toBe(303);
      await stack.waitForIdle(15_000);
      expect(receiver.requests.map((r) => r.headers['x-webhook-event-type']).sort()).toEqual([
        'relationship.accepted',
        'relationship.activated',
      ]);
    }
  });

  test('the invitation flow delivers relationship.accepted and .activated, signed with the secret', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
    const webhook = await registerWebhook(partner, receiver.url, [
      'relationship.accepted',
      'relationship.activated',
    ]);
    const unsubscribed = await registerWebhook(partner, `${receiver.url}/removals-only`);

    const body = customerBody();
    const invitation = await partner.api('/api/invitations', { method: 'POST', json: body });
    await partner.api(`/api/invitations/${invitation.body.id}/send`, { method: 'POST' });
    await stack.waitForIdle(15_000);
    const admin = await stack.customerAdmin(body.customer.domain);
    const accepted = await admin.accept(invitation.body.acceptUrl, MCA_SIGNER);
    expect(accepted.status).toBe(303);
    await stack.waitForIdle(15_000);

    expect(receiver.requests.map((r) => r.headers['x-webhook-event-type']).sort()).toEqual([
      'relationship.accepted',
      'relationship.activated',
    ]);
    const audit = await partner.api('/api/audit-events');
    for (const request of receiver.requests) {
      const { headers, body } = request;
      expect(verifies(webhook.secret, request)).toBe(true);
      expect(verifies(newWebhookSecret(), request)).toBe(false);
      expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(headers['content-type']).toBe('application/json');
      expect(headers['user-agent']).toMatch(/^reseller-invitations-webhooks\//);
      const payload = JSON.parse(body);
      expect(payload).toEqual({
        id: headers['webhook-id'],
        type: headers['x-webhook-event-type'],
        occurredAt: expect.any(String),
        partnerTenantId: partner.tenantId,
        data: {
          subject: { kind: 'customer', id: invitation.body.customerId },
          before: null,
          after: expect.objectContaining({ invitationId: invitation.body.id }),
        },
      });
      // The event id is the audit log's, so a receiver can look the change up there.
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({ id: payload.id, action: payload.type, at: payload.occurredAt }),
      );
    }

    const deliveries = await deliveriesOf(partner, webhook.id);
    expect(deliveries).toHaveLength(2);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('succeeded');
      expect(delivery.attempts).toEqual([
        { at: expect.any(String), status: 200, durationMs: expect.any(Number) },
      ]);
    }
    expect(await deliveriesOf(partner, unsubscribed.id)).toEqual([]);
  });

  test('an endpoint that is down gets the delivery again when it comes back', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);
    await receiver.stop();

    const eventId = await recordWebhookEvent(partner);
    const failedOnce = await waitFor('the first attempt to fail', async () => {
      const [delivery] = await deliveriesOf(partner, webhook.id);
      return delivery?.attempts.length === 1 ? delivery : undefined;
    });
    expect(failedOnce).toMatchObject({
      eventId: eventId.replace(/^event:/, ''),
      eventType: 'relationship.removed',
      status: 'pending',
      attempts: [{ error: expect.stringMatching(/ECONNREFUSED|Connection failed/) }],
      nextAttemptAt: expect.any(String),
    });
    await receiver.start();

    await stack.waitForIdle(20_000);
    const [delivery] = await deliveriesOf(partner, webhook.id);
    expect(delivery!.status).toBe('succeeded');
    expect(delivery!.attempts.map((a) => a.status ?? 'error')).toEqual(['error', 200]);
    expect(delivery!.nextAttemptAt).toBeUndefined();
    expect(receiver.requests).toHaveLength(1);
    expect(verifies(webhook.secret, receiver.requests[0]!)).toBe(true);
  });

  test('an endpoint that keeps answering 500 gets WEBHOOK_MAX_ATTEMPTS tries, then the delivery fails', async () => {
    const receiver = await newReceiver();
    receiver.status = 500;
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);

    const started = Date.now();
    await recordWebhookEvent(partner);
    await stack.waitForIdle(25_000);

    const [delivery] = await deliveriesOf(partner, webhook.id);
    expect(delivery).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/3 attempts/),
    });
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(delivery!.nextAttemptAt).toBeUndefined();
    // Backoff: 2 s after the first attempt, 7-8 s after the second.
    const at = delivery!.attempts.map((a) => Date.parse(a.at));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1900);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(6900);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(receiver.requests).toHaveLength(3);
    // Every retry carries the same event id, so a receiver that did process one can dedupe.
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);

    // The partner fixes its receiver and redelivers by hand: a new delivery, same webhook-id.
    receiver.status = 200;
    const deliveryPath = `/api/webhooks/${webhook.id}/deliveries`;
    const redelivered = await partner.api(`${deliveryPath}/${delivery!.id}/redeliver`, {
      method: 'POST',
    });
    expect(redelivered.status).toBe(202);
    expect(redelivered.body).toMatchObject({
      id: `${delivery!.id}-1`,
      eventId: delivery!.eventId,
      redelivery: 1,
      status: 'pending',
    });
    await stack.waitForIdle(15_000);
    expect(receiver.requests).toHaveLength(4);
    expect(receiver.requests[3]!.headers['webhook-id']).toBe(delivery!.eventId);
    expect(verifies(webhook.secret, receiver.requests[3]!)).toBe(true);
    const [newest, original] = await deliveriesOf(partner, webhook.id);
    expect(newest).toMatchObject({ id: `${delivery!.id}-1`, status: 'succeeded' });
    expect(original).toMatchObject({ id: delivery!.id, status: 'failed' });

    for (const [id, status, code] of [
      [delivery!.id, 409, 'DELIVERY_ALREADY_REDELIVERED'],
      [`${delivery!.id}-1`, 409, 'DELIVERY_NOT_FAILED'],
      [`${delivery!.id}-2`, 404, 'NOT_FOUND'],
      ['not-a-delivery', 404, 'NOT_FOUND'],
    ] as const) {
      const again = await partner.api(`${deliveryPath}/${id}/redeliver`, { method: 'POST' });
      expect({ id, status: again.status, code: again.body.code }).toEqual({ id, status, code });
    }
    expect(receiver.requests).toHaveLength(4);
  }, 45_000);

  test('a 429 with a Retry-After longer than the backoff is honoured', async () => {
    const receiver = await newReceiver();
    receiver.nextAnswers.push({ status: 429, headers: { 'Retry-After': '4' } });
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);

    await recordWebhookEvent(partner);
    await stack.waitForIdle(20_000);

    const [delivery] = await deliveriesOf(partner, webhook.id);
    expect(delivery!.status).toBe('succeeded');
    expect(delivery!.attempts.map((a) => a.status)).toEqual([429, 200]);
    const [first, second] = delivery!.attempts.map((a) => Date.parse(a.at));
    expect(second! - first!).toBeGreaterThanOrEqual(3900);
    expect(receiver.requests).toHaveLength(2);
  });

  test('a delivery still pending when its webhook is deleted ends failed, unsent', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);
    await receiver.stop();
    const eventId = await recordWebhookEvent(partner);
    await waitFor('the first attempt to fail', async () => {
      const [delivery] = await deliveriesOf(partner, webhook.id);
      return delivery?.attempts.length === 1 ? delivery : undefined;
    });
    await receiver.start();
    expect((await partner.api(`/api/webhooks/${webhook.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );

    await stack.waitForIdle(20_000);
    expect(receiver.requests).toHaveLength(0);
    const { resource: delivery } = await stack.container
      .item(
        `delivery:${eventId.replace(/^event:/, '')}:${webhook.id}`,
        `partner:${partner.tenantId}`,
      )
      .read();
    expect(delivery).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/deleted/),
    });
    expect(delivery.attempts).toHaveLength(1);
    const { resource: deleted } = await stack.container
      .item(`webhook:${webhook.id}`, `partner:${partner.tenantId}`)
      .read();
    expect(deleted).toMatchObject({ status: 'deleted', secrets: [] });
  });

  test('a redelivered fan-out message makes no second delivery', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);
    const eventId = await recordWebhookEvent(partner);
    const text = Buffer.from(
      JSON.stringify({ partnerTenantId: partner.tenantId, eventId }),
    ).toString('base64');
    const partnerEvents = stack.queueService.getQueueClient(QUEUES.partnerEvents);
    await Promise.all([partnerEvents.sendMessage(text), partnerEvents.sendMessage(text)]);
    await stack.waitForIdle(15_000);

    const deliveries = await deliveriesOf(partner, webhook.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.status).toBe('succeeded');
    expect(deliveries[0]!.attempts).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
    // A copy that found the lease held (if the race went that way) was put back, not failed.
    expect(leaseHeldErrors).toEqual([]);
  });
});

describe('the ping test event', () => {
  test('an admin agent pings a webhook; the receiver gets a signed webhook.ping', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);

    const ping = await partner.api(`/api/webhooks/${webhook.id}/ping`, { method: 'POST' });
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', status: 'pending' });
    await stack.waitForIdle(15_000);

    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(verifies(webhook.secret, request)).toBe(true);
    expect(JSON.parse(request.body)).toEqual({
      id: ping.body.eventId,
      type: 'webhook.ping',
      occurredAt: expect.any(String),
      partnerTenantId: partner.tenantId,
      data: { subject: { kind: 'webhook', id: webhook.id }, before: null, after: null },
    });
    const [delivery] = await deliveriesOf(partner, webhook.id);
    expect(delivery).toMatchObject({ id: ping.body.id, status: 'succeeded' });
    const audit = await partner.api('/api/audit-events');
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ id: ping.body.eventId, action: 'webhook.ping' }),
    );

    const sales = await stack.newPartner(['SalesAgent']);
    const other = await stack.newPartner();
    expect((await other.api(`/api/webhooks/${webhook.id}/ping`, { method: 'POST' })).status).toBe(
      404,
    );
    const forbidden = await sales.api(`/api/webhooks/${webhook.id}/ping`, { method: 'POST' });
    expect(forbidden.body.code).toBe('ROLE_REQUIRED');
  });
});

describe('rotating the secret', () => {
  test('deliveries carry a signature for each valid secret; the new one verifies alone', async () => {
    const receiver = await newReceiver();
    const partner = await stack.newPartner();
    const webhook = await registerWebhook(partner, receiver.url);

    const rotated = await partner.api(`/api/webhooks/${webhook.id}/rotate-secret`, {
      method: 'POST',
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(webhook.secret);
    const [current, previous] = rotated.body.secrets;
    expect(current.expiresAt).toBeUndefined();
    const grace = Date.parse(previous.expiresAt) - Date.parse(current.createdAt);
    expect(grace).toBe(24 * 60 * 60 * 1000);
    const shown = await partner.api(`/api/webhooks/${webhook.id}`);
    expect(shown.text).not.toContain(rotated.body.secret);
    expect(shown.body.secrets).toHaveLength(2);

    await recordWebhookEvent(partner);
    await stack.waitForIdle(15_000);
    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(request.headers['webhook-signature']).toMatch(
      /^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/,
    );
    for (const secret of [rotated.body.secret, webhook.secret]) {
      expect(verifies(secret, request)).toBe(true);
    }
    expect(verifies(newWebhookSecret(), request)).toBe(false);
  });
});

describe('a webhook belongs to its partner', () => {
  test("another partner's webhook is a 404 everywhere; deleting stops deliveries", async () => {
    const receiver = await newReceiver();
    const owner = await stack.newPartner();
    const other = await stack.newPartner();
    const webhook = await registerWebhook(owner, receiver.url);

    for (const [method, path] of [
      ['GET', `/api/webhooks/${webhook.id}`],
      ['DELETE', `/api/webhooks/${webhook.id}`],
      ['POST', `/api/webhooks/${webhook.id}/rotate-secret`],
      ['GET', `/api/webhooks/${webhook.id}/deliveries`],
    ] as const) {
      const response = await other.api(path, { method });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await other.api('/api/webhooks')).body.items).toEqual([]);
    for (const id of ['not-a-uuid', `webhook:${webhook.id}`, 'x'.repeat(300)]) {
      expect((await owner.api(`/api/webhooks/${encodeURIComponent(id)}`)).status).toBe(404);
    }
    expect((await owner.api(`/api/webhooks/${webhook.id}`)).status).toBe(200);

    const deleted = await owner.api(`/api/webhooks/${webhook.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await owner.api(`/api/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await owner.api(`/api/webhooks/${webhook.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await owner.api('/api/webhooks')).body.items).toEqual([]);

    await recordWebhookEvent(owner);
    await stack.waitForIdle(15_000);
    expect(receiver.requests).toHaveLength(0);
    const audit = await owner.api('/api/audit-events');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['webhook.created', 'webhook.deleted', 'relationship.removed']),
    );
  });
});

/**
 * The services of a process whose queue messages go nowhere, so a test runs the fan-out and
 * the delivery itself, with its own lookup and POST, without the host's worker running them first.
 */
function withoutQueue(outbound: Partial<Pick<Dependencies, 'lookupHost' | 'postWebhook'>> = {}) {
  const services = appServices();
  const deps: Dependencies = {
    ...services,
    queue: { ping: () => services.queue.ping(), send: async () => undefined },
    ...outbound,
  };
  return deps;
}

interface PostCall {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly options: WebhookPostOptions;
}

/** Records every POST delivery hands to the outbound adapter, then passes it on to `post`. */
function recordingPost(post: WebhookPost = postWebhook): { post: WebhookPost; calls: PostCall[] } {
  const calls: PostCall[] = [];
  return {
    calls,
    post: (url, headers, body, options) => {
      calls.push({ url, headers, body, options });
      return post(url, headers, body, options);
    },
  };
}

/** A TCP listener on loopback that counts the connections made to it. */
async function connectionCounter(): Promise<{ port: number; count: () => number; close(): void }> {
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    count: () => connections,
    close: () => server.close(),
  };
}

/**
 * Records an event for `url`'s webhook and makes the first delivery attempt with `lookupHost`,
 * its POST going through the real adapter (or `post`), recorded in `calls`.
 */
async function attemptThrough(url: string, lookupHost: HostLookup, post?: WebhookPost) {
  const recorded = recordingPost(post);
  const partner = await stack.newPartner();
  await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
  const webhook = await registerWebhook(partner, url);
  const event = await recordEvent(withoutQueue(), {
    partnerTenantId: partner.tenantId,
    at: new Date().toISOString(),
    actor: `partner:${randomUUID()}`,
    action: 'relationship.removed',
    subject: { kind: 'customer', id: randomUUID() },
    before: { status: 'active' },
    after: { status: 'removed' },
    dedupeKey: `dns:${randomUUID()}`,
  });
  await fanOutEvent(withoutQueue(), {
    partnerTenantId: partner.tenantId,
    eventId: event.id,
    action: 'relationship.removed',
  });
  const stored = await stack.container.items
    .query({
      query: "SELECT c.id FROM c WHERE c.pk = @pk AND c.type = 'webhookDelivery'",
      parameters: [{ name: '@pk', value: partitionKeys.partner(partner.tenantId) }],
    })
    .fetchAll();
  expect(stored.resources).toHaveLength(1);
  const outcome = await deliverWebhook(withoutQueue({ lookupHost, postWebhook: recorded.post }), {
    partnerTenantId: partner.tenantId,
    deliveryId: stored.resources[0].id,
  });
  const [delivery] = await deliveriesOf(partner, webhook.id);
  return { outcome, delivery: delivery!, calls: recorded.calls, event };
}

describe('a webhook name that resolves to an internal address at delivery time', () => {
  test.each([
    ['loopback', ['127.0.0.1']],
    ['link-local (instance metadata)', ['169.254.169.254']],
    ['private', ['10.20.30.40']],
    ['IPv6 loopback among public addresses', ['203.0.114.10', '::1']],
    ['IPv4-mapped loopback', ['::ffff:127.0.0.1']],
  ])('%s: the POST is never made and the delivery says why', async (_name, addresses) => {
    const counter = await connectionCounter();
    try {
      const asked: string[] = [];
      const lookup: HostLookup = async (host) => {
        asked.push(host);
        return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      };
      const { outcome, delivery, calls } = await attemptThrough(
        `https://hooks.fabrikam-dns.example:${counter.port}/events`,
        lookup,
      );
      expect(asked).toEqual(['hooks.fabrikam-dns.example']);
      // Refused by the check before the attempt: the outbound adapter is never asked to POST.
      expect(calls).toEqual([]);
      expect(outcome).toBe('retry-scheduled');
      expect(delivery.attempts).toEqual([
        expect.objectContaining({
          error: 'Not delivered: hooks.fabrikam-dns.example resolves to a non-public address.',
        }),
      ]);
      expect(counter.count()).toBe(0);
    } finally {
      counter.close();
    }
  });

  test('a name re-pointed to loopback after the check is refused when connecting', async () => {
    const counter = await connectionCounter();
    try {
      let lookups = 0;
      // Public when checked, loopback when the connection resolves it (DNS rebinding).
      const rebinding: HostLookup = async () =>
        (lookups += 1) === 1
          ? [{ address: '203.0.114.10', family: 4 }]
          : [{ address: '127.0.0.1', family: 4 }];
      const { delivery, calls } = await attemptThrough(
        `https://rebind.fabrikam-dns.example:${counter.port}/events`,
        rebinding,
      );
      // The check passed, so the POST was made, and the adapter's own lookup refused it.
      expect(calls).toHaveLength(1);
      expect(calls[0]!.options.lookupHost).toBe(rebinding);
      expect(lookups).toBe(2);
      expect(delivery.attempts[0]!.error).toBe(
        'Not delivered: rebind.fabrikam-dns.example resolves to a non-public address.',
      );
      expect(counter.count()).toBe(0);
    } finally {
      counter.close();
    }
  });

  test('the connection goes where the lookup says: localhost, allowed locally, is called', async () => {
    const counter = await connectionCounter();
    try {
      const lookup: HostLookup = async () => [{ address: '127.0.0.1', family: 4 }];
      const { delivery, calls } = await attemptThrough(
        `http://localhost:${counter.port}/events`,
        lookup,
      );
      expect(calls).toHaveLength(1);
      expect(calls[0]!.options.mayBeNonPublic('localhost')).toBe(true);
      expect(counter.count()).toBe(1);
      expect(delivery.attempts[0]!.error).toMatch(/^Connection failed/);
    } finally {
      counter.close();
    }
  });

  test('a public name reaches the adapter with the signed payload and the same lookup', async () => {
    const lookup: HostLookup = async () => [{ address: '203.0.114.10', family: 4 }];
    // The receiver's answer, played by the adapter: no connection leaves this machine.
    const answered: WebhookPost = async () => ({ status: 204, retryAfter: undefined });
    const { outcome, delivery, calls, event } = await attemptThrough(
      'https://hooks.fabrikam-public.example/events',
      lookup,
      answered,
    );
    expect(outcome).toBe('succeeded');
    expect(delivery.attempts).toEqual([expect.objectContaining({ status: 204 })]);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.url).toBe('https://hooks.fabrikam-public.example/events');
    expect(JSON.parse(call!.body)).toMatchObject({ type: 'relationship.removed' });
    expect(call!.headers['webhook-signature']).toMatch(/^v1,/);
    expect(call!.options).toMatchObject({ lookupHost: lookup, timeoutMs: 10_000 });
    // The stack allows http://localhost receivers (WEBHOOK_ALLOW_HTTP_LOOPBACK); no other name.
    expect(call!.options.mayBeNonPublic('hooks.fabrikam-public.example')).toBe(false);
    expect(call!.options.mayBeNonPublic('localhost')).toBe(true);
    expect(event.action).toBe('relationship.removed');
  });
});
