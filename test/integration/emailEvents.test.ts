import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PostedEventBatch } from '../../local/servers/sendgridEvents';
import {
  customerBody,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

let stack: TestStack;
let hooks: { server: Server; url: string; bodies: string[] };

beforeAll(async () => {
  stack = await startTestStack({ WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true' });
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  hooks = { server, url: `http://127.0.0.1:${port}/hooks`, bodies };
}, 60_000);

afterAll(async () => {
  hooks?.server.close();
  await stack?.close();
});

async function partnerWithWebhook(): Promise<Partner> {
  const partner = await stack.newPartner();
  await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
  const hook = await partner.api('/api/webhooks', {
    method: 'POST',
    json: { url: hooks.url, events: ['invitation.deliveryFailed'] },
  });
  expect(hook.status).toBe(201);
  return partner;
}

async function sendInvitation(partner: Partner, email?: string) {
  const body = customerBody();
  if (email !== undefined) body.customer.email = email.replace('{domain}', body.customer.domain);
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  expect(created.status).toBe(201);
  const sent = await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
  expect(sent.status).toBe(202);
  return { id: created.body.id as string, body };
}

async function waitForDelivery(partner: Partner, id: string, state: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const invitation = await partner.api(`/api/invitations/${id}`);
    if (invitation.body.delivery?.state === state) {
      // The app may answer the capture's POST before the capture has logged it as posted.
      await stack.sendgrid.events.settled();
      return invitation.body;
    }
    if (Date.now() > deadline) {
      throw new Error(`delivery ${JSON.stringify(invitation.body.delivery)}, wanted ${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The batches the capture posted about one invitation, in order. */
function postedFor(invitationId: string): PostedEventBatch[] {
  return stack.sendgrid.events.posted().filter((batch) => batch.body.includes(invitationId));
}

function postEvents(body: string, headers: Record<string, string>) {
  return stack.api('/api/email-events', {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function signedHeaders(signature: string, timestamp: string): Record<string, string> {
  return {
    'X-Twilio-Email-Event-Webhook-Signature': signature,
    'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
  };
}

/** The webhook requests about one invitation, once at least one has arrived. */
async function webhookBodiesFor(invitationId: string): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const bodies = hooks.bodies.filter((b) => b.includes(invitationId));
    if (bodies.length > 0) return bodies;
    if (Date.now() > deadline) throw new Error(`no webhook request about ${invitationId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deliveryFailedEvents(partner: Partner, invitationId: string) {
  const audit = await partner.api('/api/audit-events?limit=100');
  expect(audit.status).toBe(200);
  return audit.body.items.filter(
    (e: { action: string; subject: { id: string } }) =>
      e.action === 'invitation.deliveryFailed' && e.subject.id === invitationId,
  );
}

describe('email delivery events from SendGrid', () => {
  test('a delivered invitation shows delivered with the time, in the invitation and the list', async () => {
    const partner = await partnerWithWebhook();
    const { id } = await sendInvitation(partner);
    const invitation = await waitForDelivery(partner, id, 'delivered');
    expect(Date.parse(invitation.delivery.at)).not.toBeNaN();
    expect(invitation.delivery.events.map((e: { event: string }) => e.event)).toEqual([
      'processed',
      'delivered',
    ]);
    expect(invitation.status).toBe('sent');
    const list = await partner.api('/api/invitations');
    const summary = list.body.items.find((item: { id: string }) => item.id === id);
    expect(summary.delivery).toEqual({ state: 'delivered', at: invitation.delivery.at });
    expect(await deliveryFailedEvents(partner, id)).toHaveLength(0);
  });

  test('a bounce shows its reason, raises invitation.deliveryFailed, and a new invitation to the fixed address is delivered', async () => {
    const partner = await partnerWithWebhook();
    const { id, body } = await sendInvitation(partner, 'bounce-admin@{domain}');
    const bounced = await waitForDelivery(partner, id, 'bounced');
    expect(bounced.delivery.reason).toContain('5.1.1');
    expect(bounced.delivery.events.at(-1)).toMatchObject({ event: 'bounce' });

    const failures = await deliveryFailedEvents(partner, id);
    expect(failures).toHaveLength(1);
    expect(failures[0].after).toMatchObject({
      delivery: 'bounced',
      email: body.customer.email,
      reason: bounced.delivery.reason,
    });
    const [webhook] = await webhookBodiesFor(id);
    expect(JSON.parse(webhook!).type).toBe('invitation.deliveryFailed');

    // The address of an invitation cannot be changed: the fix is a new one to the right address.
    const revoked = await partner.api(`/api/invitations/${id}/revoke`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    const fixed = await partner.api('/api/invitations', {
      method: 'POST',
      json: { ...body, customer: { ...body.customer, email: `admin@${body.customer.domain}` } },
    });
    expect(fixed.status).toBe(201);
    await partner.api(`/api/invitations/${fixed.body.id}/send`, { method: 'POST' });
    await waitForDelivery(partner, fixed.body.id, 'delivered');
  });

  test('a dropped email shows dropped and raises invitation.deliveryFailed', async () => {
    const partner = await partnerWithWebhook();
    const { id } = await sendInvitation(partner, 'drop-admin@{domain}');
    const dropped = await waitForDelivery(partner, id, 'dropped');
    expect(dropped.delivery.reason).toBe('Bounced Address');
    expect(await deliveryFailedEvents(partner, id)).toHaveLength(1);
  });

  test('a bad, missing or stale signature is refused with 401 and records nothing', async () => {
    const partner = await partnerWithWebhook();
    const { id } = await sendInvitation(partner, 'bounce-x@{domain}');
    await waitForDelivery(partner, id, 'bounced');
    const before = await partner.api(`/api/invitations/${id}`);
    const original = postedFor(id).at(-1)!;
    const forged = original.body
      .replace(/"bounce"/, '"delivered"')
      .replace(/"sg_event_id":"/, '"sg_event_id":"x');

    const tampered = await postEvents(
      forged,
      signedHeaders(original.signature, original.timestamp),
    );
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    expect(tampered.body.code).toBe('SIGNATURE_INVALID');

    const missing = await postEvents(forged, {});
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('SIGNATURE_INVALID');

    const garbage = await postEvents(forged, signedHeaders('not-a-signature', original.timestamp));
    expect(garbage.status).toBe(401);

    const old = stack.sendgrid.events.sign(forged, Math.floor(Date.now() / 1000) - 3600);
    const stale = await postEvents(forged, signedHeaders(old.signature, old.timestamp));
    expect(stale.status).toBe(401);
    expect(stale.body.code).toBe('SIGNATURE_EXPIRED');

    const after = await partner.api(`/api/invitations/${id}`);
    expect(after.body.delivery).toEqual(before.body.delivery);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));

    // The same forged body, properly signed, is taken: the refusals were the signature's.
    const fresh = stack.sendgrid.events.sign(forged);
    const accepted = await postEvents(forged, signedHeaders(fresh.signature, fresh.timestamp));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ recorded: 1, ignored: 0 });
  });

  test('a replayed event is recorded once, and its webhook event raised once', async () => {
    const partner = await partnerWithWebhook();
    const { id } = await sendInvitation(partner, 'bounce-replay@{domain}');
    await waitForDelivery(partner, id, 'bounced');
    const bounce = postedFor(id).at(-1)!;
    expect(bounce.events).toEqual(['bounce']);

    const replayed = await postEvents(
      bounce.body,
      signedHeaders(bounce.signature, bounce.timestamp),
    );
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual({ recorded: 0, ignored: 1 });
    const invitation = await partner.api(`/api/invitations/${id}`);
    expect(invitation.body.delivery.events.map((e: { event: string }) => e.event)).toEqual([
      'processed',
      'bounce',
    ]);
    expect(await deliveryFailedEvents(partner, id)).toHaveLength(1);
    await webhookBodiesFor(id);
    // Give a second delivery every chance to arrive before counting.
    await stack.waitForIdle();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(hooks.bodies.filter((b) => b.includes(id))).toHaveLength(1);
  });

  test("events naming an unknown invitation or another partner's are accepted and change nothing", async () => {
    const owner = await partnerWithWebhook();
    const other = await partnerWithWebhook();
    const { id } = await sendInvitation(owner);
    const delivered = await waitForDelivery(owner, id, 'delivered');
    // The real recipient, so only the partner and the invitation id can keep these out.
    const event = (partnerTenantId: string, invitationId: string) => ({
      event: 'bounce',
      email: delivered.customer.email,
      timestamp: Math.floor(Date.now() / 1000),
      sg_event_id: `evt-${partnerTenantId}-${invitationId}`,
      reason: 'should not be recorded',
      invitationId,
      partnerTenantId,
    });
    const body = JSON.stringify([
      event(other.tenantId, id),
      event(owner.tenantId, '00000000-0000-0000-0000-000000000000'),
      event(owner.tenantId, 'profile'),
      { event: 'click', sg_event_id: 'no-custom-args', timestamp: 1 },
    ]);
    const signed = stack.sendgrid.events.sign(body);
    const response = await postEvents(body, signedHeaders(signed.signature, signed.timestamp));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ recorded: 0, ignored: 4 });
    const after = await owner.api(`/api/invitations/${id}`);
    expect(after.body.delivery).toEqual(delivered.delivery);
    const profile = await owner.api('/api/partner');
    expect(profile.status).toBe(200);
  });

  test('a signed body that is not an array of events is a 400, not a 500', async () => {
    const body = '{"event":"delivered"}';
    const signed = stack.sendgrid.events.sign(body);
    const response = await postEvents(body, signedHeaders(signed.signature, signed.timestamp));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});
