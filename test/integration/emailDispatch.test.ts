import {
  customerBody,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ EMAIL_MAX_ATTEMPTS: '3' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

beforeEach(() => stack.sendgrid.clear());

async function invitationToSend(): Promise<{ partner: Partner; id: string; email: string }> {
  const partner = await stack.newPartner();
  await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
  const body = customerBody();
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  return { partner, id: created.body.id, email: body.customer.email };
}

async function waitForStatus(partner: Partner, id: string, status: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const invitation = await partner.api(`/api/invitations/${id}`);
    if (invitation.body.status === status) return invitation.body;
    if (Date.now() > deadline) {
      throw new Error(`still ${invitation.body.status} after ${timeoutMs} ms, wanted ${status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('email dispatch through SendGrid', () => {
  test('a 429 with Retry-After is retried after that delay and then sent once', async () => {
    const { partner, id, email } = await invitationToSend();
    stack.sendgrid.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await partner.api(`/api/invitations/${id}/send`, { method: 'POST' });
    const sent = await waitForStatus(partner, id, 'sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(stack.sendgrid.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
    expect(sent.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'sending', 'sent']);
  });

  test('invitation emails go out with click and open tracking off, so the personal link is not rewritten', async () => {
    const { partner, id, email } = await invitationToSend();
    await partner.api(`/api/invitations/${id}/send`, { method: 'POST' });
    const sent = await waitForStatus(partner, id, 'sent');
    const [mail] = stack.sendgrid.messages().filter((m) => m.to.includes(email));
    expect(mail!.body).toMatchObject({
      tracking_settings: {
        click_tracking: { enable: false, enable_text: false },
        open_tracking: { enable: false },
      },
    });
    expect(mail!.html).toContain(`href="${sent.acceptUrl}"`);
    expect(mail!.text).toContain(sent.acceptUrl);
  });

  test('a permanent refusal marks the invitation failed with the reason, and it can be sent again', async () => {
    const { partner, id, email } = await invitationToSend();
    stack.sendgrid.failNext(1, { status: 400, message: 'The to address is invalid.' });
    await partner.api(`/api/invitations/${id}/send`, { method: 'POST' });
    const failed = await waitForStatus(partner, id, 'failed');
    expect(failed.failureReason).toContain('400');
    expect(failed.failureReason).toContain('The to address is invalid.');
    expect(stack.sendgrid.messages()).toHaveLength(0);

    const retry = await partner.api(`/api/invitations/${id}/send`, { method: 'POST' });
    expect(retry.status).toBe(202);
    await waitForStatus(partner, id, 'sent');
    expect(stack.sendgrid.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  test('transient failures past the attempt limit end in failed', async () => {
    const { partner, id } = await invitationToSend();
    stack.sendgrid.failNext(3, { status: 503, retryAfterSeconds: 1 });
    await partner.api(`/api/invitations/${id}/send`, { method: 'POST' });
    const failed = await waitForStatus(partner, id, 'failed', 30_000);
    expect(failed.failureReason).toMatch(/Gave up after 3 attempts/);
    expect(stack.sendgrid.messages()).toHaveLength(0);
  });

  test('a revoked invitation whose email is still queued is not sent', async () => {
    const { partner, id } = await invitationToSend();
    stack.sendgrid.failNext(1, { status: 429, retryAfterSeconds: 2 });
    await partner.api(`/api/invitations/${id}/send`, { method: 'POST' });
    const deadline = Date.now() + 10_000;
    const item = stack.container.item(id, `partner:${partner.tenantId}`);
    // Wait until the first attempt was refused, so the retry message sits on the queue.
    while ((await item.read()).resource?.dispatch?.lastError === undefined) {
      if (Date.now() > deadline) throw new Error('the first attempt did not happen');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const revoked = await partner.api(`/api/invitations/${id}/revoke`, { method: 'POST' });
    expect(revoked.body.status).toBe('revoked');
    await stack.waitForIdle(20_000);
    expect(stack.sendgrid.messages()).toHaveLength(0);
    expect((await partner.api(`/api/invitations/${id}`)).body.status).toBe('revoked');
  });
});
