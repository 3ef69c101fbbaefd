import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { InMemoryLogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { appServices } from '../../shared/app/appServices';
import { QUEUES } from '../../shared/queue/messageQueue';
import { dispatchInvitationEmailWithOthers } from '../../shared/services/emailDispatch';
import { installTelemetrySdk, type InstalledTelemetry } from '../../shared/telemetry/telemetrySdk';
import { queueMessage } from './support/storeAccess';
import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  tokenOf,
  type Partner,
  type TestStack,
} from './support/testStack';

/*
 * The telemetry the app exports, caught in memory on the real local stack: the SDK is installed
 * by the same function that installs the Azure Monitor exporters in Azure, with in-memory
 * exporters in their place.
 */
const spans = new InMemorySpanExporter();
const logRecords = new InMemoryLogRecordExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
let telemetry: InstalledTelemetry;
let stack: TestStack;

beforeAll(async () => {
  telemetry = installTelemetrySdk({
    spans,
    logs: logRecords,
    metrics: new PeriodicExportingMetricReader({
      exporter: metricExporter,
      exportIntervalMillis: 3_600_000,
    }),
    immediate: true,
  });
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
  await telemetry?.tracerProvider.shutdown();
});

const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];

function spansWhere(predicate: (span: ReadableSpan) => boolean): ReadableSpan[] {
  return spans.getFinishedSpans().filter(predicate);
}

