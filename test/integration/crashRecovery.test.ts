import { randomUUID } from 'node:crypto';
import { STUCK_AFTER_MS } from '../../shared/domain/stuckWork';
import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

/**
 * What a crash between a state write and the queue message that carries it on leaves behind,
 * written here as the crash would leave it, and how the system finishes the work.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** An invitation written `sending` whose email message was never queued (the process died). */
async function cutOffSend(partner: Partner, restedMinutes: number) {
  const body = customerBody();
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  const item = stack.container.item(created.body.id, `partner:${partner.tenantId}`);
  const { resource } = await item.read();
  const at = minutesAgo(restedMinutes);
  await item.replace({
    ...resource,
    status: 'sending',
    updatedAt: at,
    dispatch: { id: randomUUID(), attempts: 0 },
    history: [...resource.history, { at, from: 'draft', to: 'sending', actor: 'partner:x' }],
  });
  return { id: created.body.id as string, email: body.customer.email };
}

function mailsTo(email: string) {
  return stack.sendgrid.messages().filter((m) => m.to.includes(email));
}

describe('work cut off by a crash is finished', () => {
  test('a retried send of an invitation stuck in `sending` sends it, once', async () => {
    const partner = await stack.partnerWithProfile();
    const stuck = await cutOffSend(partner, 2);
    const retried = await partner.api(`/api/invitations/${stuck.id}/send`, { method: 'POST' });
    expect(retried.status).toBe(202);
    expect(retried.body.queued).toBe(true);
    await stack.waitForIdle(15_000);
    expect(mailsTo(stuck.email)).toHaveLength(1);
    expect((await partner.api(`/api/invitations/${stuck.id}`)).body.status).toBe('sent');

    const again = await partner.api(`/api/invitations/${stuck.id}/send`, { method: 'POST' });
    expect(again.body.queued).toBe(false);
    await stack.waitForIdle(15_000);
    expect(mailsTo(stuck.email)).toHaveLength(1);
  });

  test('a retried send re-queues a dispatch whose sender stopped mid-send (its lease lapsed)', async () => {
    const partner = await stack.partnerWithProfile();
    const stuck = await cutOffSend(partner, 2);
    const item = stack.container.item(stuck.id, `partner:${partner.tenantId}`);
    const { resource } = await item.read();
    // Picked up and leased by a delivery that then stopped: attempt 1, lease over a minute ago.
    await item.replace({
      ...resource,
      dispatch: { ...resource.dispatch, attempts: 1, claimedUntil: minutesAgo(1.5) },
    });
    const retried = await partner.api(`/api/invitations/${stuck.id}/send`, { method: 'POST' });
    expect(retried.status).toBe(202);
    expect(retried.body.queued).toBe(true);
    await stack.waitForIdle(15_000);
    expect(mailsTo(stuck.email)).toHaveLength(1);
    expect((await partner.api(`/api/invitations/${stuck.id}`)).body.status).toBe('sent');
  });

  test('a send that is merely in flight is not queued twice by an impatient retry', async () => {
    const partner = await stack.partnerWithProfile();
    const recent = await cutOffSend(partner, 0);
    const retried = await partner.api(`/api/invitations/${recent.id}/send`, { method: 'POST' });
    expect(retried.body.queued).toBe(false);
  });

  test('the resumeStuckWork timer queues stuck dispatches and activations again', async () => {
    const partner = await stack.partnerWithProfile();
    const stuck = await cutOffSend(partner, STUCK_AFTER_MS / 60_000 + 1);

    // Accepted, but the activation message was never queued.
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const item = stack.container.item(created.body.id, `partner:${partner.tenantId}`);
    const admin = await stack.customerAdmin(body.customer.domain);
    expect((await admin.accept(created.body.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);
    const { resource: active } = await item.read();
    const at = minutesAgo(STUCK_AFTER_MS / 60_000 + 1);
    await item.replace({
      ...active,
      status: 'accepted',
      acceptedAt: at,
      updatedAt: at,
      history: active.history.slice(0, -1),
    });
    await stack.container
      .item(`relationship:${created.body.customerId}`, `partner:${partner.tenantId}`)
      .delete();
    expect((await partner.api('/api/customers')).body.items).toHaveLength(0);

    await stack.runTimer('resumeStuckWork');
    await stack.waitForIdle(15_000);

    expect(mailsTo(stuck.email)).toHaveLength(1);
    expect((await partner.api(`/api/invitations/${stuck.id}`)).body.status).toBe('sent');
    expect((await partner.api(`/api/invitations/${created.body.id}`)).body.status).toBe('active');
    expect(
      (await partner.api('/api/customers')).body.items.map((c: { id: string }) => c.id),
    ).toEqual([created.body.customerId]);
  });
});

describe('the contract’s 400s for query strings', () => {
  test('an unknown parameter, even one named like a prototype, is refused by name', async () => {
    const partner = await stack.partnerWithProfile();
    for (const query of ['__proto__=1', 'constructor=1', 'limit=5&sort=asc']) {
      const response = await partner.api(`/api/invitations?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });

  test('a continuation token that decodes to JSON but not to a continuation is refused', async () => {
    const partner = await stack.partnerWithProfile();
    for (const token of ['bnVsbA', 'MQ', 'InRleHQi']) {
      const response = await partner.api(`/api/invitations?continuationToken=${token}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_CONTINUATION_TOKEN');
    }
  });
});