function onlySpan(predicate: (span: ReadableSpan) => boolean): ReadableSpan {
  const found = spansWhere(predicate);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Every string telemetry exported: span names, attributes, statuses, links; log bodies and attributes. */
function exportedText(): string[] {
  const texts: string[] = [];
  const addAttributes = (attributes: Record<string, unknown> | undefined) => {
    for (const [key, value] of Object.entries(attributes ?? {}))
      texts.push(`${key}=${String(value)}`);
  };
  for (const span of spans.getFinishedSpans()) {
    texts.push(span.name, span.status.message ?? '');
    addAttributes(span.attributes);
    span.events.forEach((event) => addAttributes(event.attributes));
    span.links.forEach((link) => addAttributes(link.attributes));
  }
  for (const record of logRecords.getFinishedLogRecords()) {
    texts.push(String(record.body));
    addAttributes(record.attributes);
  }
  return texts;
}

async function createAndSend(partner: Partner) {
  const body = customerBody();
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  expect(created.status).toBe(201);
  const sent = await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
  expect(sent.status).toBe(202);
  await stack.waitForIdle(15_000);
  return { body, invitation: created.body as { id: string; acceptUrl: string } };
}

async function funnelCounts(): Promise<Record<string, number>> {
  await telemetry.meterProvider.forceFlush();
  const latest = metricExporter.getMetrics().at(-1);
  const funnel = latest?.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((metric) => metric.descriptor.name === 'invitation.funnel');
  return Object.fromEntries(
    (funnel?.dataPoints ?? []).map((point) => [String(point.attributes.step), Number(point.value)]),
  );
}

describe('one trace per invitation journey', () => {
  test('POST /api/invitations, the send, the dispatch and the SendGrid request share one trace id', async () => {
    const partner = await stack.partnerWithProfile();
    const { invitation } = await createAndSend(partner);

    const create = onlySpan(
      (span) =>
        span.kind === SpanKind.SERVER &&
        span.attributes['faas.name'] === 'createInvitation' &&
        spansWhere(
          (child) =>
            child.spanContext().traceId === span.spanContext().traceId &&
            child.name === 'SendGrid mail send' &&
            child.attributes['reseller.invitationId'] === invitation.id,
        ).length === 1,
    );
    expect(create.name).toBe('POST /api/invitations');
    const traceId = create.spanContext().traceId;

    const dispatch = onlySpan(
      (span) =>
        span.kind === SpanKind.CONSUMER &&
        span.attributes['messaging.destination.name'] === QUEUES.invitationEmail &&
        span.attributes['reseller.invitationId'] === invitation.id,
    );
    expect(dispatch.spanContext().traceId).toBe(traceId);
    const sendGrid = onlySpan(
      (span) =>
        span.name === 'SendGrid mail send' &&
        span.attributes['reseller.invitationId'] === invitation.id,
    );
    expect(sendGrid.kind).toBe(SpanKind.CLIENT);
    expect(sendGrid.parentSpanContext?.spanId).toBe(dispatch.spanContext().spanId);
    expect(sendGrid.attributes['http.response.status_code']).toBe(202);

    // What SendGrid received carries the same trace, and its delivery events will too.
    const mail = stack.sendgrid.messages().find((m) => m.customArgs.invitationId === invitation.id);
    expect(traceIdOf(mail?.customArgs.traceparent)).toBe(traceId);

    // The send request is a trace of its own that links to the invitation's.
    const send = onlySpan(
      (span) =>
        span.attributes['faas.name'] === 'sendInvitation' &&
        span.links.some((link) => link.context.traceId === traceId),
    );
    expect(send.spanContext().traceId).not.toBe(traceId);

    // Cosmos DB calls are dependency spans of the same trace.
    const cosmos = spansWhere(
      (span) =>
        span.spanContext().traceId === traceId && span.attributes['db.system'] === 'cosmosdb',
    );
    expect(cosmos.length).toBeGreaterThan(0);
    expect(cosmos.every((span) => span.kind === SpanKind.CLIENT)).toBe(true);
  });

  test('single sends that go to SendGrid together each carry their own journey to it', async () => {
    const partner = await stack.partnerWithProfile();
    const journeys: { invitationId: string; dispatchId: string; traceId: string }[] = [];
    for (let n = 0; n < 3; n++) {
      const created = await partner.api('/api/invitations', {
        method: 'POST',
        json: customerBody(),
      });
      expect(created.status).toBe(201);
      const item = stack.container.item(created.body.id, `partner:${partner.tenantId}`);
      const { resource: draft } = await item.read();
      // `sending` for a dispatch of this test's own: no queue message sends it meanwhile.
      const dispatchId = crypto.randomUUID();
      await item.replace({
        ...draft,
        status: 'sending',
        dispatch: { id: dispatchId, attempts: 0 },
      });
      const traceId = crypto.randomUUID().replace(/-/g, '');
      journeys.push({ invitationId: created.body.id, dispatchId, traceId });
    }
    // Each message handled in its own journey's trace, as the host continues the message's.
    const outcomes = await Promise.all(
      journeys.map(({ invitationId, dispatchId, traceId }) =>
        context.with(
          trace.setSpanContext(context.active(), {
            traceId,
            spanId: traceId.slice(0, 16),
            traceFlags: TraceFlags.SAMPLED,
          }),
          () =>
            dispatchInvitationEmailWithOthers(appServices(), {
              partnerTenantId: partner.tenantId,
              invitationId,
              dispatchId,
            }),
        ),
      ),
    );

    expect(outcomes).toEqual(['sent', 'sent', 'sent']);
    const mails = journeys.map(({ invitationId }) =>
      stack.sendgrid.messages().find((m) => m.customArgs.invitationId === invitationId)!,
    );
    expect(new Set(mails.map((m) => m.requestId)).size).toBe(1);
    mails.forEach((mail, n) => {
      expect(traceIdOf(mail.customArgs.traceparent)).toBe(journeys[n]!.traceId);
    });
    // The one request's span is in one journey's trace and linked to the other two.
    const request = onlySpan(
      (span) =>
        span.name === 'SendGrid mail send' &&
        journeys.some(({ traceId }) => span.spanContext().traceId === traceId),
    );
    const linked = request.links.map((link) => link.context.traceId);
    expect([request.spanContext().traceId, ...linked].sort()).toEqual(
      journeys.map(({ traceId }) => traceId).sort(),
    );
  });

  test('acceptance, activation and the webhook delivery are one trace, linked to the invitation trace', async () => {
    const partner = await stack.partnerWithProfile();
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const webhook = await partner.api('/api/webhooks', {
      method: 'POST',
      json: { url: `http://127.0.0.1:${port}/hook`, events: ['relationship.activated'] },
    });
    expect(webhook.status).toBe(201);
    const { body, invitation } = await createAndSend(partner);
    const invitationTrace = onlySpan(
      (span) =>
        span.name === 'SendGrid mail send' &&
        span.attributes['reseller.invitationId'] === invitation.id,
    ).spanContext().traceId;

    const admin = await stack.customerAdmin(body.customer.domain);
    const accepted = await admin.accept(invitation.acceptUrl, MCA_SIGNER);
    expect(accepted.status).toBe(303);
    await stack.waitForIdle(15_000);

    const activation = onlySpan(
      (span) =>
        span.kind === SpanKind.CONSUMER &&
        span.attributes['messaging.destination.name'] === QUEUES.relationshipActivation &&
        span.attributes['reseller.invitationId'] === invitation.id,
    );
    const acceptanceTrace = activation.spanContext().traceId;
    expect(acceptanceTrace).not.toBe(invitationTrace);
    const acceptance = onlySpan(
      (span) =>
        span.kind === SpanKind.SERVER &&
        span.attributes['faas.name'] === 'acceptInvitation' &&
        span.spanContext().traceId === acceptanceTrace,
    );
    // The route template names the span, never the link's token.
    expect(acceptance.name).toBe('POST /api/accept/{token}');
    expect(acceptance.links.map((link) => link.context.traceId)).toContain(invitationTrace);
    expect(activation.parentSpanContext?.traceId).toBe(acceptanceTrace);

    // The partner's webhook hears of the activation in the same trace: the delivery function
    // and its POST to the receiver, a dependency span with the receiver's answer.
    const delivery = onlySpan(
      (span) =>
        span.kind === SpanKind.CONSUMER &&
        span.attributes['messaging.destination.name'] === QUEUES.webhookDelivery &&
        span.attributes['reseller.partnerTenantId'] === partner.tenantId,
    );
    expect(delivery.spanContext().traceId).toBe(acceptanceTrace);
    const post = onlySpan(
      (span) =>
        span.kind === SpanKind.CLIENT && span.attributes['server.address'] === `127.0.0.1:${port}`,
    );
    expect(post.spanContext().traceId).toBe(acceptanceTrace);
    expect(post.attributes['http.response.status_code']).toBe(204);
    await new Promise((resolve) => receiver.close(resolve));

    const funnel = await funnelCounts();
    for (const step of ['created', 'sent', 'accepted', 'activated']) {
      expect({ step, counted: (funnel[step] ?? 0) > 0 }).toEqual({ step, counted: true });
    }
  });
});

describe('structured logs', () => {
  test('name the invitation and partner as properties; no email address or token is exported', async () => {
    const partner = await stack.partnerWithProfile();
    const { body, invitation } = await createAndSend(partner);
    const admin = await stack.customerAdmin(body.customer.domain);
    expect((await admin.accept(invitation.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);
    await telemetry.loggerProvider.forceFlush();

    const sentLog = logRecords
      .getFinishedLogRecords()
      .find(
        (record: ReadableLogRecord) =>
          record.attributes.event === 'email.dispatch.sent' &&
          record.attributes.invitationId === invitation.id,
      );
    expect(sentLog?.attributes).toMatchObject({
      partnerTenantId: partner.tenantId,
      queue: QUEUES.invitationEmail,
      outcome: 'sent',
    });
    expect(sentLog?.spanContext?.traceId).toEqual(expect.any(String));

    const text = exportedText();
    const secrets = [
      body.customer.email,
      tokenOf(invitation.acceptUrl),
      partner.token,
      admin.token,
      admin.username,
    ];
    for (const secret of secrets) {
      expect(text.filter((entry) => entry.includes(secret))).toEqual([]);
    }
    expect(text.filter((entry) => /[\w.+-]+@[\w-]+\.[\w.-]+/.test(entry))).toEqual([]);
  });
});

describe('expected races', () => {
  test('a dispatch that finds the send lease held is retried later and logs no error', async () => {
    const partner = await stack.partnerWithProfile();
    const { invitation } = await createAndSend(partner);
    const item = stack.container.item(invitation.id, `partner:${partner.tenantId}`);
    const { resource: sent } = await item.read();
    // As if another worker had just taken the lease for this dispatch and not finished it.
    await item.replace({
      ...sent,
      status: 'sending',
      dispatch: {
        ...sent.dispatch,
        claimedUntil: new Date(Date.now() + 2_000).toISOString(),
      },
    });
    const errorsBefore = stack.logs.filter((line) => /^(error|critical):/.test(line)).length;
    const mailsBefore = stack.sendgrid.messages().length;

    await queueMessage(stack, QUEUES.invitationEmail, {
      partnerTenantId: partner.tenantId,
      invitationId: invitation.id,
      dispatchId: sent.dispatch.id,
    });
    await stack.waitForIdle(15_000);
    // The copy put back waits for the lease to lapse; then it sends.
    for (let i = 0; i < 100; i++) {
      if (stack.sendgrid.messages().length > mailsBefore) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await stack.waitForIdle(15_000);
    }
    await telemetry.loggerProvider.forceFlush();

    const records = logRecords
      .getFinishedLogRecords()
      .filter((record) => record.attributes.invitationId === invitation.id);
    const retried = records.find((record) => record.attributes.event === 'queue.retryLater');
    expect(retried?.severityNumber).toBe(SeverityNumber.INFO);
    expect(retried?.attributes.outcome).toBe('lease-held');
    expect(
      records.filter((record) => (record.severityNumber ?? 0) >= SeverityNumber.ERROR),
    ).toEqual([]);
    expect(stack.logs.filter((line) => /^(error|critical):/.test(line)).length).toBe(errorsBefore);
    expect(stack.sendgrid.messages().length).toBe(mailsBefore + 1);
    const failedDispatches = spansWhere(
      (span) =>
        span.attributes['reseller.invitationId'] === invitation.id &&
        span.kind === SpanKind.CONSUMER &&
        span.status.code === 2,
    );
    expect(failedDispatches).toEqual([]);
    // Its second email's delivery events are counted before the next test reads the funnel.
    await stack.sendgrid.events.settled();
  });
});

async function waitForDeliveryState(partner: Partner, id: string, state: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await stack.sendgrid.events.settled();
    await stack.waitForIdle(15_000);
    const invitation = await partner.api(`/api/invitations/${id}`);
    if (invitation.body.delivery?.state === state) return;
    if (Date.now() > deadline) throw new Error(`delivery of ${id} never became ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function gaugeValues(name: string): Promise<Record<string, number>> {
  await telemetry.meterProvider.forceFlush();
  const metric = metricExporter
    .getMetrics()
    .at(-1)
    ?.scopeMetrics.flatMap((scope) => scope.metrics)
    .find((candidate) => candidate.descriptor.name === name);
  return Object.fromEntries(
    (metric?.dataPoints ?? []).map((point) => [
      String(point.attributes.queue),
      Number(point.value),
    ]),
  );
}

describe('metrics', () => {
  test("SendGrid's delivered and bounce events count the funnel's delivered and bounced steps, once each", async () => {
    const partner = await stack.partnerWithProfile();
    const before = await funnelCounts();
    const delivered = await createAndSend(partner);
    await waitForDeliveryState(partner, delivered.invitation.id, 'delivered');
    const body = customerBody();
    body.customer.email = `bounce-admin@${body.customer.domain}`;
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    await waitForDeliveryState(partner, created.body.id, 'bounced');

    const after = await funnelCounts();
    expect((after.delivered ?? 0) - (before.delivered ?? 0)).toBe(1);
    expect((after.bounced ?? 0) - (before.bounced ?? 0)).toBe(1);
    expect((after.sent ?? 0) - (before.sent ?? 0)).toBe(2);
  }, 60_000);

  test('the stuck-work timer records each queue and poison queue length and the age of its oldest message', async () => {
    // relationship-activation-poison has no function taking from it: the message stays.
    await queueMessage(stack, `${QUEUES.relationshipActivation}-poison`, {
      partnerTenantId: '00000000-0000-0000-0000-00000000beef',
      invitationId: 'parked',
    });
    await stack.runTimer('resumeStuckWork');

    const lengths = await gaugeValues('queue.length');
    expect(Object.keys(lengths).sort()).toEqual(
      Object.values(QUEUES)
        .flatMap((queue) => [queue, `${queue}-poison`])
        .sort(),
    );
    expect(lengths[`${QUEUES.relationshipActivation}-poison`]).toBeGreaterThanOrEqual(1);
    const ages = await gaugeValues('queue.oldest.message.age');
    expect(ages[`${QUEUES.relationshipActivation}-poison`]).toBeGreaterThanOrEqual(0);
    expect(ages[QUEUES.invitationEmail]).toBe(0);
  }, 60_000);
});
